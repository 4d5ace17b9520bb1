import type { PostureDb } from './db';
import { toStorageError } from './errors';
import { attachAndSave } from './sessions';
import type { SetRecord } from './set-record';

/**
 * Saves a set (an autosave or its end). A set without a session joins one, as with
 * `createOrJoinSession`, and its session's end time follows the set's.
 */
export async function saveSet(db: PostureDb, record: SetRecord): Promise<void> {
  try {
    await db.transaction('rw', db.sets, db.sessions, () => attachAndSave(db, record));
  } catch (err) {
    throw toStorageError(err, 'the set');
  }
}

/** The most recent set still marked in progress (a reload or crash interrupted it), if any. */
export async function unfinishedSet(db: PostureDb): Promise<SetRecord | null> {
  try {
    const open = await db.sets.where('status').equals('in-progress').sortBy('updatedAt');
    return open[open.length - 1] ?? null;
  } catch (err) {
    throw toStorageError(err, 'the set history', 'read');
  }
}

/** Sets, newest first. */
export async function recentSets(db: PostureDb, limit = 20): Promise<SetRecord[]> {
  try {
    return await db.sets.orderBy('startedAt').reverse().limit(limit).toArray();
  } catch (err) {
    throw toStorageError(err, 'the set history', 'read');
  }
}

/** Sets with fromMs <= startedAt < toMs, oldest first. */
export async function listSets(db: PostureDb, fromMs = -Infinity, toMs = Infinity): Promise<SetRecord[]> {
  try {
    if (!(fromMs < toMs)) return [];
    return await db.sets.where('startedAt').between(fromMs, toMs, true, false).toArray();
  } catch (err) {
    throw toStorageError(err, 'the set history', 'read');
  }
}

/**
 * Removes a set that turned out empty (an autosave of a set that ended with nothing counted),
 * its kept landmarks, and its session too when it was the session's only set. Nothing happens
 * for an unknown id.
 */
export async function deleteSet(db: PostureDb, id: string): Promise<void> {
  try {
    await db.transaction('rw', db.sets, db.sessions, db.tracks, async () => {
      await db.tracks.delete(id);
      const set = await db.sets.get(id);
      if (!set) return;
      await db.sets.delete(id);
      const session = set.sessionId ? await db.sessions.get(set.sessionId) : undefined;
      if (!session) return;
      const setIds = session.setIds.filter((s) => s !== id);
      if (setIds.length === 0) await db.sessions.delete(session.id);
      else await db.sessions.put({ ...session, setIds });
    });
  } catch (err) {
    throw toStorageError(err, 'the set', 'delete');
  }
}
