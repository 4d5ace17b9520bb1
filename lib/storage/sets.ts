import type { PostureDb } from './db';
import { toStorageError } from './errors';
import type { SetRecord } from './set-record';

export async function saveSet(db: PostureDb, record: SetRecord): Promise<void> {
  try {
    await db.sets.put(record);
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
    throw toStorageError(err, 'the set history');
  }
}

/** Sets, newest first. */
export async function recentSets(db: PostureDb, limit = 20): Promise<SetRecord[]> {
  try {
    return await db.sets.orderBy('startedAt').reverse().limit(limit).toArray();
  } catch (err) {
    throw toStorageError(err, 'the set history');
  }
}
