import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDoc } from '../sync/rules/check';
import { checkBackup, exportBackup } from './backup';
import { sessionsCsv } from './csv';
import { PostureDb } from './db';
import { closeRoutine, listRoutines, routineSessionId, saveRoutine, unfinishedRoutine } from './routines';
import type { RoutineInfo } from './session-record';
import { saveSet } from './sets';
import { MIN, setRecord, T0 } from './test-records';

const dbs: PostureDb[] = [];
let n = 0;
function freshDb(): PostureDb {
  const db = new PostureDb(`routines-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const step = (key: string, status: RoutineInfo['steps'][number]['status'], setId: string | null = null) => ({
  key,
  name: key,
  kind: 'counted' as const,
  exerciseId: 'cat-cow',
  target: 8,
  unit: 'breaths',
  status,
  count: status === 'pending' ? null : 8,
  seconds: 30,
  setId,
});
const info = (status: RoutineInfo['status'], steps: RoutineInfo['steps'], index = 0): RoutineInfo => ({ status, index, plannedSeconds: 600, steps });

describe('routine storage', () => {
  it('keeps the sets that joined the routine when its progress is saved, and offers the latest unfinished one', async () => {
    const db = freshDb();
    const id = routineSessionId('a');
    await saveRoutine(db, { id, startedAt: T0, endedAt: T0 }, info('in-progress', [step('cat-cow', 'pending'), step('band-pull-apart', 'pending')]));
    await saveSet(db, setRecord('s1', T0 + MIN, 1, 'cat-cow', { sessionId: id }));
    await saveRoutine(db, { id, startedAt: T0, endedAt: T0 + 2 * MIN }, info('in-progress', [step('cat-cow', 'done', 's1'), step('band-pull-apart', 'pending')], 1));
    const [stored] = await listRoutines(db);
    expect(stored.setIds).toEqual(['s1']);
    expect(stored.exerciseId).toBe('routine');
    expect(stored.routine?.index).toBe(1);
    expect((await unfinishedRoutine(db, T0 + 60 * MIN))?.id).toBe(id);
    // Too long ago to carry on.
    expect(await unfinishedRoutine(db, T0 + 13 * 60 * MIN)).toBeNull();
  });

  it('closing a routine keeps it, as partly done, with its set in progress ended', async () => {
    const db = freshDb();
    const id = routineSessionId('b');
    await saveRoutine(db, { id, startedAt: T0, endedAt: T0 }, info('in-progress', [step('cat-cow', 'pending', 's2')]));
    await saveSet(db, setRecord('s2', T0 + MIN, 1, 'cat-cow', { sessionId: id, status: 'in-progress' }));
    await closeRoutine(db, (await listRoutines(db))[0]);
    expect((await listRoutines(db))[0].routine?.status).toBe('partial');
    expect((await db.sets.get('s2'))?.status).toBe('ended');
    expect(await unfinishedRoutine(db, T0 + MIN)).toBeNull();
  });

  it('a routine travels in a backup and through sync, and a damaged one is refused', async () => {
    const db = freshDb();
    const id = routineSessionId('c');
    await saveRoutine(db, { id, startedAt: T0, endedAt: T0 }, info('complete', [step('cat-cow', 'done', 's3')], 1));
    await saveSet(db, { ...setRecord('s3', T0 + MIN, 1, 'foam-roll', { sessionId: id }), source: 'timer' });
    const backup = checkBackup(JSON.parse(JSON.stringify(await exportBackup(db))));
    expect(backup.tables.sessions.find((s) => s.id === id)?.routine?.status).toBe('complete');
    const session = (await listRoutines(db))[0];
    const doc = (record: unknown) => ({ _id: `sessions:${id}`, table: 'sessions', record, editedAtMs: T0, device: 'd1' });
    expect(checkDoc(doc(session)).kind).toBe('record');
    for (const bad of [
      { ...session, routine: { ...session.routine, status: 'finished' } },
      { ...session, routine: { ...session.routine, steps: [{ ...session.routine!.steps[0], count: -1 }] } },
      { ...session, routine: { ...session.routine, extra: 1 } },
    ]) expect(checkDoc(doc(bad)).kind).toBe('refused');
  });

  it('the sessions CSV names a routine and how far it got, without mixing its exercises into one range', async () => {
    const db = freshDb();
    const id = routineSessionId('d');
    await saveRoutine(db, { id, startedAt: T0, endedAt: T0 }, info('partial', [step('cat-cow', 'done', 's4'), step('band-pull-apart', 'skipped')], 2));
    await saveSet(db, setRecord('s4', T0 + MIN, 1, 'cat-cow', { sessionId: id }));
    const csv = await sessionsCsv(db, { utcOffsetMinutes: 0 });
    expect(csv).toContain('"Daily routine, partly done (1 of 2 steps done)"');
  });
});
