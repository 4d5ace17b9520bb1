import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PostureDb } from './db';
import { StorageError } from './errors';
import { deleteRangeCheck, listRangeChecks, saveRangeCheck } from './range-checks';
import { wipeAll } from './records';
import { rangeCheckRecord, T0 } from './test-records';

const WEEK = 7 * 86_400_000;
let n = 0;
const dbs: PostureDb[] = [];
function freshDb(): PostureDb {
  const db = new PostureDb(`range-checks-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) await db.delete();
});

describe('range check storage', () => {
  it('saves and lists range checks oldest first, exactly as saved, surviving a reopen', async () => {
    const db = freshDb();
    const later = rangeCheckRecord('b', T0 + WEEK);
    const earlier = rangeCheckRecord('a', T0, { engine: 'tfjs', model: 'lite', results: [] });
    await saveRangeCheck(db, later);
    await saveRangeCheck(db, earlier);
    db.close();
    const reopened = new PostureDb(db.name);
    dbs.push(reopened);
    expect(await listRangeChecks(reopened)).toEqual([earlier, later]);
  });

  it('lists a span (from inclusive, to exclusive), replaces by id, deletes by id', async () => {
    const db = freshDb();
    for (const [i, id] of ['w0', 'w1', 'w2'].entries()) await saveRangeCheck(db, rangeCheckRecord(id, T0 + i * WEEK));
    expect((await listRangeChecks(db, T0 + WEEK, T0 + 2 * WEEK)).map((c) => c.id)).toEqual(['w1']);
    expect(await listRangeChecks(db, T0 + WEEK, T0)).toEqual([]);
    await saveRangeCheck(db, rangeCheckRecord('w1', T0 + WEEK, { results: [] }));
    expect((await listRangeChecks(db)).map((c) => [c.id, c.results.length])).toEqual([
      ['w0', 5],
      ['w1', 0],
      ['w2', 5],
    ]);
    await deleteRangeCheck(db, 'w0');
    await deleteRangeCheck(db, 'unknown');
    expect((await listRangeChecks(db)).map((c) => c.id)).toEqual(['w1', 'w2']);
  });

  it('a full disk gives the quota message and keeps the earlier save', async () => {
    const db = freshDb();
    const first = rangeCheckRecord('a', T0);
    await saveRangeCheck(db, first);
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    vi.spyOn(db.rangeChecks, 'put').mockRejectedValue(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota }));
    const err = await saveRangeCheck(db, rangeCheckRecord('a', T0, { results: [] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('quota');
    expect((err as StorageError).message).toMatch(/^Could not save the range check: this browser's storage for the app is full\./);
    vi.restoreAllMocks();
    expect(await listRangeChecks(db)).toEqual([first]);
  });

  it('a read that fails says so', async () => {
    const db = freshDb();
    vi.spyOn(db.rangeChecks, 'where').mockImplementation(() => {
      throw Object.assign(new Error('gone'), { name: 'InvalidStateError' });
    });
    const err = await listRangeChecks(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('unavailable');
    expect((err as StorageError).message).toMatch(/^Could not read the range checks/);
  });

  it('"Delete everything" removes range checks too', async () => {
    const db = freshDb();
    await saveRangeCheck(db, rangeCheckRecord('a', T0));
    await wipeAll(db);
    expect(await db.rangeChecks.count()).toBe(0);
    await saveRangeCheck(db, rangeCheckRecord('b', T0));
    expect((await listRangeChecks(db)).map((c) => c.id)).toEqual(['b']);
  });
});
