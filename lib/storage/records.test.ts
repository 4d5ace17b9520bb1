import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyDecision, decideWeek, startProgramme } from '../progression';
import { PostureDb } from './db';
import { StorageError } from './errors';
import {
  createOrJoinSession,
  deleteSetting,
  getProgramme,
  getSetting,
  listCheckIns,
  listSessions,
  listSets,
  saveCheckIn,
  saveProgramme,
  setSetting,
  wipeAll,
} from './records';
import { deleteSet, saveSet } from './sets';
import { saveSnapshot } from './snapshots';
import { checkInRecord, MIN, setRecord, snapshotRecord, T0 } from './test-records';

let n = 0;
const dbs: PostureDb[] = [];
function freshDb(): PostureDb {
  const db = new PostureDb(`records-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('sessions', () => {
  it('a starting set opens a session; the next set of the same exercise within 30 minutes joins it', async () => {
    const db = freshDb();
    const first = setRecord('a', T0, 5);
    expect(await createOrJoinSession(db, first)).toBe('session-a');
    expect((await db.sets.get('a'))?.sessionId).toBe('session-a');
    expect(await createOrJoinSession(db, setRecord('b', T0 + 35 * MIN, 5))).toBe('session-a'); // 30 min after a ended
    expect(await createOrJoinSession(db, setRecord('c', T0 + 41 * MIN, 5, 'cat-cow'))).toBe('session-c'); // other exercise
    expect(await createOrJoinSession(db, setRecord('d', T0 + 71 * MIN, 5))).toBe('session-d'); // 31 min after b ended
    expect(await listSessions(db)).toEqual([
      { id: 'session-a', startedAt: T0, endedAt: T0 + 40 * MIN, exerciseId: 'wall-extension-hold', setIds: ['a', 'b'] },
      { id: 'session-c', startedAt: T0 + 41 * MIN, endedAt: T0 + 46 * MIN, exerciseId: 'cat-cow', setIds: ['c'] },
      { id: 'session-d', startedAt: T0 + 71 * MIN, endedAt: T0 + 76 * MIN, exerciseId: 'wall-extension-hold', setIds: ['d'] },
    ]);
    expect((await listSessions(db, T0 + MIN, T0 + 71 * MIN)).map((s) => s.id)).toEqual(['session-c']);
  });

  it('saving a set keeps its session, follows its end, and gives a set saved without one a session', async () => {
    const db = freshDb();
    const id = await createOrJoinSession(db, setRecord('a', T0, 1, 'wall-extension-hold', { status: 'in-progress' }));
    // The page's in-memory record may not carry the session id yet: the stored one is kept.
    await saveSet(db, setRecord('a', T0, 12));
    expect((await db.sets.get('a'))?.sessionId).toBe(id);
    expect((await db.sessions.get(id))?.endedAt).toBe(T0 + 12 * MIN);
    // A set that never went through createOrJoinSession still joins the open session.
    await saveSet(db, setRecord('b', T0 + 20 * MIN, 5));
    expect((await db.sets.get('b'))?.sessionId).toBe(id);
    expect(await db.sessions.get(id)).toMatchObject({ setIds: ['a', 'b'], endedAt: T0 + 25 * MIN });
    // Resuming after a reload: same session, nothing duplicated.
    expect(await createOrJoinSession(db, { ...setRecord('b', T0 + 20 * MIN, 6), sessionId: id })).toBe(id);
    expect(await db.sessions.count()).toBe(1);
    expect((await db.sessions.get(id))?.setIds).toEqual(['a', 'b']);
  });

  it('deleting an empty set leaves its session to the other sets, or removes it with the last one', async () => {
    const db = freshDb();
    await saveSet(db, setRecord('a', T0, 5));
    await saveSet(db, setRecord('b', T0 + 10 * MIN, 5));
    await deleteSet(db, 'b');
    expect(await db.sets.get('b')).toBeUndefined();
    expect(await db.sessions.get('session-a')).toMatchObject({ setIds: ['a'] });
    await deleteSet(db, 'a');
    expect(await db.sessions.count()).toBe(0);
    await deleteSet(db, 'never-saved');
    expect(await db.sets.count()).toBe(0);
  });

  it('lists sets in a time range, oldest first', async () => {
    const db = freshDb();
    for (const [i, t] of [T0 + 3 * MIN, T0, T0 + 100 * MIN].entries()) await saveSet(db, setRecord(`s${i}`, t, 1));
    expect((await listSets(db)).map((s) => s.id)).toEqual(['s1', 's0', 's2']);
    expect((await listSets(db, T0, T0 + 100 * MIN)).map((s) => s.id)).toEqual(['s1', 's0']);
    expect(await listSets(db, T0 + 5, T0)).toEqual([]);
  });
});

describe('check-ins, programme, settings', () => {
  it('saves and lists check-ins oldest first, within a range', async () => {
    const db = freshDb();
    await saveCheckIn(db, checkInRecord('c2', T0 + MIN, 'session-a', 3, { redFlags: ['tingling'], note: 'left arm' }));
    await saveCheckIn(db, checkInRecord('c1', T0, null, 0, { note: undefined }));
    const all = await listCheckIns(db);
    expect(all).toEqual([checkInRecord('c1', T0, null, 0), checkInRecord('c2', T0 + MIN, 'session-a', 3, { redFlags: ['tingling'], note: 'left arm' })]);
    expect('note' in all[0]).toBe(false);
    expect((await listCheckIns(db, T0 + 1)).map((c) => c.id)).toEqual(['c2']);
    await expect(saveCheckIn(db, checkInRecord('bad', T0, null, 11))).rejects.toThrow(/0-10/);
  });

  it('keeps one programme with its growth, decision history included', async () => {
    const db = freshDb();
    expect(await getProgramme(db)).toBeNull();
    const start = startProgramme(T0);
    const decided = applyDecision(start, decideWeek({ state: start, sets: [], checkIns: [], atMs: T0 + 8 * 86_400_000 }), T0 + 8 * 86_400_000);
    await saveProgramme(db, { state: start, growthPercent: 5 });
    await saveProgramme(db, { state: decided, growthPercent: 7.5 });
    expect(await getProgramme(db)).toEqual({ id: 'current', state: decided, growthPercent: 7.5 });
    expect(await db.programme.count()).toBe(1);
  });

  it('stores settings as JSON under a key', async () => {
    const db = freshDb();
    expect(await getSetting(db, 'reminders')).toBeUndefined();
    expect(await getSetting<string[]>(db, 'reminders', ['07:00'])).toEqual(['07:00']);
    await setSetting(db, 'reminders', ['08:00', '18:30']);
    await setSetting(db, 'muted', true);
    expect(await getSetting<string[]>(db, 'reminders')).toEqual(['08:00', '18:30']);
    expect(await getSetting<boolean>(db, 'muted', false)).toBe(true);
    await deleteSetting(db, 'muted');
    expect(await getSetting(db, 'muted')).toBeUndefined();
  });
});

describe('wipe and errors', () => {
  it('wipeAll empties every table and the database still works', async () => {
    const db = freshDb();
    await saveSnapshot(db, snapshotRecord('p', T0));
    await createOrJoinSession(db, setRecord('a', T0));
    await saveCheckIn(db, checkInRecord('c', T0, 'session-a', 1));
    await saveProgramme(db, { state: startProgramme(T0), growthPercent: 7.5 });
    await setSetting(db, 'k', 1);
    await wipeAll(db);
    for (const table of db.allTables()) expect(await table.count()).toBe(0);
    await setSetting(db, 'k', 2);
    expect(await getSetting(db, 'k')).toBe(2);
  });

  it('a full disk while saving a set gives the quota message and leaves the earlier save in place', async () => {
    const db = freshDb();
    await saveSet(db, setRecord('a', T0, 1));
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const put = vi.spyOn(db.sets, 'put').mockRejectedValue(quota);
    const err = await saveSet(db, setRecord('a', T0, 9)).catch((e: unknown) => e);
    put.mockRestore();
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('quota');
    expect((err as StorageError).message).toContain('Could not save the set');
    // The session update in the same transaction was rolled back with it.
    expect((await db.sessions.get('session-a'))?.endedAt).toBe(T0 + MIN);
    expect((await db.sets.get('a'))?.updatedAt).toBe(T0 + MIN);
  });

  it('read failures say "read", not "save"', async () => {
    const db = freshDb();
    const spy = vi.spyOn(db.checkIns, 'where').mockImplementation(() => {
      throw new Error('boom');
    });
    await expect(listCheckIns(db)).rejects.toThrow('Could not read the check-ins: boom. Try again.');
    spy.mockRestore();
  });
});
