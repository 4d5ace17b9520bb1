// The routine as a pure machine: (state, event) -> { state, effects }. It walks the steps:
// get into position (a countdown while the setup check shows what to fix), the step itself (the
// counter counts a counted step through the set session; a timed step is a countdown), a timed
// rest, then the next. Pause, skip, redo and end work in every phase. Time comes in with each
// event (`nowMs`, the page's clock); paused time does not count. Effects are data: the page's
// shell starts and ends sets, speaks, and saves.
import { POSITION_SECONDS, type RoutineStep } from './plan';

export type RoutinePhase = 'position' | 'active' | 'rest' | 'done';
/** done: the target reached; partial: started, not finished; skipped: not started; pending: not reached yet. */
export type StepStatus = 'pending' | 'done' | 'partial' | 'skipped';

export interface StepResult {
  readonly status: StepStatus;
  /** Reps, breaths or holds counted (counted steps); null for timed steps. */
  readonly count: number | null;
  /** Seconds spent on the step (timed: the countdown's seconds). */
  readonly seconds: number;
  /** The set that recorded it (counted steps, and timed ones once saved); null before. */
  readonly setId: string | null;
}

export interface RoutineState {
  readonly steps: readonly RoutineStep[];
  readonly results: readonly StepResult[];
  readonly index: number;
  readonly phase: RoutinePhase;
  /** Time spent in this phase (pause excluded), ms. */
  readonly phaseMs: number;
  /** The clock at the last event. */
  readonly lastMs: number;
  readonly paused: boolean;
}

/** What a counted step's set has done so far, as the shell reports it. */
export interface SetProgress {
  readonly count: number;
  readonly setId: string | null;
  /** The set reached its target. */
  readonly complete: boolean;
  readonly seconds: number;
}

export type RoutineEvent =
  | { readonly type: 'tick'; readonly nowMs: number }
  /** A counted step's set started (its id, so a reload can carry it on). */
  | { readonly type: 'set-started'; readonly nowMs: number; readonly setId: string }
  /** A counted step's set finished by itself (target reached, or its time up). */
  | { readonly type: 'set-finished'; readonly nowMs: number; readonly progress: SetProgress }
  | { readonly type: 'pause'; readonly nowMs: number }
  | { readonly type: 'resume'; readonly nowMs: number }
  /** In position before the countdown ends: start the step now. */
  | { readonly type: 'ready'; readonly nowMs: number }
  /** Skip the current step (or the rest); `progress`: what its set counted, when one runs. */
  | { readonly type: 'skip'; readonly nowMs: number; readonly progress?: SetProgress }
  /** Start the current step again (in a rest: the step just finished). */
  | { readonly type: 'redo'; readonly nowMs: number }
  /** End the routine now; `progress` as for skip. */
  | { readonly type: 'end'; readonly nowMs: number; readonly progress?: SetProgress };

export type RoutineEffect =
  /** Start the step: a counted step's set (with `resume`: carry on its saved set), or a timed step's clock. */
  | { readonly type: 'begin'; readonly index: number }
  /** End the counted step's set now, keeping what it counted. */
  | { readonly type: 'end-set' }
  | { readonly type: 'pause-set' }
  | { readonly type: 'resume-set' }
  | { readonly type: 'say'; readonly text: string }
  | { readonly type: 'tone'; readonly kind: 'done' | 'start' | 'warn' }
  /** Save the routine's record (its steps' results changed). */
  | { readonly type: 'save' }
  | { readonly type: 'finished' };

export interface RoutineStepResult {
  readonly state: RoutineState;
  readonly effects: RoutineEffect[];
}

const PENDING: StepResult = { status: 'pending', count: null, seconds: 0, setId: null };
const POSITION_MS = POSITION_SECONDS * 1000;

/** "Next: Cat-cow, 8 breaths. On hands and knees, side-on to the camera." */
export function introWords(step: RoutineStep): string {
  const amount = step.kind === 'timed' || step.durationSeconds ? `${step.target} seconds` : `${step.target} ${step.unit}`;
  const where = step.position ? ` ${step.position}.` : '';
  const safety = step.safety ? ` ${step.safety}` : '';
  return `Next: ${step.name}, ${amount}.${where}${safety}`;
}

/** The routine's start: the first step's position, or `fromIndex` when carrying on after a reload. */
export function startRoutine(steps: readonly RoutineStep[], nowMs: number, carryOn?: { readonly index: number; readonly results: readonly StepResult[] }): RoutineStepResult {
  const results = steps.map((_, i) => carryOn?.results[i] ?? PENDING);
  const index = Math.max(0, Math.min(steps.length, carryOn?.index ?? 0));
  const state: RoutineState = { steps, results, index, phase: 'position', phaseMs: 0, lastMs: nowMs, paused: false };
  if (index >= steps.length) return finish(state);
  return { state, effects: [{ type: 'save' }, { type: 'say', text: introWords(steps[index]) }] };
}

/** The step under way, or null once done. */
export function currentStep(state: RoutineState): RoutineStep | null {
  return state.phase === 'done' ? null : (state.steps[state.index] ?? null);
}

/** Seconds left in the phase's countdown (position, a timed step, a rest); null where none runs. */
export function secondsLeft(state: RoutineState): number | null {
  const step = currentStep(state);
  if (!step) return null;
  const total = state.phase === 'position' ? POSITION_MS : state.phase === 'rest' ? step.restSeconds * 1000 : step.kind === 'timed' ? step.target * 1000 : null;
  return total === null ? null : Math.max(0, Math.ceil((total - state.phaseMs) / 1000));
}

/** Whether every step was done: a routine ended early, or with a step skipped or cut short, is partly done. */
export function routineComplete(results: readonly StepResult[]): boolean {
  return results.length > 0 && results.every((r) => r.status === 'done');
}

function advanceClock(state: RoutineState, nowMs: number): RoutineState {
  const dt = Math.max(0, Math.min(5000, nowMs - state.lastMs));
  return { ...state, lastMs: Math.max(nowMs, state.lastMs), phaseMs: state.paused ? state.phaseMs : state.phaseMs + dt };
}

function withResult(state: RoutineState, index: number, result: StepResult): RoutineState {
  const results = state.results.slice();
  results[index] = result;
  return { ...state, results };
}

function finish(state: RoutineState): RoutineStepResult {
  const done: RoutineState = { ...state, phase: 'done', index: state.steps.length, phaseMs: 0, paused: false };
  const complete = routineComplete(done.results);
  return {
    state: done,
    effects: [
      { type: 'tone', kind: 'done' },
      { type: 'say', text: complete ? 'Routine done. Well done.' : 'Routine ended. What you did is saved.' },
      { type: 'save' },
      { type: 'finished' },
    ],
  };
}

/** On to step `index`'s position (or the end). */
function toStep(state: RoutineState, index: number): RoutineStepResult {
  if (index >= state.steps.length) return finish({ ...state, index });
  const next: RoutineState = { ...state, index, phase: 'position', phaseMs: 0, paused: false };
  // Saved at once: a reload from here carries on at this step.
  return { state: next, effects: [{ type: 'save' }, { type: 'say', text: introWords(state.steps[index]) }] };
}

/** The current step is over (with its result): a rest, or straight on. */
function afterStep(state: RoutineState, result: StepResult, words: string): RoutineStepResult {
  const s = withResult(state, state.index, result);
  const step = s.steps[s.index];
  const last = s.index + 1 >= s.steps.length;
  if (last || step.restSeconds <= 0) {
    const next = toStep(s, s.index + 1);
    return { state: next.state, effects: [{ type: 'tone', kind: 'done' }, ...(last ? [] : [{ type: 'say', text: words } as const]), ...next.effects] };
  }
  const rest: RoutineState = { ...s, phase: 'rest', phaseMs: 0, paused: false };
  return {
    state: rest,
    effects: [{ type: 'tone', kind: 'done' }, { type: 'save' }, { type: 'say', text: `${words} Rest ${step.restSeconds} seconds. Next: ${s.steps[s.index + 1].name}.` }],
  };
}

/** What a step left unfinished counts as: partly done when anything was done, else skipped. */
function cutShort(state: RoutineState, progress: SetProgress | undefined): StepResult {
  const step = state.steps[state.index];
  const prior = state.results[state.index] ?? PENDING;
  if (state.phase !== 'active') return { ...prior, status: prior.setId && (prior.count ?? 0) > 0 ? 'partial' : 'skipped' };
  if (step.kind === 'timed') {
    const seconds = Math.floor(state.phaseMs / 1000);
    return { status: seconds > 0 ? 'partial' : 'skipped', count: null, seconds, setId: null };
  }
  const count = progress?.count ?? 0;
  return { status: progress?.complete ? 'done' : count > 0 ? 'partial' : 'skipped', count, seconds: progress?.seconds ?? 0, setId: progress?.setId ?? prior.setId };
}

/** The position countdown is over (or the person said they are ready): the step itself starts. */
function begin(state: RoutineState): RoutineStepResult {
  const step = state.steps[state.index];
  return {
    state: { ...state, phase: 'active', phaseMs: 0 },
    effects: [
      { type: 'tone', kind: 'start' },
      { type: 'say', text: step.kind === 'counted' ? 'Counting starts when the camera sees you in position.' : `Go: ${step.target} seconds.` },
      { type: 'begin', index: state.index },
    ],
  };
}

export function stepRoutine(before: RoutineState, event: RoutineEvent): RoutineStepResult {
  if (before.phase === 'done') return { state: before, effects: [] };
  const state = advanceClock(before, event.nowMs);
  const step = state.steps[state.index];
  const counted = step.kind === 'counted';
  switch (event.type) {
    case 'tick': {
      if (state.paused) return { state, effects: [] };
      if (state.phase === 'position' && state.phaseMs >= POSITION_MS) return begin(state);
      if (state.phase === 'active' && !counted && state.phaseMs >= step.target * 1000) {
        return afterStep(state, { status: 'done', count: null, seconds: step.target, setId: null }, `${step.name} done.`);
      }
      if (state.phase === 'rest' && state.phaseMs >= step.restSeconds * 1000) return toStep(state, state.index + 1);
      return { state, effects: [] };
    }
    case 'set-started':
      if (state.phase !== 'active' || !counted) return { state, effects: [] };
      return { state: withResult(state, state.index, { ...PENDING, setId: event.setId }), effects: [{ type: 'save' }] };
    case 'set-finished': {
      if (state.phase !== 'active' || !counted) return { state, effects: [] };
      const p = event.progress;
      const result: StepResult = { status: p.complete ? 'done' : p.count > 0 ? 'partial' : 'skipped', count: p.count, seconds: p.seconds, setId: p.setId };
      return afterStep(state, result, p.complete ? `${step.name} done.` : `${step.name}: ${p.count} of ${step.target}.`);
    }
    case 'ready':
      if (state.phase !== 'position') return { state, effects: [] };
      return begin({ ...state, paused: false });
    case 'pause':
      if (state.paused) return { state, effects: [] };
      return { state: { ...state, paused: true }, effects: [...(state.phase === 'active' && counted ? [{ type: 'pause-set' } as const] : []), { type: 'say', text: 'Paused.' }] };
    case 'resume':
      if (!state.paused) return { state, effects: [] };
      return { state: { ...state, paused: false }, effects: [...(state.phase === 'active' && counted ? [{ type: 'resume-set' } as const] : []), { type: 'say', text: 'Carrying on.' }] };
    case 'skip': {
      if (state.phase === 'rest') return toStep(state, state.index + 1);
      const result = cutShort(state, event.progress);
      const s = withResult({ ...state, paused: false }, state.index, result);
      const endSet: RoutineEffect[] = state.phase === 'active' && counted ? [{ type: 'end-set' }] : [];
      const next = toStep(s, state.index + 1);
      return { state: next.state, effects: [...endSet, ...next.effects] };
    }
    case 'redo': {
      // In a rest the step just finished is the one to do again.
      const endSet: RoutineEffect[] = state.phase === 'active' && counted ? [{ type: 'end-set' }] : [];
      const s = withResult({ ...state, phase: 'position', phaseMs: 0, paused: false }, state.index, PENDING);
      return { state: s, effects: [...endSet, { type: 'save' }, { type: 'say', text: `Again. ${introWords(step)}` }] };
    }
    case 'end': {
      const endSet: RoutineEffect[] = state.phase === 'active' && counted ? [{ type: 'end-set' }] : [];
      const s = state.phase === 'rest' ? state : withResult(state, state.index, cutShort(state, event.progress));
      const done = finish(s);
      return { state: done.state, effects: [...endSet, ...done.effects] };
    }
  }
}
