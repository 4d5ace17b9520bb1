// Exercise catalogue entries and the counting engine's inputs, events and summaries.
import type { BodyPosition } from '../angles/orientation';

export type { BodyPosition };
// Everything here is plain data (JSON-serializable): a counter's state can be autosaved and
// restored after a reload, and recorded traces replay in unit tests.

/** Which angle an exercise watches. */
export type SignalSpec =
  /** Trunk extension relative to the person's calibrated neutral baseline (degrees). */
  | { readonly type: 'trunk-extension' }
  /** Head-forward angle (degrees, absolute). */
  | { readonly type: 'head-forward' }
  /**
   * The angle at the middle of three landmarks (degrees, pixel space). Names are BlazePose
   * names ("left_knee"); "near_knee" means the side facing the camera. Unsigned it is the
   * interior angle, 0-180. With `signed`, it is 0-360: 180 is straight, and it grows past 180
   * as the middle point moves to that side of the line through the other two ("up": towards
   * the top of the picture, "front": the way the person faces), falling below 180 the other way.
   */
  | { readonly type: 'joint-angle'; readonly landmarks: readonly [string, string, string]; readonly signed?: SignedSide }
  /**
   * Facing the camera: how far each arm is swung out from pointing forward (horizontal
   * abduction, degrees: 0 pointing at the camera, 90 out to the side), estimated from how far
   * apart the wrists are across the picture against the trunk's length (signal.ts, armSpreadDeg).
   * Unlike an angle at the nose, it does not depend on the camera's height: arms pointing at a
   * camera below the shoulders look raised, but not wider apart.
   */
  | { readonly type: 'arm-spread' }
  /**
   * How high a limb segment points (degrees: -90 straight down, 0 level, +90 straight up),
   * estimated from how far its second landmark sits above its first in the picture against the
   * segment's usual length, `lengthTrunks` trunk lengths (shoulder to hip): asin(rise / length).
   * Read from the height alone, a segment pointing at the camera still reads (its foreshortened
   * direction would not). `eitherSide`: the landmarks are "near_" names, read on the left and on
   * the right, and the higher of the two counts (whichever arm does the movement).
   */
  | { readonly type: 'segment-elevation'; readonly landmarks: readonly [string, string]; readonly lengthTrunks: number; readonly eitherSide?: boolean };

/** Which way the body faces the camera for an exercise (see ExerciseCommon.camera). */
export type CameraView = 'side' | 'side-or-three-quarter' | 'front';

/** Which side of the line a signed joint angle grows towards. */
export type SignedSide = 'up' | 'down' | 'front' | 'back';

export type ExerciseKind = 'hold' | 'reps' | 'timed';
export type LadderStage = 1 | 2 | 3 | 4 | 5;

/** The prescribed amount, as the ladder states it. */
export interface Dose {
  readonly sets: number;
  /** Reps (or holds) per set; for ranges the lower bound, with `repsMax` the upper. */
  readonly reps?: number;
  readonly repsMax?: number;
  readonly holdSeconds?: number;
  readonly durationSeconds?: number;
  /** How often: times per day, or once every N days, or times per week. */
  readonly perDay?: number;
  readonly everyNDays?: number;
  readonly perWeek?: number;
  /** Upper bound when the frequency is a range ("1-2x a week"). */
  readonly perWeekMax?: number;
}

interface ExerciseCommon {
  readonly id: string;
  readonly name: string;
  readonly stage: LadderStage | null;
  readonly signal: SignalSpec;
  /**
   * A rep or hold starts when the signal crosses `enterDeg` and ends when it returns past
   * `exitDeg`. Their order gives the direction: enterDeg < exitDeg means "go below enterDeg"
   * (e.g. knee bends), enterDeg > exitDeg means "go above enterDeg" (e.g. arching back).
   * For trunk-extension both are relative to the calibrated baseline.
   */
  readonly enterDeg: number;
  readonly exitDeg: number;
  readonly dose?: Dose;
  /** One or two sentences on how to do it and where the camera should be. */
  readonly instructions?: string;
  /**
   * The views the exercise is counted from (enforced: other views are refused, with the
   * reason): 'side' (side-on), 'side-or-three-quarter' (side-on, or turned up to three-quarter),
   * 'front' (facing the camera). Posture signals (head-forward, trunk extension) are side-on
   * only; a joint angle may take any of the three. Default: 'side' for posture signals,
   * 'side-or-three-quarter' for joint angles (need.ts, viewsAllowed and cameraOf).
   */
  readonly camera?: CameraView;
  /**
   * Where the body must be for a frame to count (any of these): standing (or kneeling)
   * upright, lying on the back (supine), lying face down (prone), on all fours. Absent: anywhere.
   */
  readonly position?: readonly BodyPosition[];
  /**
   * A one-sided drill: 'each': done as separate sets, one per side (the signal counts whichever
   * side moves); 'alternating': the sides take turns within a set, every rep counted. Absent:
   * both sides move together, or sides do not apply.
   */
  readonly perSide?: PerSide;
}

export type PerSide = 'each' | 'alternating';

export interface HoldExercise extends ExerciseCommon {
  readonly kind: 'hold';
  readonly targetSeconds: number;
  /** Rest between holds. Default 5 s. */
  readonly restSeconds?: number;
}

export interface RepsExercise extends ExerciseCommon {
  readonly kind: 'reps';
  /** Smallest range of a counted rep, from its starting value to its peak. Default 10. */
  readonly minAmplitudeDeg?: number;
  /** Shortest plausible rep. Default 400 ms. */
  readonly minRepMs?: number;
  /** Record the time spent returning from the peak (eccentric / lowering phase). */
  readonly measureLowering?: boolean;
}

export interface TimedExercise extends ExerciseCommon {
  readonly kind: 'timed';
  readonly durationSeconds: number;
  /** Cycles are counted like reps: smallest range of a counted cycle. Default 10. */
  readonly minAmplitudeDeg?: number;
  /** Shortest plausible cycle. Default 400 ms. */
  readonly minRepMs?: number;
}

export type Exercise = HoldExercise | RepsExercise | TimedExercise;

/** One frame's signal, as the counter sees it. */
export interface ExerciseSample {
  readonly timestampMs: number;
  /** The signal in degrees; null when it could not be measured in this frame. */
  readonly valueDeg: number | null;
  /**
   * 'low-visibility': the needed landmarks were not seen well enough to count this frame;
   * 'out-of-position': the body is not where the exercise is done (its `position`).
   */
  readonly status: 'ok' | 'low-visibility' | 'out-of-position' | 'no-person';
  readonly peopleCount: number;
  /** Head-forward angle in the same frame when measurable (reported for holds). */
  readonly headForwardDeg?: number | null;
  /**
   * Why `valueDeg` is null: a lib/angles refusal code from the quality gate ('no-person',
   * 'hips-not-visible', 'parts-not-visible', 'cut-off', 'not-side-view', 'wrong-position', ...).
   */
  readonly reason?: string | null;
  /**
   * The exercise's view check passed in this frame: the next frame of the same set holds the view
   * with a margin (quality.ts, VIEW_HOLD_MARGIN_DEG). Absent: nobody in view.
   */
  readonly viewHeld?: boolean;
}

export type CounterEvent =
  /** Measuring the neutral stance; `drift`: again, because the stance at rest moved away from it. */
  | { readonly type: 'calibrating'; readonly atMs: number; readonly drift?: boolean }
  | { readonly type: 'calibrated'; readonly atMs: number; readonly baselineDeg: number }
  | {
      readonly type: 'rep';
      readonly atMs: number;
      readonly count: number;
      readonly durationMs: number;
      readonly peakDeg: number;
      readonly loweringMs?: number;
      /** When the rep was at its top: the span the angle stayed near its peak (see counter.ts, TOP_SHARE). */
      readonly topStartMs?: number;
      readonly topEndMs?: number;
    }
  | { readonly type: 'hold-start'; readonly atMs: number }
  /** The hold reached its target: the moment to cue "done". */
  | { readonly type: 'hold-complete'; readonly atMs: number; readonly count: number }
  /** The person released a hold (completed or not). */
  | { readonly type: 'hold-end'; readonly atMs: number; readonly hold: HoldRecord }
  | { readonly type: 'short-hold'; readonly atMs: number; readonly durationMs: number }
  | { readonly type: 'rest-start'; readonly atMs: number; readonly untilMs: number }
  | { readonly type: 'rest-end'; readonly atMs: number }
  | { readonly type: 'paused'; readonly atMs: number; readonly reason: 'no-person' | 'user' }
  | { readonly type: 'resumed'; readonly atMs: number }
  | { readonly type: 'set-complete'; readonly atMs: number };

export interface HoldRecord {
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  /** Peak and median of the signal during the hold (relative to baseline for trunk-extension). */
  readonly peakDeg: number;
  readonly medianDeg: number;
  readonly completed: boolean;
  /** Median head-forward angle during the hold, when measured. */
  readonly headForwardDeg?: number | null;
  /** The hold started this long before the prescribed rest was over (absent when it was not). */
  readonly restSkippedMs?: number;
}

export interface SetSummary {
  readonly exerciseId: string;
  readonly kind: ExerciseKind;
  /** Completed reps; for holds, completed holds; for timed exercises, cycles. */
  readonly reps: number;
  readonly targetReps: number | null;
  readonly holds: readonly HoldRecord[];
  readonly shortHolds: number;
  readonly repTimesMs: readonly number[];
  readonly loweringTimesMs: readonly number[];
  readonly framesWithoutPose: number;
  readonly baselineDeg: number | null;
  /**
   * Peak and median of completed holds' peaks (holds) or rep peaks (reps), baseline-relative
   * where calibrated; null when nothing was completed (a short hold is not a measurement).
   */
  readonly peakDeg: number | null;
  readonly medianDeg: number | null;
  readonly startedAtMs: number | null;
  readonly endedAtMs: number | null;
  readonly complete: boolean;
}
