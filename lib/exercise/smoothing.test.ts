import { describe, expect, it } from 'vitest';
import { standardDeviation } from '../angles/stats';
import { createSignalSmoother, SMOOTHER_DEFAULTS } from './smoothing';
import { lowVisibilitySample, noise, okSample } from './test-traces';
import { figure, round } from '../../tests/figures';

/** Fraction of the raw standard deviation left after smoothing, on +/-3 deg noise at rest. */
const JITTER_LEFT_30_FPS = 0.4;
const JITTER_LEFT_10_FPS = 0.55;
/** Largest lag behind a 150 deg/s movement (a brisk squat), with the same noise on top. */
const MAX_LAG_DEG = 5;

function jitterLeft(fps: number): number {
  const smoother = createSignalSmoother();
  const next = noise(7, 3);
  const raw: number[] = [];
  const out: number[] = [];
  for (let i = 0; i < fps * 10; i++) {
    const v = 100 + next();
    const s = smoother.smooth(okSample((i * 1000) / fps, v));
    if (i >= fps) {
      raw.push(v);
      out.push(s.valueDeg!);
    }
  }
  return standardDeviation(out) / standardDeviation(raw);
}

describe('createSignalSmoother', () => {
  it('documents its defaults', () => {
    expect(SMOOTHER_DEFAULTS).toEqual({ minCutoffHz: 1, beta: 0.05, dCutoffHz: 1, gapResetMs: 500 });
  });

  it('takes out most of the jitter of a still signal at 10 and 30 fps', () => {
    expect(jitterLeft(30)).toBeLessThan(JITTER_LEFT_30_FPS);
    expect(jitterLeft(10)).toBeLessThan(JITTER_LEFT_10_FPS);
  });

  it('follows a fast movement closely', () => {
    for (const fps of [10, 30]) {
      const smoother = createSignalSmoother();
      const next = noise(3, 3);
      let lag = 0;
      for (let i = 0; i < fps * 3; i++) {
        const t = (i * 1000) / fps;
        const v = 100 + 0.15 * t;
        const s = smoother.smooth(okSample(t, v + next()));
        if (t > 1000) lag = Math.max(lag, v - s.valueDeg!);
      }
      expect(lag).toBeLessThan(MAX_LAG_DEG);
      figure('smoothing', `largest lag behind 150 deg/s at ${fps} fps (deg)`, round(lag, 2), null);
    }
  });

  it('passes samples without a value through, and starts afresh after a gap or when time runs backwards', () => {
    const smoother = createSignalSmoother();
    expect(smoother.smooth(okSample(0, 100)).valueDeg).toBe(100);
    expect(smoother.smooth(okSample(33, 130)).valueDeg).toBeLessThan(130);
    const blind = lowVisibilitySample(66);
    expect(smoother.smooth(blind)).toBe(blind);
    // 400 ms since the last value: the filter carries on.
    expect(smoother.smooth(okSample(433, 160)).valueDeg).toBeLessThan(160);
    // 600 ms: a new start, the value as it is.
    expect(smoother.smooth(okSample(1033, 40)).valueDeg).toBe(40);
    expect(smoother.smooth(okSample(500, 70)).valueDeg).toBe(70);
    smoother.reset();
    expect(smoother.smooth(okSample(600, 10)).valueDeg).toBe(10);
  });

  it('leaves everything but the value as it was', () => {
    const sample = okSample(0, 50, { peopleCount: 2, headForwardDeg: 48 });
    expect(createSignalSmoother().smooth(sample)).toEqual(sample);
  });
});
