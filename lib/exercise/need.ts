// What the camera must see for an exercise: the catalogue's `camera` field and its signal.
import type { FrameNeed, ViewNeed } from '../angles/quality';
import type { ViewReason } from '../angles/refusals';
import type { CameraView, Exercise, SignalSpec } from './types';

const POSTURE_PARTS: Readonly<Record<'trunk-extension' | 'head-forward', readonly string[]>> = {
  'trunk-extension': ['near_shoulder', 'near_hip'],
  'head-forward': ['near_ear', 'near_shoulder'],
};

/**
 * The views a signal can be read from at all.
 * - Head-forward and trunk extension are tilts forward or back, in the body's own (sagittal)
 *   plane: only side-on does the picture show them. Seen from the front the hip-to-shoulder
 *   line shows sideways lean and the ear sits over the shoulder; three-quarter mixes the two
 *   about equally (at 45° the picture carries as much sideways lean as tilt).
 * - A joint angle (knee, elbow, hip, shoulder) can be read side-on or three-quarter: turned
 *   up to 60° from side-on the limb's bend still shows, a little straighter (the catalogue's
 *   thresholds leave room for the 5-15° that adds); from the front the joint bends towards the
 *   camera and its angle is hidden. An angle across the body (the band pull-apart's wrists
 *   either side of the nose) is read facing the camera.
 */
export function viewsAllowed(signal: SignalSpec): readonly CameraView[] {
  switch (signal.type) {
    case 'joint-angle':
    case 'segment-elevation':
      return ['side', 'side-or-three-quarter', 'front'];
    case 'arm-spread':
      // The wrists' spread across the picture: only facing the camera is it a spread.
      return ['front'];
    default:
      return ['side'];
  }
}

/** The views an exercise is counted from: its `camera`, or its signal's default (posture angles side-on, joint angles side-on or three-quarter). */
export function cameraOf(exercise: Pick<Exercise, 'camera' | 'signal'>): CameraView {
  if (exercise.camera) return exercise.camera;
  switch (exercise.signal.type) {
    case 'joint-angle':
    case 'segment-elevation':
      return 'side-or-three-quarter';
    case 'arm-spread':
      return 'front';
    default:
      return 'side';
  }
}

/** The landmarks a signal reads, as the gate checks them ("near_": the side facing the camera). */
export function partsOf(signal: SignalSpec): string[] {
  switch (signal.type) {
    case 'joint-angle':
      return [...signal.landmarks];
    case 'arm-spread':
      // The wrists' spread, in trunk lengths (shoulders and hips).
      return ['left_wrist', 'right_wrist', 'left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'];
    case 'segment-elevation':
      // Either side's segment may be the one that moves (signal.ts reads whichever is seen); the
      // trunk (near shoulder and hip) is the unit of length.
      return signal.eitherSide ? [...new Set([signal.landmarks[0], 'near_shoulder', 'near_hip'])] : [...new Set([...signal.landmarks, 'near_shoulder', 'near_hip'])];
    default:
      return [...POSTURE_PARTS[signal.type]];
  }
}

const VIEW_NEEDS: Readonly<Record<CameraView, ViewNeed>> = { side: 'side', 'side-or-three-quarter': 'side-or-oblique', front: 'front' };

function viewReasonOf(signal: SignalSpec, camera: CameraView): ViewReason {
  if (signal.type === 'trunk-extension' || signal.type === 'head-forward') return signal.type;
  return camera === 'front' ? 'front-angle' : camera === 'side' ? 'joint-angle-side' : 'joint-angle';
}

/**
 * The setup check an exercise runs before it counts, and on every frame it counts. The view is
 * enforced, never advice: a frame from a view the exercise is not read from never counts, and
 * the refusal says why that view (a set keeps its view through the model's frame-to-frame
 * wobble by holding it with a margin: quality.ts, VIEW_HOLD_MARGIN_DEG). Counting follows the
 * main person, so others in view do not block it. Trunk extension is measured standing, feet
 * flat, where the camera's tilt can be checked and matters most.
 */
export function needOf(exercise: Exercise): FrameNeed {
  const signal = exercise.signal;
  const parts = partsOf(signal);
  const camera = cameraOf(exercise);
  return {
    parts,
    view: VIEW_NEEDS[camera],
    viewReason: viewReasonOf(signal, camera),
    allowMultiplePeople: true,
    level: signal.type === 'trunk-extension',
    ...(exercise.position?.length ? { position: exercise.position } : {}),
  };
}
