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
