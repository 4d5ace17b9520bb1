// The geometry of the range check's tests, on points already found (pixels, or depths where a
// test needs them). Pure: which frames may be measured at all is the quality gate's to say
// (quality.ts); this only turns accepted points into angles. Groundwork for the range check
// (issue 19): checked on the exact joint positions of the rendered figure
// (../shared/fixtures/synthetic/truth.json), not yet on model landmarks.
import { type Facing, leanBackDeg } from './geometry';
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
