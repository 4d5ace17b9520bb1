// Which side of the body faces the camera, which way the person faces, and how far they are
// turned: side-on, three-quarter (oblique) or facing the camera.
import { LANDMARK_INDEX, type LandmarkName } from '../pose/landmarks';
import type { NormalizedLandmark, Pose, WorldLandmark } from '../pose/types';
import type { Facing } from './geometry';
import { deg, distance, midpoint, pixel, radToDeg, type Degrees, type PixelPoint } from './units';

export type Side = 'left' | 'right';
export type View = 'side' | 'oblique' | 'front';

/** Below this normalized depth difference the two sides are too close to call by depth. */
const DEPTH_MARGIN = 0.02;
/** Body rotation from facing the camera (0) to side-on (90): class boundaries in degrees. */
export const SIDE_VIEW_MIN_YAW_DEG = 60;
export const FRONT_VIEW_MAX_YAW_DEG = 30;
/** Shoulder width over torso length of a person squarely facing the camera (2D fallback). */
const FRONTAL_SHOULDER_RATIO = 0.75;

export interface ViewEstimate {
  readonly view: View;
  /** 0.5 at a class boundary, 1 when far inside the class. */
  readonly confidence: number;
  /** Estimated rotation of the body away from facing the camera, 0 to 90. */
  readonly yawDeg: Degrees;
}

const lm = (pose: Pose, name: LandmarkName): NormalizedLandmark => pose.landmarks[LANDMARK_INDEX[name]];
const px = (pose: Pose, name: LandmarkName): PixelPoint => {
  const l = lm(pose, name);
  return pixel(l.x * pose.imageWidth, l.y * pose.imageHeight);
};
export const sideName = (side: Side, part: 'ear' | 'shoulder' | 'hip' | 'heel' | 'foot_index'): LandmarkName => `${side}_${part}` as LandmarkName;

/**
 * The side facing the camera. Depth (z, smaller is nearer) decides: BlazePose reports
 * visibility near 1 even for the hidden side in profile, but its depth separates the two.
 * Visibility breaks ties.
 */
export function nearSide(pose: Pose): { side: Side; confidence: number } {
  const parts = ['ear', 'shoulder', 'hip'] as const;
  const mean = (side: Side, key: 'z' | 'visibility') =>
    parts.reduce((s, p) => s + lm(pose, sideName(side, p))[key], 0) / parts.length;
  const dz = mean('right', 'z') - mean('left', 'z');
  if (Math.abs(dz) >= DEPTH_MARGIN) {
    return { side: dz > 0 ? 'left' : 'right', confidence: Math.min(1, 0.5 + Math.abs(dz)) };
  }
  const dv = mean('left', 'visibility') - mean('right', 'visibility');
  return { side: dv >= 0 ? 'left' : 'right', confidence: 0.5 };
}

/** Which way the person faces in the image: the nose is ahead of the ear, toes ahead of the heel. */
export function facingOf(pose: Pose, side: Side): Facing {
  const nose = px(pose, 'nose');
  const ear = px(pose, sideName(side, 'ear'));
  const torso = distance(px(pose, sideName(side, 'shoulder')), px(pose, sideName(side, 'hip')));
  const byHead = nose[0] - ear[0];
  if (Math.abs(byHead) > 0.05 * torso) return byHead > 0 ? 1 : -1;
  const byFoot = px(pose, sideName(side, 'foot_index'))[0] - px(pose, sideName(side, 'heel'))[0];
  if (byFoot !== 0) return byFoot > 0 ? 1 : -1;
  return byHead >= 0 ? 1 : -1;
}

function yawFromWorld(world: readonly WorldLandmark[]): number {
  const yaw = (a: LandmarkName, b: LandmarkName) => {
    const p = world[LANDMARK_INDEX[a]];
    const q = world[LANDMARK_INDEX[b]];
    return Math.atan2(Math.abs(p.zM - q.zM), Math.abs(p.xM - q.xM));
  };
  return (yaw('left_shoulder', 'right_shoulder') + yaw('left_hip', 'right_hip')) / 2;
}

function yawFromImage(pose: Pose): number {
  const shoulders = distance(px(pose, 'left_shoulder'), px(pose, 'right_shoulder'));
  const torso = distance(
    midpoint(px(pose, 'left_shoulder'), px(pose, 'right_shoulder')),
    midpoint(px(pose, 'left_hip'), px(pose, 'right_hip')),
  );
  if (torso === 0) return 0;
  return Math.acos(Math.min(1, shoulders / torso / FRONTAL_SHOULDER_RATIO));
}

/**
 * Side, oblique or front view from how far the shoulder and hip lines turn away from the
 * image plane: from the model's 3D (world) landmarks when present, else from shoulder
 * width against torso length in the picture.
 */
export function classifyView(pose: Pose): ViewEstimate {
  const yawDeg = radToDeg(pose.worldLandmarks ? yawFromWorld(pose.worldLandmarks) : yawFromImage(pose));
  const view: View = yawDeg >= SIDE_VIEW_MIN_YAW_DEG ? 'side' : yawDeg <= FRONT_VIEW_MAX_YAW_DEG ? 'front' : 'oblique';
  const margin =
    view === 'side'
      ? yawDeg - SIDE_VIEW_MIN_YAW_DEG
      : view === 'front'
        ? FRONT_VIEW_MAX_YAW_DEG - yawDeg
        : Math.min(yawDeg - FRONT_VIEW_MAX_YAW_DEG, SIDE_VIEW_MIN_YAW_DEG - yawDeg);
  return { view, yawDeg, confidence: 0.5 + 0.5 * Math.min(1, margin / 15) };
}

