import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { PostureDb } from './db';
import { StorageError, toStorageError } from './errors';
import type { SnapshotRecord } from './snapshot-record';
import { listSnapshots, referencesFor, saveSnapshot } from './snapshots';

let n = 0;
const dbs: PostureDb[] = [];
function freshDb(): PostureDb {
  const db = new PostureDb(`test-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function record(id: string, takenAtMs: number, headForwardDeg: number | null = 50): SnapshotRecord {
  return {
    id,
    takenAtMs,
    view: 'side',
    side: 'left',
    headForwardDeg,
    headForwardOffset: 0.1,
    trunkExtensionDeg: 5,
    headForwardSpreadDeg: 1,
    trunkExtensionSpreadDeg: 1,
    frames: 15,
    refusals: { headForward: null, trunkExtension: null },
    engine: 'mediapipe',
    model: 'full',
    geometry: { imageWidth: 640, imageHeight: 480, facing: -1, ear: [300, 100], shoulder: [320, 160], hip: [330, 300] },
    picture: null,
  };
}

describe('snapshot storage', () => {
  it('saves and lists snapshots oldest first, surviving a reopen', async () => {
    const db = freshDb();
    await saveSnapshot(db, record('b', 2000));
    await saveSnapshot(db, record('a', 1000));
    db.close();
    const reopened = new PostureDb(db.name);
    dbs.push(reopened);
    expect((await listSnapshots(reopened)).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('saving the same id twice keeps one record', async () => {
    const db = freshDb();
    await saveSnapshot(db, record('a', 1000, 50));
    await saveSnapshot(db, record('a', 1000, 51));
    const all = await listSnapshots(db);
    expect(all).toHaveLength(1);
    expect(all[0].headForwardDeg).toBe(51);
  });

  it('finds the first and the previous snapshot before a time', () => {
    const history = [record('a', 1000), record('b', 2000), record('c', 3000), record('d', 4000)];
    expect(referencesFor(history, 3500)).toMatchObject({ first: { id: 'a' }, previous: { id: 'c' } });
    expect(referencesFor(history, 1500)).toEqual({ first: history[0], previous: null });
    expect(referencesFor(history, 500)).toEqual({ first: null, previous: null });
  });
});

describe('storage errors', () => {
  it('explains a full quota, also when wrapped by Dexie', () => {
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const wrapped = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota });
    for (const err of [quota, wrapped]) {
      const e = toStorageError(err, 'the snapshot');
      expect(e).toBeInstanceOf(StorageError);
      expect(e.code).toBe('quota');
      expect(e.message).toMatch(/storage .* is full/);
      expect(e.message).toContain('Nothing has been lost');
    }
  });

  it('explains blocked storage', () => {
    expect(toStorageError(Object.assign(new Error('x'), { name: 'SecurityError' }), 'the snapshot').code).toBe('unavailable');
  });
});
