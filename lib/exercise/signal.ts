// One frame's pose to the one number an exercise watches, with the reason when it cannot be read.
import { jointAngleDeg, signedJointAngleDeg } from '../angles/geometry';
import { assessFrame } from '../angles/quality';
import { measurePosture, type Side } from '../angles/posture';
import { pixel } from '../angles/units';
import { LANDMARK_INDEX, MIN_VISIBILITY, resolveLandmark } from '../pose/landmarks';
import type { Pose } from '../pose/types';
import { needOf } from './need';
import type { Exercise, ExerciseSample, SignedSide } from './types';

export { resolveLandmark };

/** The direction, in picture pixels, a signed angle grows towards. */
function towards(sideOfLine: SignedSide, facing: 1 | -1): readonly [number, number] {
  switch (sideOfLine) {
    case 'up':
      return [0, -1];
    case 'down':
      return [0, 1];
    case 'front':
      return [facing, 0];
    case 'back':
      return [-facing, 0];
  }
}

function jointAngle(
  pose: Pose,
  names: readonly [string, string, string],
  side: Side,
  signed: { readonly side: SignedSide; readonly facing: 1 | -1 } | null,
): { valueDeg: number | null; reason: string | null } {
  const points = names.map((name) => {
    const index = LANDMARK_INDEX[resolveLandmark(name, side)];
    return index === undefined ? undefined : pose.landmarks[index];
  });
  for (const l of points) {
    if (!l || !(l.visibility >= MIN_VISIBILITY)) return { valueDeg: null, reason: 'parts-not-visible' };
  }
  for (const l of points) {
    if (!(l!.x >= 0 && l!.x <= 1 && l!.y >= 0 && l!.y <= 1)) return { valueDeg: null, reason: 'cut-off' };
  }
  // Pixel space: normalized x and y have different scales unless the frame is square.
  const [a, b, c] = points.map((l) => pixel(l!.x * pose.imageWidth, l!.y * pose.imageHeight));
  return { valueDeg: signed ? signedJointAngleDeg(a, b, c, towards(signed.side, signed.facing)) : jointAngleDeg(a, b, c), reason: null };
}

const clampUnit = (v: number) => Math.max(-1, Math.min(1, v));
const asinDeg = (v: number) => (Math.asin(clampUnit(v)) * 180) / Math.PI;

/**
 * Shoulder-joint width and shoulder-to-wrist length in trunk lengths (shoulder midpoint to hip
 * midpoint), for adults: shoulder joints 33-36 cm apart and arms 55-62 cm long against a trunk
 * of 50-60 cm (the rendered figure: 0.57 and 1.05). Rounded so that an arm swung fully out reads
 * about 70-80 and one pointing at the camera 5-15 (docs/routine-drills.md).
 */
export const SHOULDER_WIDTH_TRUNKS = 0.65;
export const ARM_LENGTH_TRUNKS = 1.1;

type Seen = (name: string) => readonly [number, number] | null;

function seenPixels(pose: Pose): Seen {
  return (name) => {
    const index = LANDMARK_INDEX[name as keyof typeof LANDMARK_INDEX];
    const l = index === undefined ? undefined : pose.landmarks[index];
    if (!l || !(l.visibility >= MIN_VISIBILITY)) return null;
    return [l.x * pose.imageWidth, l.y * pose.imageHeight];
  };
}

/** Shoulder midpoint to hip midpoint, in pixels; null when a shoulder or hip is not seen. */
function trunkPixels(at: Seen): number | null {
  const [ls, rs, lh, rh] = (['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'] as const).map(at);
  if (!ls || !rs || !lh || !rh) return null;
  const length = Math.hypot((ls[0] + rs[0] - lh[0] - rh[0]) / 2, (ls[1] + rs[1] - lh[1] - rh[1]) / 2);
  return length > 0 ? length : null;
}

/**
 * Each arm's horizontal abduction (0 pointing forward, 90 out to the side), facing the camera:
 * the wrists are a shoulder width plus twice the arm's sideways reach apart,
 * spread = SHOULDER_WIDTH + 2 ARM sin(angle), all in trunk lengths. Only the horizontal spread
 * is read, so arms pointing at a camera below or above the shoulders (which look raised or
 * lowered) read the same; the wrists nearer the camera look a little wider (about 5-10 deg at
 * 2-3.5 m). The engines sometimes swap left and right: the spread does not care.
 */
export function armSpreadDeg(pose: Pose): number | null {
  const at = seenPixels(pose);
  const lw = at('left_wrist');
  const rw = at('right_wrist');
  const trunk = trunkPixels(at);
  if (!lw || !rw || trunk === null) return null;
  const spread = Math.abs(lw[0] - rw[0]) / trunk;
  return asinDeg((spread - SHOULDER_WIDTH_TRUNKS) / (2 * ARM_LENGTH_TRUNKS));
}

/**
 * How high the segment from `names[0]` to `names[1]` points (see SignalSpec 'segment-elevation'):
 * asin(rise / (lengthTrunks x trunk)), the rise up the picture. With `eitherSide`, the higher of
 * the left and right segments that are seen.
 */
export function segmentElevationDeg(pose: Pose, names: readonly [string, string], lengthTrunks: number, side: Side, eitherSide: boolean): number | null {
  const at = seenPixels(pose);
  const trunk = trunkPixels(at);
  if (trunk === null) return null;
  const sides: readonly Side[] = eitherSide ? ['left', 'right'] : [side];
  let best: number | null = null;
  for (const s of sides) {
    const a = at(resolveLandmark(names[0], s));
    const b = at(resolveLandmark(names[1], s));
    if (!a || !b) continue;
    const deg = asinDeg((a[1] - b[1]) / (lengthTrunks * trunk));
    best = best === null ? deg : Math.max(best, deg);
  }
  return best;
}

export interface SampleOptions {
  /**
   * The previous frame of the same set passed the view check (its sample's `viewHeld`): the view
   * is held with a margin (quality.ts, VIEW_HOLD_MARGIN_DEG). Default false: the line itself.
   */
  readonly viewHeld?: boolean;
}

/**
 * The exercise's signal in one frame. Several people in view do not stop counting: the engine
 * already picked the main person, whose landmarks these are. A frame where the body is not in
 * the exercise's position (standing, lying on the back...) or not in its view gives no value:
 * counting waits.
 */
export function sampleFromPose(exercise: Exercise, pose: Pose | null, timestampMs: number, options: SampleOptions = {}): ExerciseSample {
  if (!pose) return { timestampMs, valueDeg: null, status: 'no-person', peopleCount: 0, headForwardDeg: null, reason: 'no-person' };
  const need = needOf(exercise);
  const viewHeld = options.viewHeld ?? false;
  // The posture angles are side-on measures: the exercise's held view carries over to them only
  // when the exercise is itself side-on (a three-quarter squat does not hold a side view).
  const posture = measurePosture(pose, timestampMs, { allowMultiplePeople: true, viewHeld: need.view === 'side' && viewHeld });
  const headForwardDeg = posture.headForwardDeg;
  // The one quality gate, with what this exercise needs: its joints seen inside the picture on a
  // plausible body, the view, and the body's position.
  const gate = assessFrame(pose, need, { viewHeld });
  if (!gate.ok) {
    const reason = gate.issues[0].code;
    return {
      timestampMs,
      valueDeg: null,
      status: reason === 'wrong-position' ? 'out-of-position' : 'low-visibility',
      peopleCount: pose.peopleCount,
      headForwardDeg,
      reason,
      viewHeld: gate.viewHeld,
    };
  }
  let valueDeg: number | null;
  let reason: string | null;
  switch (exercise.signal.type) {
    case 'trunk-extension':
      valueDeg = posture.trunkExtensionDeg;
      reason = posture.refusals.trunkExtension?.code ?? null;
      break;
    case 'head-forward':
      valueDeg = headForwardDeg;
      reason = posture.refusals.headForward?.code ?? null;
      break;
    case 'joint-angle': {
      const spec = exercise.signal;
      ({ valueDeg, reason } = jointAngle(pose, spec.landmarks, posture.side, spec.signed ? { side: spec.signed, facing: posture.facing } : null));
      break;
    }
    case 'arm-spread':
      valueDeg = armSpreadDeg(pose);
      reason = valueDeg === null ? 'parts-not-visible' : null;
      break;
    case 'segment-elevation': {
      const spec = exercise.signal;
      valueDeg = segmentElevationDeg(pose, spec.landmarks, spec.lengthTrunks, posture.side, spec.eitherSide ?? false);
      reason = valueDeg === null ? 'parts-not-visible' : null;
      break;
    }
  }
  return {
    timestampMs,
    valueDeg,
    status: valueDeg === null ? 'low-visibility' : 'ok',
    peopleCount: pose.peopleCount,
    headForwardDeg,
    reason,
    viewHeld: gate.viewHeld,
  };
}
