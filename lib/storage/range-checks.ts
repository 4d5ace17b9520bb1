// Weekly range checks (lib/range): one record per check, the median of each measure's trials.
import type { PostureDb } from './db';
import { toStorageError } from './errors';
import type { RangeCheckRecord } from './range-record';

/** Saves (or replaces, by id) a range check. */
export async function saveRangeCheck(db: PostureDb, record: RangeCheckRecord): Promise<void> {
  try {
    await db.rangeChecks.put(record);
  } catch (err) {
    throw toStorageError(err, 'the range check');
  }
}

/** Range checks with fromMs <= takenAtMs < toMs, oldest first. */
export async function listRangeChecks(db: PostureDb, fromMs = -Infinity, toMs = Infinity): Promise<RangeCheckRecord[]> {
  try {
    if (!(fromMs < toMs)) return [];
    return await db.rangeChecks.where('takenAtMs').between(fromMs, toMs, true, false).toArray();
  } catch (err) {
    throw toStorageError(err, 'the range checks', 'read');
  }
}

/** Removes a range check and its kept landmarks; nothing happens for an unknown id. */
export async function deleteRangeCheck(db: PostureDb, id: string): Promise<void> {
  try {
    await db.transaction('rw', db.rangeChecks, db.tracks, async () => {
      await db.rangeChecks.delete(id);
      await db.tracks.delete(id);
    });
  } catch (err) {
    throw toStorageError(err, 'the range check', 'delete');
  }
}
