import type { PostureDb } from './db';
import { toStorageError } from './errors';
import type { SnapshotRecord } from './snapshot-record';

export async function saveSnapshot(db: PostureDb, record: SnapshotRecord): Promise<void> {
  try {
    await db.snapshots.put(record);
  } catch (err) {
    throw toStorageError(err, 'the snapshot');
  }
}

/** All snapshots, oldest first. */
export async function listSnapshots(db: PostureDb): Promise<SnapshotRecord[]> {
  try {
    return await db.snapshots.orderBy('takenAtMs').toArray();
  } catch (err) {
    throw toStorageError(err, 'the snapshot history');
  }
}

export async function deleteSnapshot(db: PostureDb, id: string): Promise<void> {
  try {
    await db.snapshots.delete(id);
  } catch (err) {
    throw toStorageError(err, 'the change');
  }
}

/** The first and the most recent snapshot taken before `takenAtMs` (either may be missing). */
export function referencesFor(history: readonly SnapshotRecord[], takenAtMs: number): { first: SnapshotRecord | null; previous: SnapshotRecord | null } {
  const before = history.filter((s) => s.takenAtMs < takenAtMs).sort((a, b) => a.takenAtMs - b.takenAtMs);
  return { first: before[0] ?? null, previous: before.length > 1 ? before[before.length - 1] : null };
}
