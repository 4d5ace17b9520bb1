import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PostureDb } from './db';
import { listRangeChecks, saveRangeCheck } from './range-checks';
import { listSnapshots } from './snapshots';
import { TrackBuffer } from './track-record';
import { readTrack, saveTrack } from './tracks';
import { checkInRecord, MIN, T0, pictureBlob, rangeCheckRecord, setRecord, snapshotRecord } from './test-records';

let n = 0;
const dbs: Dexie[] = [];
const fresh = () => `migrate-${n++}`;
afterEach(async () => {
  const open = dbs.splice(0);
  for (const db of open) db.close();
  for (const name of new Set(open.map((db) => db.name))) await Dexie.delete(name);
});

/** The schema as released: v1 (snapshots) to v5 (range checks), written out here so later edits to db.ts cannot change it. */
function oldDb(name: string, upTo: 1 | 2 | 4 | 5): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({ snapshots: 'id, takenAtMs' });
  if (upTo >= 2) db.version(2).stores({ sets: 'id, startedAt, status, exerciseId' });
  if (upTo >= 4) {
    db.version(3).stores({ sets: 'id, startedAt, status, exerciseId, sessionId', sessions: 'id, startedAt, [exerciseId+startedAt]', checkIns: 'id, atMs, sessionId', programme: 'id', settings: 'key' });
    db.version(4).stores({ syncBase: 'id' });
  }
  if (upTo >= 5) db.version(5).stores({ rangeChecks: 'id, takenAtMs' });
  dbs.push(db);
  return db;
}

function open(name: string): PostureDb {
  const db = new PostureDb(name);
  dbs.push(db);
  return db;
}

async function bytes(blob: Blob): Promise<number[]> {
  return [...new Uint8Array(await blob.arrayBuffer())];
}

describe('schema upgrades', () => {
  it('opens a v1 database: snapshots (with a picture) intact, new tables empty', async () => {
    const name = fresh();
    const v1 = oldDb(name, 1);
    const picture = pictureBlob();
    const old = [snapshotRecord('a', T0, picture), snapshotRecord('b', T0 + MIN)];
    await v1.table('snapshots').bulkPut(old);
    expect(v1.verno).toBe(1);
    v1.close();

    const db = open(name);
    await db.open();
    expect(db.verno).toBe(6);
    const snapshots = await listSnapshots(db);
    expect(snapshots.map((s) => ({ ...s, picture: null }))).toEqual(old.map((s) => ({ ...s, picture: null })));
    expect(snapshots[0].picture).toBeInstanceOf(Blob);
    expect(await bytes(snapshots[0].picture!)).toEqual(await bytes(picture));
    for (const table of [db.sets, db.sessions, db.checkIns, db.programme, db.settings, db.rangeChecks, db.syncBase, db.tracks]) expect(await table.count()).toBe(0);
  });

  it('opens a v2 database: every set gets a session, sets of one exercise under 30 minutes apart share one', async () => {
    const name = fresh();
    const v2 = oldDb(name, 2);
    const sets = [
      setRecord('a1', T0, 5), // 08:00-08:05
      setRecord('a2', T0 + 20 * MIN, 5), // 15 min after a1 ended: same session
      setRecord('a3', T0 + 55 * MIN, 5), // 30 min after a2 ended: same session (the gap rule is <= 30 min)
      setRecord('a4', T0 + 91 * MIN, 5), // 31 min after a3 ended: new session
      setRecord('b1', T0 + 10 * MIN, 5, 'cat-cow'), // another exercise between them: its own session
      setRecord('c1', T0 + 3 * 86_400_000, 5, 'wall-extension-hold', { status: 'in-progress', counterState: { reps: 1 }, summary: { ...setRecord('x', 0).summary, startedAtMs: 5, endedAtMs: null } }),
    ];
    await v2.table('sets').bulkPut(sets);
    await v2.table('snapshots').put(snapshotRecord('s', T0));
    v2.close();

    const db = open(name);
    const migrated = await db.sets.orderBy('startedAt').toArray();
    // Everything but the new sessionId is as it was.
    expect(migrated.map(({ sessionId: _, ...rest }) => rest)).toEqual([...sets].sort((x, y) => x.startedAt - y.startedAt));
    const sessionOf = Object.fromEntries(migrated.map((s) => [s.id, s.sessionId]));
    expect(sessionOf).toEqual({ a1: 'session-a1', a2: 'session-a1', a3: 'session-a1', a4: 'session-a4', b1: 'session-b1', c1: 'session-c1' });

    const sessions = await db.sessions.orderBy('startedAt').toArray();
    expect(sessions).toEqual([
      { id: 'session-a1', startedAt: T0, endedAt: T0 + 60 * MIN, exerciseId: 'wall-extension-hold', setIds: ['a1', 'a2', 'a3'] },
      { id: 'session-b1', startedAt: T0 + 10 * MIN, endedAt: T0 + 15 * MIN, exerciseId: 'cat-cow', setIds: ['b1'] },
      { id: 'session-a4', startedAt: T0 + 91 * MIN, endedAt: T0 + 96 * MIN, exerciseId: 'wall-extension-hold', setIds: ['a4'] },
      // In progress, no end in its summary: it ends at its last autosave.
      { id: 'session-c1', startedAt: T0 + 3 * 86_400_000, endedAt: T0 + 3 * 86_400_000 + 5 * MIN, exerciseId: 'wall-extension-hold', setIds: ['c1'] },
    ]);
    expect((await db.sets.where('sessionId').equals('session-a1').toArray()).map((s) => s.id).sort()).toEqual(['a1', 'a2', 'a3']);
    expect(await db.snapshots.get('s')).toEqual(snapshotRecord('s', T0));
  });

  it('opens an empty v2 database, and a v3 database again without changing it', async () => {
    const name = fresh();
    const v2 = oldDb(name, 2);
    await v2.open();
    v2.close();
    const db = open(name);
    expect(await db.sessions.count()).toBe(0);
    await db.sets.put(setRecord('x', T0, 5, 'cat-cow', { sessionId: 'mine' }));
    db.close();
    const again = open(name);
    expect((await again.sets.get('x'))?.sessionId).toBe('mine');
    expect(await again.sessions.count()).toBe(0);
  });

  it('opens a v4 database: every record of every table (sync\'s agreed contents included) intact, range checks empty and writable', async () => {
    const name = fresh();
    const v4 = oldDb(name, 4);
    const picture = pictureBlob();
    const rows: Record<string, unknown[]> = {
      snapshots: [snapshotRecord('p', T0, picture)],
      sets: [setRecord('a', T0, 5, 'wall-extension-hold', { sessionId: 'session-a' })],
      sessions: [{ id: 'session-a', startedAt: T0, endedAt: T0 + 5 * MIN, exerciseId: 'wall-extension-hold', setIds: ['a'] }],
      checkIns: [checkInRecord('c', T0 + 6 * MIN, 'session-a', 2, { note: 'fine' })],
      programme: [{ id: 'current', state: { stage: 1 }, growthPercent: 7.5 }],
      settings: [{ key: 'cues.muted', value: true }],
      syncBase: [{ id: 'ana\nsets:a', hash: 'abc.1' }],
    };
    for (const [table, records] of Object.entries(rows)) await v4.table(table).bulkPut(records);
    expect(v4.verno).toBe(4);
    v4.close();

    const db = open(name);
    await db.open();
    expect(db.verno).toBe(6);
    // Pictures compared by their bytes below (toEqual cannot see inside a Blob).
    const plain = (r: unknown) => ({ ...(r as Record<string, unknown>), picture: (r as { picture?: unknown }).picture instanceof Blob ? 'blob' : (r as { picture?: unknown }).picture });
    for (const [table, records] of Object.entries(rows)) expect((await db.table(table).toArray()).map(plain)).toEqual(records.map(plain));
    expect(await bytes((await db.snapshots.get('p'))!.picture!)).toEqual(await bytes(picture));
    expect(await db.rangeChecks.count()).toBe(0);
    const check = rangeCheckRecord('r', T0 + 7 * MIN);
    await saveRangeCheck(db, check);
    db.close();
    const again = open(name);
    expect(await listRangeChecks(again)).toEqual([check]);
    expect(await again.sets.get('a')).toEqual(rows.sets[0]);
  });

  it('opens a v5 database: every record intact, the new tracks table empty, and a track (typed arrays) saved and read back after a reopen', async () => {
    const name = fresh();
    const v5 = oldDb(name, 5);
    const rows: Record<string, unknown[]> = {
      snapshots: [snapshotRecord('p', T0)],
      sets: [setRecord('a', T0, 5, 'wall-extension-hold', { sessionId: 'session-a' })],
      sessions: [{ id: 'session-a', startedAt: T0, endedAt: T0 + 5 * MIN, exerciseId: 'wall-extension-hold', setIds: ['a'] }],
      checkIns: [checkInRecord('c', T0 + 6 * MIN, 'session-a', 2)],
      programme: [{ id: 'current', state: { stage: 1 }, growthPercent: 7.5 }],
      settings: [{ key: 'tracks.keep', value: true }],
      rangeChecks: [rangeCheckRecord('r', T0 + 7 * MIN)],
      syncBase: [{ id: 'ana\nsets:a', hash: 'abc.1' }],
    };
    for (const [table, records] of Object.entries(rows)) await v5.table(table).bulkPut(records);
    expect(v5.verno).toBe(5);
    v5.close();

    const db = open(name);
    await db.open();
    expect(db.verno).toBe(6);
    for (const [table, records] of Object.entries(rows)) expect(await db.table(table).toArray()).toEqual(records);
    expect(await db.tracks.count()).toBe(0);
    const buffer = new TrackBuffer();
    buffer.push(null, 1000, 640, 480);
    buffer.push(null, 1033, 640, 480);
    await saveTrack(db, buffer.toRecord('a', 'set'));
    db.close();
    const again = open(name);
    const track = await readTrack(again, 'a');
    expect(track?.frameCount).toBe(2);
    expect(track?.timestampsMs).toBeInstanceOf(Float64Array);
    expect([...track!.timestampsMs]).toEqual([1000, 1033]);
  });
});
