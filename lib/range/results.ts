// A measure's result from its trials (median, ± half their range), what it means against
// published figures, left against right, and whether a change since the last check is more
// than the measurement's error.
import { interpretHeadForward, STANDING_EXTENSION_DEG } from '../angles/norms';
import type { RefusalCode } from '../angles/refusals';
import { median } from '../angles/stats';
import { MEASURES_OF_TEST, TRIALS_PER_MEASURE, type RangeMeasureId, type RangeMeasureResult, type RangeTrial, type RefusedTrial } from './types';

/** The median of the trials with (max - min) / 2 as its ±; null until TRIALS_PER_MEASURE counted. */
export function summarizeMeasure(measure: RangeMeasureId, trials: readonly RangeTrial[], refused: readonly RefusedTrial[]): RangeMeasureResult {
  const values = trials.filter((t) => t.measure === measure).map((t) => t.valueDeg);
  const enough = values.length >= TRIALS_PER_MEASURE;
  const counts = new Map<RefusalCode, { code: RefusalCode; message: string; count: number }>();
  // An attempt not booked to a measure counts once, under its test's first measure.
  const first = Object.values(MEASURES_OF_TEST).find((ms) => ms.includes(measure))?.[0];
  for (const r of refused) {
    if (r.measure === null ? measure !== first : r.measure !== measure) continue;
    const c = counts.get(r.refusal.code);
    counts.set(r.refusal.code, { code: r.refusal.code, message: r.refusal.message, count: (c?.count ?? 0) + 1 });
  }
  return {
    measure,
    trialsDeg: values,
    medianDeg: enough ? median(values) : null,
    spreadDeg: enough ? (Math.max(...values) - Math.min(...values)) / 2 : null,
    refusals: [...counts.values()],
  };
}

/**
 * Smallest change that is more than measurement error, per measure:
 * - rotation: 5° (seated rotation by inclinometer: minimal detectable change 2.8-6.3°, Johnson et al. 2012);
 * - reach: 5° (the same order for goniometric shoulder flexion; one camera is no better);
 * - extension: 3° (week-to-week standing thoracic changes under about 3° are noise);
 * - head-forward: 3.5° (photo methods repeat within 1.3-5.5°).
 */
export const RANGE_NOISE_DEG: Readonly<Record<RangeMeasureId, number>> = {
  'head-forward': 3.5,
  extension: 3,
  reach: 5,
  'rotation-left': 5,
  'rotation-right': 5,
};

/** Seated thoracic rotation in healthy adults, each side (Johnson et al. 2012, inclinometer). */
export const ROTATION_TYPICAL_DEG = { low: 40, high: 50 } as const;
/** In the lumbar-locked test, this or more counts as unrestricted. */
export const ROTATION_UNRESTRICTED_DEG = 50;
/** Active shoulder flexion, adults' average (Gill et al. 2020, n = 2,404); lower with age. */
export const SHOULDER_FLEXION_TYPICAL_DEG = 160;

export const MEASURE_NAMES: Readonly<Record<RangeMeasureId, string>> = {
  'head-forward': 'Head position',
  extension: 'Standing extension',
  reach: 'Overhead reach',
  'rotation-left': 'Rotation to the left',
  'rotation-right': 'Rotation to the right',
};

const d = (v: number) => `${Math.round(v)}°`;

/** What a measure's median means, in plain words, against the published figures. */
export function interpretMeasure(measure: RangeMeasureId, valueDeg: number): string {
  switch (measure) {
    case 'head-forward':
      return interpretHeadForward(valueDeg).text;
    case 'extension': {
      const { mean, sd } = STANDING_EXTENSION_DEG;
      const where = valueDeg < mean - sd ? 'less than' : valueDeg > mean + sd ? 'more than' : 'within';
      return `You arched ${d(valueDeg)} back from your relaxed stance: ${where} the ${mean} ± ${sd}° that studies find for standing upper-back extension.`;
    }
    case 'reach':
      return valueDeg >= SHOULDER_FLEXION_TYPICAL_DEG
        ? `Your arms reach ${d(valueDeg)} overhead, at or above the adult average of about ${SHOULDER_FLEXION_TYPICAL_DEG}° (less is usual with age). Raising both arms uses upper-back extension, so reach grows as extension does.`
        : `Your arms reach ${d(valueDeg)} overhead; adults average about ${SHOULDER_FLEXION_TYPICAL_DEG}°, less with age. Raising both arms uses upper-back extension, so reach grows as extension does.`;
    case 'rotation-left':
    case 'rotation-right': {
      const { low, high } = ROTATION_TYPICAL_DEG;
      const where =
        valueDeg >= ROTATION_UNRESTRICTED_DEG
          ? `${ROTATION_UNRESTRICTED_DEG}° or more is counted as unrestricted`
          : valueDeg >= low
            ? `within the ${low}-${high}° typical of healthy adults`
            : `below the ${low}-${high}° typical of healthy adults`;
      return `${d(valueDeg)}: ${where}.`;
    }
  }
}

/** Left against right: a difference beyond the rotation's error is said as such; null when either side is missing. */
export function compareSides(left: number | null, right: number | null): { differenceDeg: number; beyondError: boolean; text: string } | null {
  if (left === null || right === null) return null;
  const diff = left - right;
  const noise = RANGE_NOISE_DEG['rotation-left'];
  if (Math.abs(diff) < noise) return { differenceDeg: diff, beyondError: false, text: `Left and right are within ${noise}° of each other: the same, as far as this can tell.` };
  const [less, more] = diff < 0 ? ['left', 'right'] : ['right', 'left'];
  return { differenceDeg: diff, beyondError: true, text: `You turn ${d(Math.abs(diff))} less to the ${less} than to the ${more}: more than the about ${noise}° this can tell apart.` };
}

/**
 * How far the camera method itself can read off, per measure, on the rendered figure with exact
 * truth through either model (tests/pose/range-renders.test.ts, range-rotation-renders.test.ts):
 * rotation up to about 10° (the models' shoulders narrow less than the joints: large turns read
 * short, by up to 5° more on tfjs than on MediaPipe), reach up to 8°, extension 4°. The two engines
 * agree within this on the same input; a change between two checks made with different engines is
 * judged against it (the same engine's own bias cancels between checks, another engine's does not).
 */
export const RANGE_METHOD_ERROR_DEG: Readonly<Record<RangeMeasureId, number>> = {
  'head-forward': 3.5,
  extension: 4,
  reach: 8,
  'rotation-left': 10,
  'rotation-right': 10,
};

export interface RangeChange {
  readonly deltaDeg: number;
  /** The larger of the measure's error and the two results' spreads combined. */
  readonly noiseDeg: number;
  readonly withinNoise: boolean;
}

/**
 * How a result differs from an earlier one, and whether that is more than the error.
 * `sameEngine: false` (the two checks were read by different engines) widens the error to the method's.
 */
export function compareResults(now: RangeMeasureResult, before: RangeMeasureResult, options: { readonly sameEngine?: boolean } = {}): RangeChange | null {
  if (now.medianDeg === null || before.medianDeg === null) return null;
  const floor = options.sameEngine === false ? Math.max(RANGE_NOISE_DEG[now.measure], RANGE_METHOD_ERROR_DEG[now.measure]) : RANGE_NOISE_DEG[now.measure];
  const noise = Math.max(floor, Math.hypot(now.spreadDeg ?? 0, before.spreadDeg ?? 0));
  const delta = now.medianDeg - before.medianDeg;
  return { deltaDeg: delta, noiseDeg: noise, withinNoise: Math.abs(delta) < noise };
}
