// One frame as each range test reads it: the one quality gate first (assessFrame, with the
// test's need), then the test's angle. Pure: poses in, numbers and reasons out.
import { leanBackDeg } from '../angles/geometry';
import { measurePosture } from '../angles/posture';
import { assessFrame, type FrameNeed } from '../angles/quality';
import { readRotation, ROTATION_NEED, rotationNeutral, shoulderFlexion, type RotationNeutral } from '../angles/range';
import { median } from '../angles/stats';
import { pixel, type PixelPoint } from '../angles/units';
import { refusal, type Refusal } from '../angles/refusals';
import { classifyView, facingOf, nearSide } from '../angles/view';
import { LANDMARK_INDEX, resolveLandmark } from '../pose/landmarks';
import type { Pose } from '../pose/types';
import type { RangeReading, RangeTestId } from './types';

/**
 * What each test must see. Head position, extension and reach are sagittal: read from the side
 * only (seen from the front the hip-to-shoulder line shows sideways lean, and an arm raised
 * forward points at the camera). Rotation is read facing the camera (ROTATION_NEED). One person.
 */
export const RANGE_NEEDS: Readonly<Record<RangeTestId, FrameNeed>> = {
  'head-position': { parts: ['near_ear', 'near_shoulder', 'near_hip'], view: 'side', allowMultiplePeople: false, level: true },
  'standing-extension': { parts: ['near_ear', 'near_shoulder', 'near_hip'], view: 'side', allowMultiplePeople: false, level: true },
  'overhead-reach': { parts: ['near_shoulder', 'near_elbow', 'near_hip'], view: 'side', allowMultiplePeople: false, level: true },
  // The knees are not asked of every frame: their visibility hovers about the line when the
  // thighs point at the camera, and the hips check (trials.ts) refuses a turn whose knees were not
  // seen near its peak instead.
  rotation: { ...ROTATION_NEED, parts: ROTATION_NEED.parts.filter((p) => !p.endsWith('_knee')) },
};

/** The person's own starting point for a test, from still frames before the first trial. */
export type RangeNeutral =
  | { readonly test: 'head-position' }
  | { readonly test: 'standing-extension' | 'overhead-reach'; readonly leanDeg: number }
  | { readonly test: 'rotation'; readonly rotation: RotationNeutral };

/**
 * Whether a test needs a neutral before its trials. Head position is read as it is; reach is the
 * arm against the trunk line, whatever the stance, and the lean it takes off is the trunk's change
 * from the start of each raise (trials.ts), so it needs none either: a person too small in the
 * picture to ever look still still gets their reach measured.
 */
export const NEEDS_NEUTRAL: Readonly<Record<RangeTestId, boolean>> = {
  'head-position': false,
  'standing-extension': true,
  'overhead-reach': false,
  rotation: true,
};

/** The neutral of a test that needs none. */
export function noNeutral(test: RangeTestId): RangeNeutral | null {
  if (test === 'head-position') return { test };
  if (test === 'overhead-reach') return { test, leanDeg: 0 };
  return null;
}

const at = (pose: Pose, name: string, side: 'left' | 'right'): PixelPoint => {
  const l = pose.landmarks[LANDMARK_INDEX[resolveLandmark(name, side)]];
  return pixel(l.x * pose.imageWidth, l.y * pose.imageHeight);
};

/** Trunk lean from vertical (+ = shoulders behind hips), near side's shoulder over hip. */
function trunkLean(pose: Pose): number {
  const { side } = nearSide(pose);
  return leanBackDeg(at(pose, 'near_hip', side), at(pose, 'near_shoulder', side), facingOf(pose, side));
}

/** The neutral from still frames the gate accepted (the caller checks stillness); null when they do not give one. */
export function neutralOf(test: RangeTestId, poses: readonly Pose[]): RangeNeutral | null {
  if (poses.length === 0) return null;
  switch (test) {
    case 'head-position':
      return { test };
    case 'standing-extension':
    case 'overhead-reach':
      return { test, leanDeg: median(poses.map(trunkLean)) };
    case 'rotation': {
      const rotation = rotationNeutral(poses);
      return rotation ? { test, rotation } : null;
    }
  }
}

/** Whether the gate accepts `pose` for `test`, and its first reason when not. */
export function gateOf(test: RangeTestId, pose: Pose | null) {
  return assessFrame(pose, RANGE_NEEDS[test]);
}

/**
 * Why `pose` cannot be read for `test` at all (the gate's first issue, or, for rotation, a body
 * side-on: the shoulders may turn away from the camera, the body may not, and the gate's
 * front-view check only advises there, see ROTATION_NEED); null when it can.
 */
export function frameRefusal(test: RangeTestId, pose: Pose | null): Refusal | null {
  const gate = gateOf(test, pose);
  if (!gate.ok || !pose) {
    const why = gate.issues[0] ?? refusal('no-person');
    // The general words ask for a side-on stance; rotation is done seated, facing the camera.
    return test === 'rotation' && why.code === 'no-person' ? { code: why.code, message: 'No one is in view. Sit on a chair facing the camera, two to three metres away, knees in the picture.' } : why;
  }
  if (test === 'rotation' && classifyView(pose).view === 'side') return refusal('not-front-view');
  return null;
}

/** One frame's reading for `test`; `neutral` is needed for every test but head position. */
export function readFrame(test: RangeTestId, pose: Pose | null, neutral: RangeNeutral | null, timestampMs: number): RangeReading {
  const refused = frameRefusal(test, pose);
  if (refused || !pose) return { timestampMs, valueDeg: null, refusal: refused };
  switch (test) {
    case 'head-position': {
      const m = measurePosture(pose, timestampMs);
      return { timestampMs, valueDeg: m.headForwardDeg, refusal: m.refusals.headForward };
    }
    case 'standing-extension': {
      const base = neutral?.test === test ? neutral.leanDeg : 0;
      return { timestampMs, valueDeg: trunkLean(pose) - base, refusal: null };
    }
    case 'overhead-reach': {
      const { side } = nearSide(pose);
      const flexion = shoulderFlexion(at(pose, 'near_shoulder', side), at(pose, 'near_elbow', side), at(pose, 'near_hip', side), facingOf(pose, side));
      return { timestampMs, valueDeg: flexion.flexionDeg, refusal: null, trunkLeanDeg: flexion.trunkLeanDeg };
    }
    case 'rotation': {
      if (neutral?.test !== 'rotation') return { timestampMs, valueDeg: null, refusal: refusal('not-front-view') };
      const r = readRotation(pose, neutral.rotation);
      return { timestampMs, valueDeg: r.rotationDeg, refusal: null, hipsTurnDeg: r.hipsTurnDeg };
    }
  }
}
