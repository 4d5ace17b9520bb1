import type { PostureDb } from './db';
import { toStorageError } from './errors';
import { MAX_KEY, MIN_KEY } from './tables';
import type { SetSummary } from '../exercise/types';
import type { StepResult } from '../routine/machine';
import type { RoutineStep } from '../routine/plan';
import { ROUTINE_EXERCISE_ID, type RoutineInfo, type SessionRecord } from './session-record';
import type { SetRecord } from './set-record';

/** A routine left unfinished this long ago or less is offered to carry on. */
export const CARRY_ON_MS = 12 * 3_600_000;

export function routineSessionId(id: string): string {
  return `routine-${id}`;
}

/**
 * Saves the routine's progress on its session, keeping the sets that joined it meanwhile (a
 * step's set joins the session as it is stored). Creates the session on first save.
 */
export async function saveRoutine(db: PostureDb, session: Pick<SessionRecord, 'id' | 'startedAt' | 'endedAt'>, routine: RoutineInfo): Promise<void> {
  try {
    await db.transaction('rw', db.sessions, async () => {
      const stored = await db.sessions.get(session.id);
      const next: SessionRecord = stored
        ? { ...stored, endedAt: Math.max(stored.endedAt, session.endedAt), routine }
        : { id: session.id, startedAt: session.startedAt, endedAt: session.endedAt, exerciseId: ROUTINE_EXERCISE_ID, setIds: [], routine };
      await db.sessions.put(next);
    });
  } catch (err) {
    throw toStorageError(err, 'the routine');
  }
}

/** Routines started with fromMs <= startedAt < toMs, oldest first. */
export async function listRoutines(db: PostureDb, fromMs = -Infinity, toMs = Infinity): Promise<SessionRecord[]> {
  try {
    if (!(fromMs < toMs)) return [];
    const lo = Number.isFinite(fromMs) ? fromMs : MIN_KEY;
    const hi = Number.isFinite(toMs) ? toMs : MAX_KEY;
    const all = await db.sessions.where('[exerciseId+startedAt]').between([ROUTINE_EXERCISE_ID, lo], [ROUTINE_EXERCISE_ID, hi], true, false).toArray();
    return all.filter((s) => s.routine);
  } catch (err) {
    throw toStorageError(err, 'your routines', 'read');
  }
}

/** The latest routine still under way (a reload or a closed tab interrupted it), started within CARRY_ON_MS. */
export async function unfinishedRoutine(db: PostureDb, nowMs: number): Promise<SessionRecord | null> {
  const recent = await listRoutines(db, nowMs - CARRY_ON_MS, nowMs + 60_000);
  const open = recent.filter((s) => s.routine?.status === 'in-progress');
  return open[open.length - 1] ?? null;
}

/** A timed step (a foam roll) as a set of its routine, so history, backup and sync see it. */
export function timedStepSet(step: RoutineStep, result: StepResult, ids: { readonly setId: string; readonly sessionId: string }, startedAt: number): SetRecord {
  const complete = result.status === 'done';
  const summary: SetSummary = {
    exerciseId: step.item,
    kind: 'timed',
    reps: 0,
    targetReps: null,
    holds: [],
    shortHolds: 0,
    repTimesMs: [],
    loweringTimesMs: [],
    framesWithoutPose: 0,
    baselineDeg: null,
    peakDeg: null,
    medianDeg: null,
    startedAtMs: 0,
    endedAtMs: Math.round(result.seconds * 1000),
    complete,
  };
  return {
    id: ids.setId,
    exerciseId: step.item,
    exerciseName: step.name,
    startedAt,
    updatedAt: startedAt + Math.round(result.seconds * 1000),
    status: complete ? 'complete' : 'ended',
    source: 'timer',
    engine: null,
    model: null,
    targetReps: null,
    summary,
    counterState: null,
    sessionId: ids.sessionId,
  };
}

/**
 * Closes a routine that will not be carried on (the person started afresh): it is kept as partly
 * done, and its step's set left in progress is kept as an ended set. Nothing done is thrown away.
 */
export async function closeRoutine(db: PostureDb, session: SessionRecord): Promise<void> {
  if (!session.routine) return;
  try {
    await db.transaction('rw', db.sessions, db.sets, async () => {
      const stored = (await db.sessions.get(session.id)) ?? session;
      if (!stored.routine || stored.routine.status !== 'in-progress') return;
      await db.sessions.put({ ...stored, routine: { ...stored.routine, status: 'partial' } });
      for (const id of stored.setIds) {
        const set = await db.sets.get(id);
        if (set?.status === 'in-progress') await db.sets.put({ ...set, status: 'ended', counterState: null, updatedAt: Date.now() });
      }
    });
  } catch (err) {
    throw toStorageError(err, 'the routine');
  }
}
