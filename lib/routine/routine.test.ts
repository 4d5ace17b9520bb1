import { describe, expect, it } from 'vitest';
import { CATALOGUE, getExercise } from '../exercise/catalogue';
import { currentStep, secondsLeft, startRoutine, stepRoutine, type RoutineEvent, type RoutineState } from './machine';
import { DEFAULT_ROUTINE_PREFS, exerciseForStep, moveItem, normalizePrefs, planRoutine, plannedSeconds, setItemOn, targetRepsOf, type StageInput } from './plan';
import { carryOnFrom, routineInfoOf } from './records';

const stageOf = (exerciseId: string, dose: StageInput['dose']): StageInput => {
  const ex = getExercise(exerciseId)!;
  return { exerciseId, exerciseName: ex.name, dose, exercise: ex };
};
const WALL = stageOf('wall-extension-hold', { sets: 1, reps: 10, holdSeconds: 10, perDay: 2 });
const all = () => true;

describe('routine preferences', () => {
  it('keep every item once, put a missing one back in its default place, and never turn the stage off', () => {
    const p = normalizePrefs({ order: ['band-pull-apart', 'stage', 'nonsense', 'stage', 42], off: ['stage', 'cat-cow', 'cat-cow', 'x'] });
    expect(new Set(p.order).size).toBe(p.order.length);
    expect([...p.order].sort()).toEqual([...DEFAULT_ROUTINE_PREFS.order].sort());
    expect(p.order.indexOf('band-pull-apart')).toBeLessThan(p.order.indexOf('stage'));
    expect(p.off).toEqual(['cat-cow']);
    expect(normalizePrefs('garbage')).toEqual(DEFAULT_ROUTINE_PREFS);
  });
  it('move and switch items', () => {
    const moved = moveItem(DEFAULT_ROUTINE_PREFS, 'band-pull-apart', -10);
    expect(moved.order[0]).toBe('band-pull-apart');
    expect(setItemOn(DEFAULT_ROUTINE_PREFS, 'stage', false)).toBe(DEFAULT_ROUTINE_PREFS);
    expect(setItemOn(setItemOn(DEFAULT_ROUTINE_PREFS, 'foam-roll', false), 'foam-roll', true)).toEqual(DEFAULT_ROUTINE_PREFS);
  });
});

describe('planRoutine', () => {
  it('walks warm-up, the stage exercise at its dose, then mobility, in 10-15 minutes', () => {
    const steps = planRoutine(DEFAULT_ROUTINE_PREFS, WALL, all);
    expect(steps.map((s) => s.key)).toEqual(['foam-roll', 'cat-cow', 'stage', 'table-top-twist:right', 'table-top-twist:left', 'band-pull-apart', 'thoracic-bridge', 'roller-mobilisation']);
    const stage = steps.find((s) => s.stage)!;
    expect(stage).toMatchObject({ exerciseId: 'wall-extension-hold', target: 10, holdSeconds: 10, unit: 'holds' });
    expect(steps.find((s) => s.key === 'cat-cow')).toMatchObject({ target: 8, unit: 'breaths', kind: 'counted' });
    expect(steps.find((s) => s.key === 'thoracic-bridge')?.alternating).toBe(true);
    expect(steps[steps.length - 1].restSeconds).toBe(0);
    const total = plannedSeconds(steps);
    expect(total).toBeGreaterThanOrEqual(10 * 60);
    expect(total).toBeLessThanOrEqual(15 * 60);
  });
  it('does cat-cow once at stage 1, splits the stage into its sets, and leaves out drills turned off or unknown', () => {
    const s1 = planRoutine(DEFAULT_ROUTINE_PREFS, stageOf('cat-cow', { sets: 1, durationSeconds: 30, perDay: 3 }), all);
    expect(s1.filter((s) => s.exerciseId === 'cat-cow')).toHaveLength(1);
    expect(s1.find((s) => s.stage)).toMatchObject({ durationSeconds: 30, unit: 'seconds' });
    const s3 = planRoutine(setItemOn(DEFAULT_ROUTINE_PREFS, 'foam-roll', false), stageOf('swiss-ball-hip-extension-lowering', { sets: 2, reps: 10, perDay: 1 }), (id) => id !== 'thoracic-bridge');
    expect(s3.map((s) => s.key)).not.toContain('foam-roll');
    expect(s3.map((s) => s.key)).not.toContain('thoracic-bridge');
    expect(s3.filter((s) => s.stage).map((s) => s.key)).toEqual(['stage:1', 'stage:2']);
  });
  it("turns a timed catalogue entry done as a drill into breaths counted to the target", () => {
    const steps = planRoutine(DEFAULT_ROUTINE_PREFS, WALL, all);
    const catCow = steps.find((s) => s.key === 'cat-cow')!;
    const ex = exerciseForStep(catCow, getExercise('cat-cow')!);
    expect(ex.kind).toBe('reps');
    expect(targetRepsOf(catCow)).toBe(8);
    const wall = exerciseForStep(steps.find((s) => s.stage)!, getExercise('wall-extension-hold')!);
    expect(wall.kind === 'hold' && wall.targetSeconds).toBe(10);
    expect(CATALOGUE.length).toBeGreaterThan(0);
  });
});

function run(state: RoutineState, events: RoutineEvent[]) {
  const effects = [];
  for (const e of events) {
    const r = stepRoutine(state, e);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}
const ticks = (fromMs: number, toMs: number, stepMs = 250): RoutineEvent[] => {
  const out: RoutineEvent[] = [];
  for (let t = fromMs; t <= toMs; t += stepMs) out.push({ type: 'tick', nowMs: t });
  return out;
};

describe('routine machine', () => {
  const steps = planRoutine(DEFAULT_ROUTINE_PREFS, WALL, all);
  it('counts down into position, times a timed step, rests, and begins a counted step only after its position time', () => {
    let { state, effects } = startRoutine(steps, 0);
    expect(effects.some((e) => e.type === 'say' && /Next: Foam roll, 60 seconds/.test(e.text) && /not the neck/.test(e.text))).toBe(true);
    ({ state, effects } = run(state, ticks(0, 9750)));
    expect(state.phase).toBe('position');
    expect(secondsLeft(state)).toBe(1);
    ({ state, effects } = run(state, ticks(10_000, 10_000)));
    expect(state.phase).toBe('active');
    expect(effects).toContainEqual({ type: 'begin', index: 0 });
    ({ state } = run(state, ticks(10_250, 69_750)));
    expect(state.phase).toBe('active');
    ({ state } = run(state, ticks(70_000, 70_000)));
    expect(state.phase).toBe('rest');
    expect(state.results[0]).toMatchObject({ status: 'done', seconds: 60 });
    ({ state, effects } = run(state, ticks(70_250, 80_000)));
    expect(currentStep(state)?.key).toBe('cat-cow');
    expect(state.phase).toBe('position');
    ({ state, effects } = run(state, ticks(80_250, 90_000)));
    expect(state.phase).toBe('active');
    expect(effects).toContainEqual({ type: 'begin', index: 1 });
    // The set runs until the shell says it finished.
    ({ state } = run(state, [...ticks(90_250, 200_000, 1000), { type: 'set-started', nowMs: 200_000, setId: 's1' }]));
    expect(state.phase).toBe('active');
    expect(state.results[1].setId).toBe('s1');
    ({ state } = run(state, [{ type: 'set-finished', nowMs: 201_000, progress: { count: 8, setId: 's1', complete: true, seconds: 40 } }]));
    expect(state.results[1]).toMatchObject({ status: 'done', count: 8, setId: 's1' });
    expect(state.phase).toBe('rest');
  });

  it('"Ready" in position starts the step at once (paused or not), and means nothing in another phase', () => {
    let { state } = startRoutine(steps, 0);
    let effects;
    ({ state, effects } = run(state, [...ticks(0, 3000), { type: 'ready', nowMs: 3100 }]));
    expect(state.phase).toBe('active');
    expect(state.phaseMs).toBe(0);
    expect(effects).toContainEqual({ type: 'begin', index: 0 });
    // The timed step then runs its full time from the moment it began.
    ({ state } = run(state, ticks(3250, 63_000)));
    expect(state.phase).toBe('active');
    ({ state, effects } = run(state, [{ type: 'ready', nowMs: 63_050 }]));
    expect(effects).toEqual([]);
    ({ state } = run(state, ticks(63_250, 63_250)));
    expect(state.phase).toBe('rest');
    expect(state.results[0]).toMatchObject({ status: 'done', seconds: 60 });
    ({ state, effects } = run(state, [{ type: 'ready', nowMs: 64_000 }]));
    expect(state.phase).toBe('rest');
    expect(effects).toEqual([]);
    // Paused in position: ready resumes and begins.
    const counted = startRoutine(steps, 0, { index: 1, results: [] });
    ({ state, effects } = run(counted.state, [{ type: 'pause', nowMs: 500 }, { type: 'ready', nowMs: 900 }]));
    expect(state.paused).toBe(false);
    expect(state.phase).toBe('active');
    expect(effects).toContainEqual({ type: 'begin', index: 1 });
  });

  it('does not move while paused, and pauses a running set', () => {
    let { state } = startRoutine(steps, 0);
    let effects;
    ({ state, effects } = run(state, [{ type: 'pause', nowMs: 1000 }, ...ticks(1000, 60_000, 1000)]));
    expect(state.phase).toBe('position');
    expect(secondsLeft(state)).toBe(9);
    ({ state, effects } = run(state, [{ type: 'resume', nowMs: 60_000 }, ...ticks(60_000, 69_000, 1000)]));
    expect(state.phase).toBe('active');
    expect(effects.some((e) => e.type === 'begin')).toBe(true);
    // A counted step: pause reaches the set.
    const counted = startRoutine(steps, 0, { index: 1, results: [] });
    ({ state } = run(counted.state, ticks(0, 10_000)));
    ({ effects } = run(state, [{ type: 'pause', nowMs: 10_100 }]));
    expect(effects).toContainEqual({ type: 'pause-set' });
  });

  it('skip, redo and end: a step cut short is partly done, one never started is skipped, and the routine is then partly done', () => {
    let { state } = startRoutine(steps, 0, { index: 1, results: [] });
    let effects;
    ({ state } = run(state, ticks(0, 10_000)));
    ({ state, effects } = run(state, [{ type: 'skip', nowMs: 11_000, progress: { count: 3, setId: 'a', complete: false, seconds: 14 } }]));
    expect(effects[0]).toEqual({ type: 'end-set' });
    expect(state.results[1]).toMatchObject({ status: 'partial', count: 3, setId: 'a' });
    expect(currentStep(state)?.stage).toBe(true);
    ({ state } = run(state, [{ type: 'skip', nowMs: 12_000 }]));
    expect(state.results[2].status).toBe('skipped');
    // Redo in the position phase starts it again from its position.
    ({ state } = run(state, [...ticks(12_000, 22_000), { type: 'redo', nowMs: 22_500 }]));
    expect(state.phase).toBe('position');
    expect(currentStep(state)?.key).toBe('table-top-twist:right');
    ({ state, effects } = run(state, [{ type: 'end', nowMs: 23_000 }]));
    expect(state.phase).toBe('done');
    expect(effects).toContainEqual({ type: 'finished' });
    const info = routineInfoOf(state, plannedSeconds(steps));
    expect(info.status).toBe('partial');
    expect(info.steps.filter((s) => s.status === 'pending').length).toBeGreaterThan(0);
  });

  it('is complete only when every step is done, and carries on at the step it was in', () => {
    let { state } = startRoutine(steps, 0);
    let t = 0;
    for (let i = 0; i < steps.length; i++) {
      ({ state } = run(state, ticks(t, t + 10_000)));
      t += 10_250;
      if (steps[i].kind === 'counted') ({ state } = run(state, [{ type: 'set-finished', nowMs: t, progress: { count: steps[i].target, setId: `s${i}`, complete: true, seconds: 30 } }]));
      else ({ state } = run(state, ticks(t, t + steps[i].target * 1000)));
      t += steps[i].target * 1000 + 250;
      ({ state } = run(state, ticks(t, t + steps[i].restSeconds * 1000)));
      t += steps[i].restSeconds * 1000 + 250;
    }
    expect(state.phase).toBe('done');
    expect(routineInfoOf(state, 0).status).toBe('complete');

    const half = routineInfoOf({ ...state, phase: 'active', index: 3, results: state.results.map((r, i) => (i < 3 ? r : { status: 'pending', count: null, seconds: 0, setId: null })) }, 0);
    expect(half.status).toBe('in-progress');
    // Today the person turned the foam roll off: the saved steps still match by key.
    const today = planRoutine(setItemOn(DEFAULT_ROUTINE_PREFS, 'foam-roll', false), WALL, all);
    const carry = carryOnFrom(half, today);
    expect(today[carry.index].key).toBe('table-top-twist:right');
    expect(carry.results[today.findIndex((s) => s.key === 'cat-cow')].status).toBe('done');
  });
});

describe('routine saves', () => {
  it('saves whenever the step changes, so a reload carries on at the step it was in', () => {
    const steps = planRoutine(DEFAULT_ROUTINE_PREFS, WALL, all);
    let { state } = startRoutine(steps, 0);
    const saves: number[] = [];
    const events: RoutineEvent[] = [...ticks(0, 10_000), ...ticks(10_250, 70_000), { type: 'skip', nowMs: 70_100 }, { type: 'skip', nowMs: 70_200 }];
    for (const e of events) {
      const r = stepRoutine(state, e);
      state = r.state;
      if (r.effects.some((x) => x.type === 'save')) saves.push(state.index);
    }
    // Step 0 done (rest), the rest skipped to step 1, step 1 skipped to step 2: each saved.
    expect(saves).toEqual([0, 1, 2]);
  });
});
