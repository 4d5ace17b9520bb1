// How the body is placed: standing (trunk upright), lying on the back, lying face down, on all
// fours. Exercises state which they need, and counting waits until it holds. Measured in
// pixels with the camera upright (the setup check looks after that).
import { LANDMARK_INDEX, MIN_VISIBILITY, type LandmarkName } from '../pose/landmarks';
import type { NormalizedLandmark, Pose } from '../pose/types';
import { nearSide } from './view';

export type BodyPosition = 'standing' | 'supine' | 'prone' | 'all-fours' | 'forearms-and-knees' | 'reverse-table-top';
export const BODY_POSITIONS: readonly BodyPosition[] = ['standing', 'supine', 'prone', 'all-fours', 'forearms-and-knees', 'reverse-table-top'];

/** Words for each position, as in "this exercise is done {…}". */
export const POSITION_WORDS: Readonly<Record<BodyPosition, string>> = {
  standing: 'standing (or kneeling) upright',
  supine: 'lying on your back',
  prone: 'lying face down',
  'all-fours': 'on hands and knees',
  'forearms-and-knees': 'on forearms and knees',
  'reverse-table-top': 'sitting back on your hands, feet flat (or with the hips lifted)',
};

/** Trunk within this of vertical: upright. */
export const UPRIGHT_MAX_DEG = 45;
/** Lying or on all fours: the trunk within this of horizontal (head-down over a ball included). */
export const LEVEL_TRUNK_MAX_DEG = 40;
/** On all fours the thigh and the arm hang within this of vertical, and the shin lies at least this far from it. */
export const LIMB_VERTICAL_MAX_DEG = 35;
export const SHIN_LYING_MIN_DEG = 55;
/** On all fours hands and knees are both on the floor: at heights within this many trunk lengths. */
export const HANDS_KNEES_LEVEL_MAX = 0.35;
/** Lying, the thigh does not hang below the hip: at least this far from vertical (bending over, it does). */
export const LYING_THIGH_MIN_DEG = 40;
/**
 * Sitting back on the hands (or bridging up from there): the shin stands within this of vertical,
 * the thigh does not hang below the hip (at least THIGH_UP_MIN_DEG from straight down), a hand
 * lies on the floor (within HANDS_KNEES_LEVEL_MAX trunk lengths of the ankle's height) behind the
 * hip, and the shoulder stands at least ARM_PROP_MIN trunk lengths above that hand: the arm holds
 * the trunk up (lying on the back, the shoulders lie on the floor beside the hands).
 */
export const SHIN_UPRIGHT_MAX_DEG = 45;
export const THIGH_UP_MIN_DEG = 60;
export const ARM_PROP_MIN = 0.5;
/** Nose this far (in trunk lengths) above or below the ear, across the trunk: the face looks up or down. */
export const FACE_MIN = 0.05;

export interface BodyPlacement {
  /** null: none of the four (bending over, upside down, or not enough seen to say). */
  readonly position: BodyPosition | null;
  /** Angle of the shoulder-hip line from vertical: 0 upright, 90 level, 180 upside down. */
  readonly trunkFromUpDeg: number | null;
  /** Lying: which way the face (the front of the body) looks; null when not lying or unclear. */
  readonly faces: 'up' | 'down' | null;
  /** The trunk was not seen, so the position cannot be told: which end is missing. */
  readonly unseen?: 'shoulders' | 'hips';
}

const seen = (l: NormalizedLandmark | undefined) => l !== undefined && l.visibility >= MIN_VISIBILITY;

/** Angle in degrees of the vector (dx, dy) from straight down in the image (y down). */
function fromDownDeg(dx: number, dy: number): number {
  return (Math.atan2(Math.abs(dx), dy) * 180) / Math.PI;
}

/** Where the body is, from the trunk's angle, the limbs on the near side and the face. */
export function bodyPlacement(pose: Pose): BodyPlacement {
  const px = (name: LandmarkName) => {
    const l = pose.landmarks[LANDMARK_INDEX[name]];
    return [l.x * pose.imageWidth, l.y * pose.imageHeight] as const;
  };
  const lm = (name: LandmarkName) => pose.landmarks[LANDMARK_INDEX[name]];
  const { side } = nearSide(pose);
  const shoulderName = `${side}_shoulder` as const;
  const hipName = `${side}_hip` as const;
  if (!seen(lm(shoulderName))) return { position: null, trunkFromUpDeg: null, faces: null, unseen: 'shoulders' };
  if (!seen(lm(hipName))) return { position: null, trunkFromUpDeg: null, faces: null, unseen: 'hips' };
  // The trunk from the midpoints of both sides: steadier than one side's joints.
  const mid = (a: LandmarkName, b: LandmarkName) => {
    const p = px(a);
    const q = px(b);
    return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] as const;
  };
  const shoulder = mid('left_shoulder', 'right_shoulder');
  const hip = mid('left_hip', 'right_hip');
  const tx = shoulder[0] - hip[0];
  const ty = shoulder[1] - hip[1];
  const trunkLength = Math.hypot(tx, ty);
  if (trunkLength === 0) return { position: null, trunkFromUpDeg: null, faces: null };
  const trunkFromUpDeg = 180 - fromDownDeg(tx, ty);
  // Before "standing": sitting back on the hands keeps the trunk within 45 deg of upright.
  if (trunkFromUpDeg <= 110 && reverseTableTop(pose, side, trunkLength)) return { position: 'reverse-table-top', trunkFromUpDeg, faces: null };
  if (trunkFromUpDeg <= UPRIGHT_MAX_DEG) return { position: 'standing', trunkFromUpDeg, faces: null };
  if (Math.abs(trunkFromUpDeg - 90) > LEVEL_TRUNK_MAX_DEG) return { position: null, trunkFromUpDeg, faces: null };

  // On all fours: thigh and arm hang down, the shin lies along the floor.
  const knee = `${side}_knee` as const;
  const ankle = `${side}_ankle` as const;
  const wrist = `${side}_wrist` as const;
  if (seen(lm(knee)) && seen(lm(ankle)) && seen(lm(wrist))) {
    const [hx, hy] = px(hipName);
    const [kx, ky] = px(knee);
    const [ax, ay] = px(ankle);
    const [sx, sy] = px(shoulderName);
    const [wx, wy] = px(wrist);
    const thigh = ky > hy ? fromDownDeg(kx - hx, ky - hy) : 180;
    const arm = wy > sy ? fromDownDeg(wx - sx, wy - sy) : 180;
    const shin = fromDownDeg(ax - kx, ay - ky);
    const level = Math.abs(ky - wy) <= HANDS_KNEES_LEVEL_MAX * trunkLength;
    if (thigh <= LIMB_VERTICAL_MAX_DEG && arm <= LIMB_VERTICAL_MAX_DEG && shin >= SHIN_LYING_MIN_DEG && level) {
      return { position: 'all-fours', trunkFromUpDeg, faces: null };
    }
  }

  // On forearms and knees: the same legs, and an upper arm (either side: the other may be
  // moving) hanging under its shoulder with the elbow on the floor, level with the knee.
  if (seen(lm(knee)) && seen(lm(ankle))) {
    const [hx, hy] = px(hipName);
    const [kx, ky] = px(knee);
    const [ax, ay] = px(ankle);
    const thigh = ky > hy ? fromDownDeg(kx - hx, ky - hy) : 180;
    const shin = fromDownDeg(ax - kx, ay - ky);
    const forearm = (['left', 'right'] as const).some((s) => {
      const sh = lm(`${s}_shoulder`);
      const el = lm(`${s}_elbow`);
      if (!seen(sh) || !seen(el)) return false;
      const [sx, sy] = px(`${s}_shoulder`);
      const [ex, ey] = px(`${s}_elbow`);
      return ey > sy && fromDownDeg(ex - sx, ey - sy) <= LIMB_VERTICAL_MAX_DEG && Math.abs(ky - ey) <= HANDS_KNEES_LEVEL_MAX * trunkLength;
    });
    if (thigh <= LIMB_VERTICAL_MAX_DEG && shin >= SHIN_LYING_MIN_DEG && forearm) return { position: 'forearms-and-knees', trunkFromUpDeg, faces: null };
  }

  // Lying: the thighs lie along the floor or rise to bent knees; they do not hang below the hips.
  if (seen(lm(knee))) {
    const [hx, hy] = px(hipName);
    const [kx, ky] = px(knee);
    if (ky > hy && fromDownDeg(kx - hx, ky - hy) < LYING_THIGH_MIN_DEG) return { position: null, trunkFromUpDeg, faces: null };
  }
  // The face looks up (on the back) or down (face down): the nose against the ear, across the
  // trunk, in trunk lengths.
  const earName = `${side}_ear` as const;
  if (!seen(lm('nose')) || !seen(lm(earName))) return { position: null, trunkFromUpDeg, faces: null };
  const [nx, ny] = px('nose');
  const [ex, ey] = px(earName);
  // The trunk's normal that points up in the picture.
  let ux = -ty;
  let uy = tx;
  if (uy > 0) {
    ux = -ux;
    uy = -uy;
  }
  const face = ((nx - ex) * ux + (ny - ey) * uy) / (trunkLength * trunkLength);
  if (face >= FACE_MIN) return { position: 'supine', trunkFromUpDeg, faces: 'up' };
  if (face <= -FACE_MIN) return { position: 'prone', trunkFromUpDeg, faces: 'down' };
  return { position: null, trunkFromUpDeg, faces: null };
}

/** Sitting back on the hands, feet flat, or bridging up from there (see SHIN_UPRIGHT_MAX_DEG). */
function reverseTableTop(pose: Pose, side: 'left' | 'right', trunkLength: number): boolean {
  const lm = (name: LandmarkName) => pose.landmarks[LANDMARK_INDEX[name]];
  const px = (name: LandmarkName) => [lm(name).x * pose.imageWidth, lm(name).y * pose.imageHeight] as const;
  const hip = `${side}_hip` as const;
  const knee = `${side}_knee` as const;
  const ankle = `${side}_ankle` as const;
  if (!seen(lm(knee)) || !seen(lm(ankle))) return false;
  const [hx, hy] = px(hip);
  const [kx, ky] = px(knee);
  const [ax, ay] = px(ankle);
  if (!(ay > ky) || fromDownDeg(ax - kx, ay - ky) > SHIN_UPRIGHT_MAX_DEG) return false;
  if (ky > hy && fromDownDeg(kx - hx, ky - hy) < THIGH_UP_MIN_DEG) return false;
  return (['left', 'right'] as const).some((s) => {
    const wrist = `${s}_wrist` as const;
    const shoulder = `${s}_shoulder` as const;
    if (!seen(lm(wrist)) || !seen(lm(shoulder))) return false;
    const [wx, wy] = px(wrist);
    const [, sy] = px(shoulder);
    const onFloor = Math.abs(wy - ay) <= HANDS_KNEES_LEVEL_MAX * trunkLength;
    const behind = (wx - hx) * (kx - hx) < 0;
    return onFloor && behind && wy - sy >= ARM_PROP_MIN * trunkLength;
  });
}
