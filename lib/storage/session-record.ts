import { SESSION_GAP_MS } from '../progression';
import type { RoutineInfo } from '../routine/types';
import type { SetRecord } from './set-record';

export type { RoutineInfo, RoutineStepRecord, RoutineStatus } from '../routine/types';

/**
 * A sitting: sets of one exercise with less than SESSION_GAP_MS (30 min) between the end of
 * one and the start of the next, the same rule lib/progression uses to count sessions.
 */
export interface SessionRecord {
  readonly id: string;
  /** Wall-clock start of its first set, epoch ms. */
  readonly startedAt: number;
  /** Wall-clock end of its last set so far, epoch ms. */
  readonly endedAt: number;
  readonly exerciseId: string;
  /** Its sets, in the order they joined. */
  readonly setIds: readonly string[];
  /**
   * A daily routine (exerciseId ROUTINE_EXERCISE_ID): its steps, how each went, and whether it
   * was finished. Its sets are its steps' sets; absent for a sitting of one exercise.
   */
  readonly routine?: RoutineInfo;
}

/** The exerciseId of a routine's session: sets of many exercises, one sitting. */
export const ROUTINE_EXERCISE_ID = 'routine';


export { SESSION_GAP_MS };

/** A session is named after the set that opened it, so two devices grouping the same sets agree. */
export function sessionIdFor(firstSetId: string): string {
  return `session-${firstSetId}`;
}

type SetTimes = Pick<SetRecord, 'startedAt' | 'updatedAt' | 'summary'>;

/**
 * A set's end on the wall clock: its start plus the counter's own duration when the counter
 * has one, else the last autosave.
 */
export function setEndMs(set: SetTimes): number {
  const { startedAtMs, endedAtMs } = set.summary;
  if (startedAtMs !== null && endedAtMs !== null && endedAtMs >= startedAtMs) return set.startedAt + (endedAtMs - startedAtMs);
  return Math.max(set.startedAt, set.updatedAt);
}

/** Whether a set starting at `startedAt` joins `session` (same exercise, within the gap). */
export function joinsSession(session: SessionRecord, set: Pick<SetRecord, 'exerciseId' | 'startedAt'>): boolean {
  return session.exerciseId === set.exerciseId && set.startedAt >= session.startedAt && set.startedAt - session.endedAt <= SESSION_GAP_MS;
}

/** The session `set` is in, extended to cover it (the same object when nothing changes). */
export function withSet(session: SessionRecord, set: SetTimes & Pick<SetRecord, 'id'>): SessionRecord {
  const startedAt = Math.min(session.startedAt, set.startedAt);
  const endedAt = Math.max(session.endedAt, setEndMs(set));
  const has = session.setIds.includes(set.id);
  if (has && startedAt === session.startedAt && endedAt === session.endedAt) return session;
  return { ...session, startedAt, endedAt, setIds: has ? session.setIds : [...session.setIds, set.id] };
}

/** A new session opened by `set`. */
export function sessionOf(set: SetTimes & Pick<SetRecord, 'id' | 'exerciseId'>, id = sessionIdFor(set.id)): SessionRecord {
  return { id, startedAt: set.startedAt, endedAt: setEndMs(set), exerciseId: set.exerciseId, setIds: [set.id] };
}

/**
 * Groups sets that have no session yet into sessions (per exercise, by start time), for the
 * v3 upgrade. Returns the new sessions and each set's session id.
 */
export function groupIntoSessions(sets: readonly SetRecord[]): { sessions: SessionRecord[]; sessionIdOf: Map<string, string> } {
  const loose = sets.filter((s) => !s.sessionId).sort((a, b) => (a.exerciseId < b.exerciseId ? -1 : a.exerciseId > b.exerciseId ? 1 : a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1)));
  const sessions: SessionRecord[] = [];
  const sessionIdOf = new Map<string, string>();
  let current: SessionRecord | null = null;
  for (const set of loose) {
    current = current && joinsSession(current, set) ? withSet(current, set) : sessionOf(set);
    if (current.setIds.length === 1) sessions.push(current);
    else sessions[sessions.length - 1] = current;
    sessionIdOf.set(set.id, current.id);
  }
  return { sessions, sessionIdOf };
}
