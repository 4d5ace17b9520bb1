// The range check's vocabulary: the tests, what each reports, a trial and a result. Pure data,
// shared by the trial machine (trials.ts), the page, storage, the analyze CLI and Trends.
import type { Refusal, RefusalCode } from '../angles/refusals';

/** The tests of the range check, in the order they are done. */
export const RANGE_TEST_IDS = ['head-position', 'standing-extension', 'overhead-reach', 'rotation'] as const;
export type RangeTestId = (typeof RANGE_TEST_IDS)[number];

/**
 * What is reported: one number per test, two for rotation (each side). Degrees throughout.
 * - head-forward: the head-forward angle (larger is more upright), side view.
 * - extension: trunk lean back from the person's own neutral at the peak of the arch, side view.
 * - reach: shoulder flexion, the upper arm against the trunk line (trunk lean subtracted), side view.
 * - rotation-left / rotation-right: seated trunk rotation to that side (the person's left / right), facing the camera.
 */
export const RANGE_MEASURE_IDS = ['head-forward', 'extension', 'reach', 'rotation-left', 'rotation-right'] as const;
export type RangeMeasureId = (typeof RANGE_MEASURE_IDS)[number];

export const MEASURES_OF_TEST: Readonly<Record<RangeTestId, readonly RangeMeasureId[]>> = {
  'head-position': ['head-forward'],
  'standing-extension': ['extension'],
  'overhead-reach': ['reach'],
  rotation: ['rotation-left', 'rotation-right'],
};

/** Trials per measure: the result is their median. */
export const TRIALS_PER_MEASURE = 3;

/** One frame as the range check reads it, for one test. */
export interface RangeReading {
  readonly timestampMs: number;
  /**
   * The test's signal in degrees, or null when the frame is refused: head-forward angle;
   * extension from neutral; shoulder flexion; rotation from neutral, + = to the person's left.
   */
  readonly valueDeg: number | null;
  /** Why the frame gives no value (the gate's first issue, or a test's own rule). */
  readonly refusal: Refusal | null;
  /** Trunk lean from vertical during the reach (+ = back), degrees; a trial keeps its change from the start of the raise. */
  readonly trunkLeanDeg?: number | null;
  /** How far the hips turned from neutral (rotation), degrees; null when not seen. */
  readonly hipsTurnDeg?: number | null;
}

/** A trial that counted. */
export interface RangeTrial {
  readonly measure: RangeMeasureId;
  readonly valueDeg: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Reach: how much further back the trunk leaned at the peak than at the start of the raise (already subtracted). */
  readonly trunkLeanDeg?: number;
  /** Rotation: the hips' turn at the peak. */
  readonly hipsTurnDeg?: number;
}

/** A trial that did not count, and why (said on screen, then asked again). */
export interface RefusedTrial {
  /** The measure the attempt was for, when known (a rotation's side). */
  readonly measure: RangeMeasureId | null;
  readonly atMs: number;
  readonly refusal: Refusal;
}

/** A measure's result: the median of its trials, with a ± from them. */
export interface RangeMeasureResult {
  readonly measure: RangeMeasureId;
  /** The counted trials, in the order done. */
  readonly trialsDeg: readonly number[];
  /** Median of the trials; null when fewer than TRIALS_PER_MEASURE counted. */
  readonly medianDeg: number | null;
  /** Half the range of the trials (max - min) / 2: the ± shown beside the median. */
  readonly spreadDeg: number | null;
  /** Refused attempts by reason. */
  readonly refusals: readonly { readonly code: RefusalCode; readonly message: string; readonly count: number }[];
}
