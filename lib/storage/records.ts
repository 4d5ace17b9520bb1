// Record helpers for the v3 tables (check-ins, programme, settings), wiping, and the set and
// session queries the progress pages need. Every failure comes out as a StorageError.
import { RED_FLAGS } from '../progression';
import type { CheckInRecord } from './check-in-record';
import type { PostureDb } from './db';
import { toStorageError } from './errors';
import { PROGRAMME_KEY, type ProgrammeRecord } from './programme-record';
import { attachAndSave } from './sessions';
import type { SetRecord } from './set-record';
import type { JsonValue } from './setting-record';

export { listSessions } from './sessions';
export { listSets } from './sets';
export { deleteRangeCheck, listRangeChecks, saveRangeCheck } from './range-checks';

/**
 * Call when a set starts: saves it in its session (the latest session of the same exercise
 * that ended at most 30 minutes before, or a new one) and returns the session id. A set that
 * already names a session stays in it.
 */
export async function createOrJoinSession(db: PostureDb, set: SetRecord): Promise<string> {
  try {
    const { session } = await db.transaction('rw', db.sets, db.sessions, () => attachAndSave(db, set));
    return session.id;
  } catch (err) {
    throw toStorageError(err, 'the set');
  }
}

/** Saves (or replaces, by id) a check-in. Pain must be 0-10 and red flags known ones. */
export async function saveCheckIn(db: PostureDb, record: CheckInRecord): Promise<void> {
  if (!Number.isFinite(record.pain) || record.pain < 0 || record.pain > 10) throw new RangeError(`Pain must be 0-10, not ${record.pain}.`);
  const unknown = record.redFlags.filter((f) => !RED_FLAGS.includes(f));
  if (unknown.length) throw new RangeError(`Unknown red flag: ${unknown.join(', ')}.`);
  try {
    // An absent note is left out rather than stored as undefined, as a backup would restore it.
    const { note, ...rest } = record;
    await db.checkIns.put(note === undefined ? rest : record);
  } catch (err) {
    throw toStorageError(err, 'the check-in');
  }
}

/** Check-ins with fromMs <= atMs < toMs, oldest first. */
export async function listCheckIns(db: PostureDb, fromMs = -Infinity, toMs = Infinity): Promise<CheckInRecord[]> {
  try {
    if (!(fromMs < toMs)) return [];
    return await db.checkIns.where('atMs').between(fromMs, toMs, true, false).toArray();
  } catch (err) {
    throw toStorageError(err, 'the check-ins', 'read');
  }
}

/** The programme and its weekly growth, or null before one was started. */
export async function getProgramme(db: PostureDb): Promise<ProgrammeRecord | null> {
  try {
    return (await db.programme.get(PROGRAMME_KEY)) ?? null;
  } catch (err) {
    throw toStorageError(err, 'the programme', 'read');
  }
}

export async function saveProgramme(db: PostureDb, programme: Omit<ProgrammeRecord, 'id'>): Promise<ProgrammeRecord> {
  if (!Number.isFinite(programme.growthPercent)) throw new RangeError(`Growth must be a number of percent, not ${programme.growthPercent}.`);
  const record: ProgrammeRecord = { id: PROGRAMME_KEY, state: programme.state, growthPercent: programme.growthPercent };
  try {
    await db.programme.put(record);
    return record;
  } catch (err) {
    throw toStorageError(err, 'the programme');
  }
}

/**
 * A setting's value, or `fallback` (default undefined) when it was never set. The type
 * argument is the caller's promise about what it stored; values are not checked.
 */
export async function getSetting<T extends JsonValue = JsonValue>(db: PostureDb, key: string): Promise<T | undefined>;
export async function getSetting<T extends JsonValue = JsonValue>(db: PostureDb, key: string, fallback: NoInfer<T>): Promise<T>;
export async function getSetting(db: PostureDb, key: string, fallback?: JsonValue): Promise<JsonValue | undefined> {
  try {
    const row = await db.settings.get(key);
    return row ? row.value : fallback;
  } catch (err) {
    throw toStorageError(err, 'the settings', 'read');
  }
}

export async function setSetting(db: PostureDb, key: string, value: JsonValue): Promise<void> {
  try {
    await db.settings.put({ key, value });
  } catch (err) {
    throw toStorageError(err, 'the setting');
  }
}

export async function deleteSetting(db: PostureDb, key: string): Promise<void> {
  try {
    await db.settings.delete(key);
  } catch (err) {
    throw toStorageError(err, 'the setting', 'delete');
  }
}

/**
 * Deletes every record in every table (kept landmarks too), all or nothing. The database itself stays.
 * `keepSyncHistory` (sync is on here): what this device last agreed with the server stays, so the
 * deletions reach the server and the other devices; otherwise it goes too, and a later log-in
 * brings the account's records back rather than deleting them there.
 */
export async function wipeAll(db: PostureDb, { keepSyncHistory = false }: { keepSyncHistory?: boolean } = {}): Promise<void> {
  try {
    // Kept landmarks go too: they belong to the records deleted.
    const tables = keepSyncHistory ? [...db.allTables(), db.tracks] : [...db.allTables(), db.tracks, db.syncBase];
    await db.transaction('rw', tables, async () => {
      for (const table of tables) await table.clear();
    });
  } catch (err) {
    throw toStorageError(err, 'your data', 'delete');
  }
}
