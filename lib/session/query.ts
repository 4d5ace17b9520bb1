// The session page's URL: `/session?exercise=ID&target=N[&hold=S][&duration=S]` opens the
// session ready for that exercise at that dose (the Today page links here).
import type { Dose, Exercise } from '../exercise/types';

export interface SessionQuery {
  readonly exerciseId: string | null;
  /** Reps (or holds) in the set; null: the exercise's own. */
  readonly target: number | null;
  /** Seconds per hold (hold exercises); null: the exercise's own. */
  readonly holdSeconds: number | null;
  /** Seconds of a timed exercise; null: the exercise's own. */
  readonly durationSeconds: number | null;
}

type Params = Readonly<Record<string, string | readonly string[] | undefined>> | URLSearchParams;

function read(params: Params, key: string): string | null {
  if (params instanceof URLSearchParams) return params.get(key);
  const v = params[key];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? null) : null;
}

/** A whole number in [min, max], or null. */
function count(text: string | null, min: number, max: number): number | null {
  if (text === null || !/^\d{1,4}$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

export function parseSessionQuery(params: Params): SessionQuery {
  const id = read(params, 'exercise');
  return {
    exerciseId: id && /^[\w-]{1,100}$/.test(id) ? id : null,
    target: count(read(params, 'target'), 1, 100),
    holdSeconds: count(read(params, 'hold'), 1, 600),
    durationSeconds: count(read(params, 'duration'), 1, 3600),
  };
}

/** The exercise with the query's dose applied (hold or duration). */
export function dosed(exercise: Exercise, q: Pick<SessionQuery, 'holdSeconds' | 'durationSeconds'>): Exercise {
  if (exercise.kind === 'hold' && q.holdSeconds) return { ...exercise, targetSeconds: q.holdSeconds };
  if (exercise.kind === 'timed' && q.durationSeconds) return { ...exercise, durationSeconds: q.durationSeconds };
  return exercise;
}

/** The link that opens the session on `exerciseId` at `dose`. */
export function sessionHref(exerciseId: string, dose: Dose): string {
  const params = new URLSearchParams({ exercise: exerciseId });
  if (dose.reps) params.set('target', String(dose.reps));
  if (dose.holdSeconds) params.set('hold', String(dose.holdSeconds));
  if (dose.durationSeconds) params.set('duration', String(dose.durationSeconds));
  return `/session?${params}`;
}
