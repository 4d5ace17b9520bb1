import { describe, expect, it } from 'vitest';
import { MEASURE_MS, startAutoModel, stepAutoModel, USABLE_FPS, type AutoModelState } from './auto-model';
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
});
