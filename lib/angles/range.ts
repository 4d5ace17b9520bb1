// The geometry of the range check's tests, on points already found (pixels, or depths where a
// test needs them). Pure: which frames may be measured at all is the quality gate's to say
// (quality.ts); this only turns accepted points into angles. For the range check (issue 19):
// shoulder flexion and the trunk rotation geometry are checked on the exact joint positions of the
// rendered figure (../shared/fixtures/synthetic/truth.json); the seated rotation reading
// (readRotation) also on real bodies' 3D landmarks re-photographed at known turns, and through
// both models on the renders and on a real person standing still (tests/pose/range-rotation-*).
import { LANDMARK_INDEX, MIN_VISIBILITY, type LandmarkName } from '../pose/landmarks';
import type { NormalizedLandmark, Pose } from '../pose/types';
import { type Facing, leanBackDeg } from './geometry';
import type { FrameNeed } from './quality';
import { classifyView } from './view';
import { deg, radToDeg, type Degrees, type PixelPoint } from './units';

export interface ShoulderFlexion {
  /**
   * The upper arm against the trunk line, in the picture of a side view: 0 = arm hanging along
   * the trunk, 90 = straight ahead of it, 180 = overhead in line with it, more when carried on
   * behind the head; negative when the arm is behind the trunk. Arching back does not add to it:
   * the trunk line leans with the arch.
   */
  readonly flexionDeg: Degrees;
  /** The trunk's lean from vertical, positive with the shoulders behind the hips (the arch). */
  readonly trunkLeanDeg: Degrees;
  /** What a reading of the arm against the vertical gives (flexion plus lean): not the reach. */
  readonly armFromVerticalDeg: Degrees;
}

/**
 * The angle of `v` from the axis `down`, positive towards `forward`, in (-90, 270]: an arm
 * carried on past overhead (behind the head) keeps counting up rather than jumping to negative.
 */
function signedFrom(down: readonly [number, number], forward: readonly [number, number], v: readonly [number, number]): Degrees {
  const along = v[0] * down[0] + v[1] * down[1];
  const ahead = v[0] * forward[0] + v[1] * forward[1];
  const a = radToDeg(Math.atan2(ahead, along));
  return deg(a <= -90 ? a + 360 : a);
}

/**
 * Shoulder flexion from a side view: `shoulder`, `elbow` and `hip` of one side of the body (the
 * arm's own side: on the rendered figure, mixing the two sides' points, or taking their
 * midpoints, was off by up to 7° under the camera's perspective; one side's were within 1°);
 * `facing` the way the person faces.
 */
export function shoulderFlexion(shoulder: PixelPoint, elbow: PixelPoint, hip: PixelPoint, facing: Facing): ShoulderFlexion {
  const tx = hip[0] - shoulder[0];
  const ty = hip[1] - shoulder[1];
  const len = Math.hypot(tx, ty) || 1;
  const down: [number, number] = [tx / len, ty / len];
  // Forward, square to the trunk: the trunk's down direction turned a quarter towards the facing side.
  const turned: [number, number] = [-down[1], down[0]];
  const forward: [number, number] = turned[0] * facing >= 0 ? turned : [-turned[0], -turned[1]];
  const arm: [number, number] = [elbow[0] - shoulder[0], elbow[1] - shoulder[1]];
  const flexionDeg = signedFrom(down, forward, arm);
  const armFromVerticalDeg = signedFrom([0, 1], [facing, 0], arm);
  return { flexionDeg, trunkLeanDeg: leanBackDeg(hip, shoulder, facing), armFromVerticalDeg };
}

export interface TrunkRotation {
  /** Degrees the shoulder line has turned from the person's own neutral; + = towards the person's left (left shoulder back). */
  readonly rotationDeg: Degrees;
  /** Shoulder width now against the neutral width (1 at neutral; cos of the turn for a pure turn). */
  readonly widthRatio: number;
}

/**
 * Trunk rotation of a person facing the camera, from how much narrower the shoulders look than in
 * their own neutral frame (`neutralWidthPx`, taken at the start of the test at the same distance)
 * and which shoulder is farther away (`leftDeeperBy`: the left shoulder's distance from the camera
 * minus the right one's, in any unit; only its sign is used). A single camera sees the turn only
 * as this foreshortening: the width says how far, the depth only which way (the models' depth is
 * too rough for more; MediaPipe's model card puts metric depth out of scope).
 */
export function trunkRotation(leftShoulder: PixelPoint, rightShoulder: PixelPoint, neutralWidthPx: number, leftDeeperBy: number): TrunkRotation | null {
  if (!(neutralWidthPx > 0)) return null;
  const width = Math.hypot(leftShoulder[0] - rightShoulder[0], leftShoulder[1] - rightShoulder[1]);
  const widthRatio = width / neutralWidthPx;
  const turn = radToDeg(Math.acos(Math.min(1, widthRatio)));
  return { rotationDeg: deg(leftDeeperBy >= 0 ? turn : -turn), widthRatio };
}

// ---------------------------------------------------------------------------------------------
// Seated trunk rotation, frame by frame (issue 19): sitting on a chair facing the camera, arms
// crossed on the chest, the shoulders turn as far as they go while the hips stay still.
//
// The turn: the shoulders' horizontal width in the picture against the person's own neutral
// width (cos of the turn), the side from which shoulder went deeper than in the neutral (the
// models' depth is good for the side, not for the size: MediaPipe's model card puts metric depth
// out of scope). Horizontal width, not the length of the shoulder line: a turn about the vertical
// narrows only the horizontal extent, and the models drop the farther shoulder by up to 14 px on
// the rendered figure's 60° turns (a hypotenuse read those 1-1.5° short).
//
// The hips: not from the hip landmarks, whose width shrinks as the trunk turns although the
// pelvis is still (the models move them with the shoulders). Seated, the thighs point at the
// camera, so a pelvis turn swings the knees sideways by the thigh's length times the sine of the
// turn, while the trunk's turn moves them by at most 2° worth on the renders. The knees' midpoint
// is taken against the hips' midpoint (which the trunk's turn barely moves sideways), so the
// person or the camera shifting sideways does not read as a turn; the thigh's length in pixels
// comes from the neutral (see thighPxOf). It assumes the test's posture: thighs forward. With
// knees up and splayed outwards a thigh reaches forward less than its length and a turn reads
// smaller (a woman sitting so on the ground: a third to a half of the turn); standing, the thighs hang and the knees do not move sideways
// at all, so the check cannot see a pelvis turn there.

/** A trial whose hips turned more than this (degrees) with the shoulders does not count. */
export const MAX_HIPS_TURN_DEG = 10;

/**
 * What a seated rotation frame must show: shoulders, hips and knees, one person, facing the
 * camera. The view only advises here: a shoulder turn of 60° over still hips already puts the
 * body's mean yaw (quality.ts's view check) at its 30° front-view limit, so a blocking view check
 * would refuse the peak of a good turn. Facing the camera is required of the neutral instead
 * (rotationNeutral gives none otherwise), and a whole body turned away shows as turned hips.
 */
export const ROTATION_NEED: FrameNeed = {
  parts: ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip', 'left_knee', 'right_knee'],
  view: 'front',
  viewAdvisory: true,
  allowMultiplePeople: false,
  level: false,
};

/**
 * The person's own neutral for the rotation test, from still frames at its start (medians).
 * Plain numbers, so it can be stored with the result.
 */
export interface RotationNeutral {
  /** The shoulders' horizontal width in the picture, pixels. */
  readonly shoulderWidthPx: number;
  /** The left shoulder's depth minus the right one's, in pixels (normalized z times the image width). */
  readonly leftDeeperPx: number;
  /**
   * How far right of the hips' midpoint the knees' midpoint sits in the picture, pixels; null
   * when the knees (or hips) were not seen in the neutral frames.
   */
  readonly kneesOffsetPx: number | null;
  /** A thigh's length in pixels at the knees' distance from the camera; null as above. */
  readonly thighPx: number | null;
}

export interface RotationReading {
  /** The shoulders' turn from the neutral; + = turned to the person's left (left shoulder back). */
  readonly rotationDeg: Degrees;
  /** The hips' turn from the neutral, read from the knees, same sign; null when the knees or thighs are not seen. */
  readonly hipsTurnDeg: Degrees | null;
}

const seenAt = (pose: Pose, name: LandmarkName, minVisibility = MIN_VISIBILITY): NormalizedLandmark | null => {
  const l = pose.landmarks[LANDMARK_INDEX[name]];
  return l && l.visibility >= minVisibility && l.x >= 0 && l.x <= 1 && l.y >= 0 && l.y <= 1 ? l : null;
};

/**
 * The knees of a seated person facing the camera are foreshortened thighs' ends, and both models
 * rate them low although they place them well: on the renders MediaPipe's hover about 0.5 and
 * tfjs's sit at 0.2-0.35, while the knees as placed read the still pelvis within 2.1° on both.
 * So the hips check takes a knee the model placed inside the picture with at least this
 * visibility; under it (hidden behind a desk, say) the check reads nothing and the turn is refused.
 */
export const KNEE_MIN_VISIBILITY = 0.15;

const medianOf = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

interface Shoulders {
  readonly widthPx: number;
  readonly leftDeeperPx: number;
}

/** Horizontal shoulder width and depth difference, from the shoulders as the model placed them. */
function shouldersOf(pose: Pose): Shoulders {
  const l = pose.landmarks[LANDMARK_INDEX.left_shoulder];
  const r = pose.landmarks[LANDMARK_INDEX.right_shoulder];
  return { widthPx: Math.abs(l.x - r.x) * pose.imageWidth, leftDeeperPx: (l.z - r.z) * pose.imageWidth };
}

/** The knees' midpoint right of the hips' midpoint, pixels; null unless hips and knees are seen in the picture. */
function kneesOffsetOf(pose: Pose): number | null {
  const [lh, rh] = (['left_hip', 'right_hip'] as const).map((n) => seenAt(pose, n));
  const [lk, rk] = (['left_knee', 'right_knee'] as const).map((n) => seenAt(pose, n, KNEE_MIN_VISIBILITY));
  if (!lh || !rh || !lk || !rk) return null;
  return ((lk.x + rk.x) / 2 - (lh.x + rh.x) / 2) * pose.imageWidth;
}

/** Knees closer together than this (metres, in the world landmarks) give no usable scale. */
const MIN_KNEE_SPREAD_M = 0.05;

/**
 * A thigh's length in pixels at the knees' distance from the camera: the thighs' length in the
 * model's world landmarks (metres; its bone lengths hold better than its depths, which on the
 * rendered figure have the thighs hanging down when they point at the camera) times pixels per
 * metre at the knees (the knees' spread in the picture over their spread in the world landmarks,
 * both sideways, so at the knees' own distance). Null without world landmarks or seen knees.
 */
function thighPxOf(pose: Pose): number | null {
  const w = pose.worldLandmarks;
  if (!w || kneesOffsetOf(pose) === null) return null;
  const at = (n: LandmarkName) => w[LANDMARK_INDEX[n]];
  const len = (a: LandmarkName, b: LandmarkName) => Math.hypot(at(a).xM - at(b).xM, at(a).yM - at(b).yM, at(a).zM - at(b).zM);
  const thighM = (len('left_hip', 'left_knee') + len('right_hip', 'right_knee')) / 2;
  const kneesPx = Math.abs(pose.landmarks[LANDMARK_INDEX.left_knee].x - pose.landmarks[LANDMARK_INDEX.right_knee].x) * pose.imageWidth;
  const kneesM = Math.abs(at('left_knee').xM - at('right_knee').xM);
  if (!(kneesM >= MIN_KNEE_SPREAD_M) || !(thighM > 0)) return null;
  return (thighM * kneesPx) / kneesM;
}

/**
 * The person's own neutral from still frames at the start of the test (median over them); null
 * when none of them shows both shoulders facing the camera (quality.ts's front view). The knee
 * fields are null when no frame shows hips and knees (the hips check then reads nothing).
 */
export function rotationNeutral(poses: readonly Pose[]): RotationNeutral | null {
  const facing = poses.filter((p) => seenAt(p, 'left_shoulder') && seenAt(p, 'right_shoulder') && classifyView(p).view === 'front');
  if (facing.length === 0) return null;
  const shoulders = facing.map(shouldersOf);
  const knees = facing.map((p) => ({ offset: kneesOffsetOf(p), thigh: thighPxOf(p) })).filter((k) => k.offset !== null && k.thigh !== null);
  return {
    shoulderWidthPx: medianOf(shoulders.map((s) => s.widthPx)),
    leftDeeperPx: medianOf(shoulders.map((s) => s.leftDeeperPx)),
    kneesOffsetPx: knees.length ? medianOf(knees.map((k) => k.offset!)) : null,
    thighPx: knees.length ? medianOf(knees.map((k) => k.thigh!)) : null,
  };
}

/**
 * One frame of the seated rotation test against the person's neutral. Whether the frame may be
 * read at all is the gate's (assessFrame with ROTATION_NEED); this reads the points it is given.
 * The turn's size is acos(width / neutral width), 0 to 90 (a width at or above the neutral's reads
 * 0); its side, the sign of the change in the shoulders' depth difference. Near 0 the cosine is
 * flat: a width 2% under the neutral's reads 11°, so small turns are coarse and noisy, large ones
 * are not (at 45°, 2% is 1.6°). hipsTurnDeg: asin(the knees' sideways shift from the neutral over
 * the thigh's length), + = to the person's left.
 */
export function readRotation(pose: Pose, neutral: RotationNeutral): RotationReading {
  const s = shouldersOf(pose);
  const turn = neutral.shoulderWidthPx > 0 ? radToDeg(Math.acos(Math.min(1, s.widthPx / neutral.shoulderWidthPx))) : 0;
  const rotationDeg = deg(s.leftDeeperPx - neutral.leftDeeperPx < 0 ? -turn : turn);
  const offset = kneesOffsetOf(pose);
  let hipsTurnDeg: Degrees | null = null;
  if (offset !== null && neutral.kneesOffsetPx !== null && neutral.thighPx !== null && neutral.thighPx > 0) {
    const sin = (offset - neutral.kneesOffsetPx) / neutral.thighPx;
    hipsTurnDeg = radToDeg(Math.asin(Math.max(-1, Math.min(1, sin))));
  }
  return { rotationDeg, hipsTurnDeg };
}
