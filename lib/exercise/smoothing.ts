// One Euro filter on the exercise signal (degrees), before the counter. MediaPipe already
// smooths landmarks in VIDEO mode; this smooths the derived angle, whose jitter is larger
// than any one landmark's (2-3 deg frame to frame for a person standing still).
// Casiez, Roussel, Vogel: "1 Euro Filter", CHI 2012. Tuning: with beta 0, lower the min cutoff
// until jitter at rest is acceptable; then raise beta until fast moves lag little enough.
// With the defaults, on +/-3 deg uniform noise: the standard deviation drops to 0.35x at 30 fps
// and 0.5x at 10 fps, and a 150 deg/s movement lags by at most 4 deg (smoothing.test.ts).
import { OneEuroFilter } from '1eurofilter';
import type { ExerciseSample } from './types';

export interface SmootherOptions {
  /**
   * Cutoff at rest, Hz. 1 Hz: a time constant of 1 / (2 pi 1 Hz) = 160 ms, which averages
   * over about 5 frames at 30 fps and cuts the 2-3 deg jitter to about a third, while a
   * 2-4 s rep or a 10 s hold is far slower.
   */
  readonly minCutoffHz?: number;
  /**
   * Cutoff increase per deg/s of speed. 0.05: a brisk squat or push-up (100-200 deg/s)
   * opens the filter to 6-11 Hz (lag 15-27 ms), so thresholds are crossed on time; a slow
   * arch into a hold (10-20 deg/s) stays at 1.5-2 Hz and keeps its jitter down.
   */
  readonly beta?: number;
  /** Cutoff for the speed estimate, Hz. 1 Hz is the paper's and the package's default. */
  readonly dCutoffHz?: number;
  /**
   * Start afresh after this long without a measured value (or when time runs backwards):
   * the filter would otherwise glide from a stale value. Shorter gaps (a missed frame or
   * two) keep the filter, which handles the longer time step itself.
   */
  readonly gapResetMs?: number;
}

export const SMOOTHER_DEFAULTS: Required<SmootherOptions> = { minCutoffHz: 1, beta: 0.05, dCutoffHz: 1, gapResetMs: 500 };
/** Only used until the second sample gives the real frame interval. */
const NOMINAL_RATE_HZ = 30;

export interface SignalSmoother {
  /** The sample with its value smoothed; samples without a value pass through unchanged. */
  smooth(sample: ExerciseSample): ExerciseSample;
  reset(): void;
}

/**
 * The only stateful piece of counting. It is not saved: after a reload a new one starts
 * from the first frame (the filter settles within a few frames).
 */
export function createSignalSmoother(options: SmootherOptions = {}): SignalSmoother {
  const o = { ...SMOOTHER_DEFAULTS, ...options };
  const make = () => new OneEuroFilter(NOMINAL_RATE_HZ, o.minCutoffHz, o.beta, o.dCutoffHz);
  let filter = make();
  let lastMs: number | null = null;
  return {
    smooth(sample) {
      if (sample.valueDeg === null || sample.status !== 'ok') return sample;
      const t = sample.timestampMs;
      if (lastMs === null || t < lastMs || t - lastMs > o.gapResetMs) filter = make();
      lastMs = t;
      return { ...sample, valueDeg: filter.filter(sample.valueDeg, t / 1000) };
    },
    reset() {
      filter = make();
      lastMs = null;
    },
  };
}
