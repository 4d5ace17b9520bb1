import { describe, expect, it } from 'vitest';
import { atLeast, lowestModelFor, measuresLegs, MEASURE_MS, modelToRun, startAutoModel, stepAutoModel, USABLE_FPS, type AutoModelState } from './auto-model';
import type { ModelVariant } from './types';

/** Frames at `fps` for `ms` from `fromMs`; returns the state and the first switch asked for. */
function run(state: AutoModelState, fps: number, fromMs: number, ms: number): { state: AutoModelState; switchTo: ModelVariant | null; atMs: number } {
  let s = state;
  for (let t = fromMs; t <= fromMs + ms; t += 1000 / fps) {
    const step = stepAutoModel(s, t);
    s = step.state;
    if (step.switchTo) return { state: s, switchTo: step.switchTo, atMs: t };
  }
  return { state: s, switchTo: null, atMs: fromMs + ms };
}

describe('automatic model choice', () => {
  it('steps down from full when the device runs it below 15 fps, and stays on lite', () => {
    const first = run(startAutoModel('full', 0), 9, 0, 10_000);
    expect(first.switchTo).toBe('lite');
    expect(first.state.reason).toMatch(/full model ran at 9 frames per second.*trying the lite model/);
    const second = run(first.state, 12, first.atMs, 20_000);
    expect(second.switchTo).toBeNull();
    expect(second.state.model).toBe('lite');
    expect(second.state.reason).toMatch(/lite model, the fastest, runs at 12/);
  });

  it('keeps full at a usable rate, and steps up to heavy only where heavy would still reach 15 fps', () => {
    const usable = run(startAutoModel('full', 0), 24, 0, 20_000);
    expect(usable.switchTo).toBeNull();
    expect(usable.state.fps).toBeGreaterThanOrEqual(USABLE_FPS);
    expect(usable.state.reason).toMatch(/full model runs at 24 frames per second.*most accurate/);
    const fast = run(startAutoModel('full', 0), 60, 0, 10_000);
    expect(fast.switchTo).toBe('heavy');
  });

  it('steps up from lite when full would run at 15 fps, but never back to a model that was too slow', () => {
    const up = run(startAutoModel('lite', 0), 30, 0, 10_000);
    expect(up.switchTo).toBe('full');
    const down = run(up.state, 10, up.atMs, 10_000);
    expect(down.switchTo).toBe('lite');
    const stay = run(down.state, 30, down.atMs, 30_000);
    expect(stay.switchTo).toBeNull();
    expect(stay.state.model).toBe('lite');
  });

  it('judges only after the measuring window, and notices a device that slows down later', () => {
    const early = run(startAutoModel('full', 0), 5, 0, MEASURE_MS - 100);
    expect(early.switchTo).toBeNull();
    const fine = run(startAutoModel('full', 0), 20, 0, 12_000);
    expect(fine.switchTo).toBeNull();
    const slower = run(fine.state, 8, fine.atMs, 12_000);
    expect(slower.switchTo).toBe('lite');
  });

  it('never steps below full for a measure that reads the legs (or one not known), however slow', () => {
    const legs = run(startAutoModel('full', 0, 'full'), 9, 0, 20_000);
    expect(legs.switchTo).toBeNull();
    expect(legs.state.model).toBe('full');
    expect(legs.state.reason).toMatch(/full model runs at 9 frames per second.*lite model does not measure hips, knees and ankles reliably/);
    // From heavy it still steps down, to full and no further.
    const heavy = run(startAutoModel('heavy', 0, 'full'), 9, 0, 10_000);
    expect(heavy.switchTo).toBe('full');
    expect(run(heavy.state, 9, heavy.atMs, 20_000).switchTo).toBeNull();
  });
});

describe('the model a measure runs on', () => {
  const squat = ['near_hip', 'near_knee', 'near_ankle'];
  const bridge = ['near_shoulder', 'near_hip', 'near_ankle'];
  const posture = ['near_ear', 'near_shoulder', 'near_hip'];

  it('reads the legs with a knee, ankle, heel or toes in the measure (any hip, knee or ankle angle)', () => {
    expect(measuresLegs(squat)).toBe(true);
    expect(measuresLegs(bridge)).toBe(true);
    expect(measuresLegs(['left_heel'])).toBe(true);
    expect(measuresLegs(['right_foot_index'])).toBe(true);
    expect(measuresLegs(posture)).toBe(false);
    expect(measuresLegs(['near_shoulder', 'near_elbow', 'near_wrist'])).toBe(false);
    expect(lowestModelFor(squat)).toBe('full');
    expect(lowestModelFor(posture)).toBe('lite');
    expect(lowestModelFor(null)).toBe('full');
    expect(atLeast('lite', 'full')).toBe('full');
    expect(atLeast('heavy', 'full')).toBe('heavy');
  });

  it('is full instead of lite for the legs, chosen or automatic; lite stays where the measure is known to be above the hips, or chosen for a measure not known', () => {
    for (const automatic of [true, false]) {
      expect(modelToRun('lite', { automatic, measures: squat })).toBe('full');
      expect(modelToRun('lite', { automatic, measures: bridge })).toBe('full');
      expect(modelToRun('lite', { automatic, measures: posture })).toBe('lite');
      expect(modelToRun('heavy', { automatic, measures: squat })).toBe('heavy');
    }
    expect(modelToRun('lite', { automatic: true, measures: null })).toBe('full');
    expect(modelToRun('lite', { automatic: false, measures: null })).toBe('lite');
  });
});

