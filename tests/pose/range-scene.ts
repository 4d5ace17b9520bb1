// A body from a model's 3D world landmarks, posed and photographed again: parts turned about the
// vertical by known angles, then projected through a pinhole camera into a Pose, as an engine
// would report it for that picture. For checking the range check's geometry on real bodies'
// proportions (tests/pose/range-rotation-3d.test.ts).
import { LANDMARK_INDEX, LANDMARK_NAMES, type LandmarkName } from '../../lib/pose/landmarks';
import type { NormalizedLandmark, Pose, WorldLandmark } from '../../lib/pose/types';

/**
 * A point in the models' world frame: metres, origin between the hip joints, x to the right of
 * the picture (the person's left when facing the camera), y down, z away from the camera.
 */
export type Vec3 = readonly [x: number, y: number, z: number];

/** Landmarks of the shoulder girdle and arms (and the head, when asked): what a trunk rotation turns. */
export const GIRDLE: readonly LandmarkName[] = LANDMARK_NAMES.filter((n) => /shoulder|elbow|wrist|pinky|index|thumb/.test(n) && !n.endsWith('foot_index'));
export const HEAD: readonly LandmarkName[] = LANDMARK_NAMES.slice(0, LANDMARK_INDEX.mouth_right + 1);
/** The pelvis and everything below it. */
export const PELVIS_AND_LEGS: readonly LandmarkName[] = LANDMARK_NAMES.slice(LANDMARK_INDEX.left_hip);

export interface Body {
  /** 33 points, indexed by LANDMARK_INDEX. */
  readonly points: readonly Vec3[];
  /** The engine's visibility per landmark, carried into the projected pose. */
  readonly visibility: readonly number[];
}

export function bodyOf(world: readonly WorldLandmark[], landmarks: readonly NormalizedLandmark[]): Body {
  return { points: world.map((w) => [w.xM, w.yM, w.zM] as const), visibility: landmarks.map((l) => l.visibility) };
}

const at = (b: Body, n: LandmarkName) => b.points[LANDMARK_INDEX[n]];
const mid = (a: Vec3, b: Vec3): Vec3 => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/**
 * Turns `names` about the vertical line through `centre` by `deg`; + = to the person's left: the
 * left side moves away from the camera, the front moves to the person's left (picture right).
 */
export function turn(b: Body, names: readonly LandmarkName[], deg: number, centre: Vec3 = [0, 0, 0]): Body {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const moved = new Set(names.map((n) => LANDMARK_INDEX[n]));
  return {
    ...b,
    points: b.points.map((p, i) => {
      if (!moved.has(i)) return p;
      const x = p[0] - centre[0];
      const z = p[2] - centre[2];
      return [centre[0] + x * c - z * s, p[1], centre[2] + x * s + z * c] as const;
    }),
  };
}

/**
 * A point on the vertical axis a thoracic turn is taken about here: the shoulders' midpoint (the
 * thoracic spine's vertical line for an upright trunk; the real axis lies a few centimetres
 * behind the shoulder joints, which moves their midpoint sideways by that much times the sine of
 * the turn).
 */
export function shoulderAxis(b: Body): Vec3 {
  return mid(at(b, 'left_shoulder'), at(b, 'right_shoulder'));
}

/** Degrees the shoulder line is turned from square to the camera (+ = to the person's left). */
export function shoulderYawDeg(b: Body): number {
  const l = at(b, 'left_shoulder');
  const r = at(b, 'right_shoulder');
  return (Math.atan2(l[2] - r[2], l[0] - r[0]) * 180) / Math.PI;
}

/** The whole body turned so that its shoulder line is square to the camera (sitting facing it, as the test asks). */
export function squared(b: Body): Body {
  return turn(b, LANDMARK_NAMES, -shoulderYawDeg(b));
}

/**
 * The legs as if sitting on a chair: thighs level and straight at the camera from the hip joints,
 * shanks hanging straight down, each segment keeping the length the model gave it. For a
 * standing body, whose hanging thighs cannot show a pelvis turn.
 */
export function seatedOnChair(b: Body): Body {
  const points = [...b.points];
  for (const side of ['left', 'right'] as const) {
    const hip = at(b, `${side}_hip`);
    const thigh = dist(hip, at(b, `${side}_knee`));
    const shank = dist(at(b, `${side}_knee`), at(b, `${side}_ankle`));
    const knee: Vec3 = [hip[0], hip[1], hip[2] - thigh];
    const ankle: Vec3 = [knee[0], knee[1] + shank, knee[2]];
    points[LANDMARK_INDEX[`${side}_knee`]] = knee;
    points[LANDMARK_INDEX[`${side}_ankle`]] = ankle;
    points[LANDMARK_INDEX[`${side}_heel`]] = [ankle[0], ankle[1] + 0.05, ankle[2] + 0.05];
    points[LANDMARK_INDEX[`${side}_foot_index`]] = [ankle[0], ankle[1] + 0.07, ankle[2] - 0.15];
  }
  return { ...b, points };
}

/** How far forward (towards the camera) the knees reach from the hip joints, over the thighs' length: 1 with thighs straight at the camera. */
export function thighReach(b: Body): number {
  const f = (side: 'left' | 'right') => (at(b, `${side}_hip`)[2] - at(b, `${side}_knee`)[2]) / dist(at(b, `${side}_hip`), at(b, `${side}_knee`));
  return (f('left') + f('right')) / 2;
}

export interface Camera {
  /** From the camera to the vertical line between the hip joints, metres. */
  readonly distanceM: number;
  readonly horizontalFovDeg: number;
  readonly width: number;
  readonly height: number;
}

/** Camera height: chest height, a third of the way down from the shoulders' midpoint to the hips'. */
export function chestY(b: Body): number {
  const s = mid(at(b, 'left_shoulder'), at(b, 'right_shoulder'));
  const h = mid(at(b, 'left_hip'), at(b, 'right_hip'));
  return s[1] + (h[1] - s[1]) / 3;
}

/**
 * The picture a level pinhole camera at chest height, `distanceM` in front of the hips and
 * centred on them, takes of `b`, as a Pose: pixel positions from the projection; z the depth
 * behind the hips' midpoint in pixels at the hips' distance over the image width (the engines'
 * normalized z: smaller is nearer, on the scale of x); the world landmarks are `b`'s points (the
 * camera-aligned, hip-centred frame the models report). `cameraY` fixes the camera's height
 * across frames (default: chest height of `b`).
 */
export function photograph(b: Body, cam: Camera, cameraY: number = chestY(b)): Pose {
  const f = cam.width / 2 / Math.tan((cam.horizontalFovDeg * Math.PI) / 360);
  const hips = mid(at(b, 'left_hip'), at(b, 'right_hip'));
  const depthOfHips = hips[2] + cam.distanceM;
  const landmarks: NormalizedLandmark[] = b.points.map((p, i) => {
    const depth = p[2] + cam.distanceM;
    return {
      x: (cam.width / 2 + (f * p[0]) / depth) / cam.width,
      y: (cam.height / 2 + (f * (p[1] - cameraY)) / depth) / cam.height,
      z: ((depth - depthOfHips) * f) / depthOfHips / cam.width,
      visibility: b.visibility[i],
    };
  });
  const worldLandmarks: WorldLandmark[] = b.points.map((p, i) => ({ xM: p[0], yM: p[1], zM: p[2], visibility: b.visibility[i] }));
  return { landmarks, worldLandmarks, imageWidth: cam.width, imageHeight: cam.height, peopleCount: 1, timestampMs: 0 };
}
