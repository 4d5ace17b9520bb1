// Kept landmarks (schema v6, table `tracks`): one track per set or range check, keyed by its id.
// They stay on this device: not synced (lib/sync mirrors TABLE_NAMES only), not in backups,
// not in the clinician's view. Deleting the set or range check, or all data, deletes its track.
import type { PostureDb } from './db';
import { toStorageError } from './errors';
import { checkTrackRecord, type TrackRecord } from './track-record';

/** Saves (or replaces) a track. Throws a StorageError (quota: storage full) saying what happened. */
export async function saveTrack(db: PostureDb, track: TrackRecord): Promise<void> {
  try {
    await db.tracks.put(track);
  } catch (err) {
    throw toStorageError(err, 'the landmarks');
  }
}

/**
 * The track of a set or range check, checked (`checkTrackRecord`); null when none is kept.
 * Throws a StorageError when it cannot be read, a TrackRecordError when what is stored is damaged.
 */
export async function readTrack(db: PostureDb, id: string): Promise<TrackRecord | null> {
  let stored: unknown;
  try {
    stored = await db.tracks.get(id);
  } catch (err) {
    throw toStorageError(err, 'the landmarks', 'read');
  }
  if (stored === undefined) return null;
  const track = checkTrackRecord(stored);
  if (track.id !== id) throw toStorageError(new Error('the stored landmarks belong to another record'), 'the landmarks', 'read');
  return track;
}

/** The ids of the sets and range checks whose landmarks are kept (keys only: no track is read). */
export async function keptTrackIds(db: PostureDb): Promise<Set<string>> {
  try {
    return new Set((await db.tracks.toCollection().primaryKeys()) as string[]);
  } catch (err) {
    throw toStorageError(err, 'the kept landmarks', 'read');
  }
}

/** Deletes the landmarks of a set or range check (the record stays); nothing happens for an unknown id. */
export async function deleteTrack(db: PostureDb, id: string): Promise<void> {
  try {
    await db.tracks.delete(id);
  } catch (err) {
    throw toStorageError(err, 'the landmarks', 'delete');
  }
}

/**
 * Deletes the tracks whose set or range check is gone (deleted on another device and removed
 * here by sync, which deletes records one table at a time). Returns how many were deleted.
 */
export async function deleteOrphanTracks(db: PostureDb): Promise<number> {
  try {
    return await db.transaction('rw', db.tracks, db.sets, db.rangeChecks, async () => {
      const ids = (await db.tracks.toCollection().primaryKeys()) as string[];
      if (ids.length === 0) return 0;
      const [sets, checks] = await Promise.all([db.sets.bulkGet(ids), db.rangeChecks.bulkGet(ids)]);
      const orphans = ids.filter((_, i) => sets[i] === undefined && checks[i] === undefined);
      if (orphans.length) await db.tracks.bulkDelete(orphans);
      return orphans.length;
    });
  } catch (err) {
    throw toStorageError(err, 'the kept landmarks', 'delete');
  }
}
