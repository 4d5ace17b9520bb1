// The routine's record: what is saved as the routine's session (RoutineInfo, lib/routine/types.ts)
// and carrying on from a saved routine. Pure.
import type { RoutineInfo, RoutineStepRecord } from './types';
import { routineComplete, type RoutineState, type StepResult } from './machine';
import type { RoutineStep } from './plan';

/** The routine's state as saved: each step with how it went. */
export function routineInfoOf(state: RoutineState, plannedSeconds: number): RoutineInfo {
  const over = state.phase === 'done';
  return {
    status: !over ? 'in-progress' : routineComplete(state.results) ? 'complete' : 'partial',
    index: Math.min(state.index, state.steps.length),
    plannedSeconds: Math.max(0, Math.round(plannedSeconds)),
    steps: state.steps.map((s, i): RoutineStepRecord => {
      const r = state.results[i];
      return {
        key: s.key,
        name: s.name,
        kind: s.kind,
        exerciseId: s.exerciseId,
        target: s.target,
        unit: s.unit,
        status: r?.status ?? 'pending',
        count: r?.count ?? null,
        seconds: Math.max(0, Math.round(r?.seconds ?? 0)),
        setId: r?.setId ?? null,
      };
    }),
  };
}

/**
 * Carrying on a saved routine with today's plan: the saved results of the steps both share (by
 * key), and the step it was in (the first step still to do when that one is no longer planned).
 */
export function carryOnFrom(info: RoutineInfo, steps: readonly RoutineStep[]): { index: number; results: StepResult[] } {
  const saved = new Map(info.steps.map((s) => [s.key, s]));
  const results = steps.map((s): StepResult => {
    const r = saved.get(s.key);
    return r ? { status: r.status, count: r.count, seconds: r.seconds, setId: r.setId } : { status: 'pending', count: null, seconds: 0, setId: null };
  });
  const wasIn = info.steps[info.index]?.key;
  let index = wasIn ? steps.findIndex((s) => s.key === wasIn) : -1;
  if (index < 0) index = results.findIndex((r) => r.status === 'pending');
  return { index: index < 0 ? steps.length : index, results };
}

/** How many steps were done, of how many: "4 of 7 steps done". */
export function stepsDoneWords(info: RoutineInfo): string {
  const done = info.steps.filter((s) => s.status === 'done').length;
  return `${done} of ${info.steps.length} steps done`;
}

