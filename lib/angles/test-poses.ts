// Synthetic poses for the angle tests: a person described in body coordinates (pixels ahead
// of and above the near hip), placed in a frame facing left or right.
import { LANDMARK_COUNT, LANDMARK_INDEX, LANDMARK_NAMES, type LandmarkName } from '../pose/landmarks';
import type { NormalizedLandmark, Pose, WorldLandmark } from '../pose/types';
import type { Facing } from './geometry';
import type { Side } from './posture';

export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

export const LANDSCAPE: FrameSize = { width: 1280, height: 720 };
export const PORTRAIT: FrameSize = { width: 720, height: 1280 };

/** [ahead, up] in pixels: ahead is the way the person faces, up is towards the top of the image. */
export type BodyPoint = readonly [ahead: number, up: number];

type Part = 'nose' | 'eye' | 'ear' | 'mouth' | 'shoulder' | 'elbow' | 'wrist' | 'hip' | 'knee' | 'ankle' | 'heel' | 'foot';

/** An upright person about 440 px tall, head slightly forward: fits a 1280x720 and a 720x1280 frame. */
export const UPRIGHT: Readonly<Record<Part, BodyPoint>> = {
  nose: [70, 240],
  eye: [60, 250],
  ear: [30, 240],
  mouth: [65, 225],
  shoulder: [0, 200],
  elbow: [5, 110],
  wrist: [15, 20],
  hip: [0, 0],
  knee: [5, -100],
  ankle: [0, -200],
  heel: [-15, -210],
  foot: [35, -210],
};

const PART_LANDMARKS: Readonly<Record<Part, (side: Side) => readonly LandmarkName[]>> = {
  nose: () => [],
  eye: (side) => [`${side}_eye_inner`, `${side}_eye`, `${side}_eye_outer`],
  ear: (side) => [`${side}_ear`],
  mouth: (side) => [`mouth_${side}`],
  shoulder: (side) => [`${side}_shoulder`],
  elbow: (side) => [`${side}_elbow`],
  wrist: (side) => [`${side}_wrist`, `${side}_pinky`, `${side}_index`, `${side}_thumb`],
  hip: (side) => [`${side}_hip`],
  knee: (side) => [`${side}_knee`],
  ankle: (side) => [`${side}_ankle`],
  heel: (side) => [`${side}_heel`],
  foot: (side) => [`${side}_foot_index`],
};

export interface BodyOptions {
  readonly frame?: FrameSize;
  readonly facing?: Facing;
  /** The anatomical side towards the camera; by default the one a camera sees of a person facing that way. */
  readonly near?: Side;
  /** Pixel position of the near hip. */
  readonly anchor?: readonly [x: number, y: number];
  /** Overrides of the near-side body points. */
  readonly body?: Partial<Record<Part, BodyPoint>>;
  /** Where the far-side points are, relative to the near ones (2D shoulder and hip width). */
  readonly farOffset?: BodyPoint;
  /** Depth of the near and far sides, in pixels (z is scaled like x): smaller is nearer. */
  readonly nearZPx?: number;
  readonly farZPx?: number;
  /** BlazePose-style: close to 1 even for the hidden side in profile. */
  readonly visibility?: number;
  readonly visibilityOf?: Partial<Record<LandmarkName, number>>;
  /** Pixel position overrides of single landmarks, after everything else. */
  readonly pixelOf?: Partial<Record<LandmarkName, readonly [number, number]>>;
  /** Body rotation away from facing the camera for the world landmarks; null: no world landmarks. */
  readonly worldYawDeg?: number | null;
  readonly peopleCount?: number;
  readonly timestampMs?: number;
}

const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

/** A whole 33-landmark pose from a body description. */
export function bodyPose(options: BodyOptions = {}): Pose {
  const frame = options.frame ?? LANDSCAPE;
  const facing = options.facing ?? 1;
  const near = options.near ?? (facing === 1 ? 'right' : 'left');
  const [ax, ay] = options.anchor ?? [360, 450];
  const body = { ...UPRIGHT, ...options.body };
  const [offAhead, offUp] = options.farOffset ?? [-6, 2];
  const nearZ = options.nearZPx ?? -40;
  const farZ = options.farZPx ?? 40;
  const visibility = options.visibility ?? 0.99;

  const pixels = new Map<LandmarkName, readonly [number, number, number]>();
  const place = (name: LandmarkName, [ahead, up]: BodyPoint, zPx: number) => pixels.set(name, [ax + ahead * facing, ay - up, zPx]);
  place('nose', body.nose, (nearZ + farZ) / 2 - 60);
  for (const part of Object.keys(PART_LANDMARKS) as Part[]) {
    const [ahead, up] = body[part];
    for (const name of PART_LANDMARKS[part](near)) place(name, [ahead, up], nearZ);
    for (const name of PART_LANDMARKS[part](other(near))) place(name, [ahead + offAhead, up + offUp], farZ);
  }
  for (const [name, [x, y]] of Object.entries(options.pixelOf ?? {}) as [LandmarkName, readonly [number, number]][]) {
    const z = pixels.get(name)?.[2] ?? 0;
    pixels.set(name, [x, y, z]);
  }

  const landmarks: NormalizedLandmark[] = LANDMARK_NAMES.map((name) => {
    const p = pixels.get(name);
    if (!p) throw new Error(`test pose: no position for ${name}`);
    return { x: p[0] / frame.width, y: p[1] / frame.height, z: p[2] / frame.width, visibility: options.visibilityOf?.[name] ?? visibility };
  });
  const yaw = options.worldYawDeg === undefined ? 90 : options.worldYawDeg;
  return {
    landmarks,
    worldLandmarks: yaw === null ? null : worldForYaw(yaw, near, facing),
    imageWidth: frame.width,
    imageHeight: frame.height,
    peopleCount: options.peopleCount ?? 1,
    timestampMs: options.timestampMs ?? 0,
  };
}

/**
 * World landmarks (metres, y down) of a body turned `yawDeg` from facing the camera: the
 * shoulder and hip lines make exactly that angle with the image plane.
 */
export function worldForYaw(yawDeg: number, near: Side = 'right', facing: Facing = 1): WorldLandmark[] {
  const yaw = (yawDeg * Math.PI) / 180;
  const halfWidth = { shoulder: 0.18, hip: 0.12 } as const;
  const height = { shoulder: -0.5, hip: 0 } as const;
  const world: WorldLandmark[] = Array.from({ length: LANDMARK_COUNT }, () => ({ xM: 0, yM: -0.3, zM: 0, visibility: 0.99 }));
  for (const part of ['shoulder', 'hip'] as const) {
    // The near side is towards the camera (smaller z); sideways it sits behind the body's front.
    const dx = halfWidth[part] * Math.cos(yaw) * -facing;
    const dz = halfWidth[part] * Math.sin(yaw);
    world[LANDMARK_INDEX[`${near}_${part}`]] = { xM: dx, yM: height[part], zM: -dz, visibility: 0.99 };
    world[LANDMARK_INDEX[`${other(near)}_${part}`]] = { xM: -dx, yM: height[part], zM: dz, visibility: 0.99 };
  }
  return world;
}

const swapSide = (name: LandmarkName): LandmarkName =>
  name.replace(/left|right/, (side) => (side === 'left' ? 'right' : 'left')) as LandmarkName;

/** The pose a model reports for the mirrored image: x flipped and left/right labels swapped. */
export function mirrorPose(pose: Pose): Pose {
  const from = (name: LandmarkName) => LANDMARK_INDEX[swapSide(name)];
  return {
    ...pose,
    landmarks: LANDMARK_NAMES.map((name) => {
      const l = pose.landmarks[from(name)];
      return { ...l, x: 1 - l.x };
    }),
    worldLandmarks: pose.worldLandmarks
      ? LANDMARK_NAMES.map((name) => {
          const w = pose.worldLandmarks![from(name)];
          return { ...w, xM: -w.xM };
        })
      : null,
  };
}

/** A copy of the pose with one landmark moved by (dx, dy) pixels. */
export function movePixels(pose: Pose, name: LandmarkName, dx: number, dy: number): Pose {
  const i = LANDMARK_INDEX[name];
  return {
    ...pose,
    landmarks: pose.landmarks.map((l, j) => (j === i ? { ...l, x: l.x + dx / pose.imageWidth, y: l.y + dy / pose.imageHeight } : l)),
  };
}

/** Pixel position of a landmark. */
export function pixelOf(pose: Pose, name: LandmarkName): readonly [number, number] {
  const l = pose.landmarks[LANDMARK_INDEX[name]];
  return [l.x * pose.imageWidth, l.y * pose.imageHeight];
}
