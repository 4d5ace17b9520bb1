// The two posture angles of one frame. Whether each may be given at all is decided by the one
// quality gate (quality.ts, `assessFrame`), the same the setup check, snapshots, counting and
// `npm run analyze` use: a refused angle is null, with the reason.
import { LANDMARK_INDEX, MIN_VISIBILITY, type LandmarkName } from '../pose/landmarks';
import type { Pose } from '../pose/types';
import { elevationDeg, leanBackDeg, type Facing } from './geometry';
import { assessFrame, type FrameNeed } from './quality';
import { refusal, type Refusal } from './refusals';
import { deg, distance, pixel, type Degrees, type PixelPoint } from './units';
import { classifyView, facingOf, nearSide, sideName, type Side, type ViewEstimate } from './view';

export { MIN_VISIBILITY };
export { classifyView, facingOf, FRONT_VIEW_MAX_YAW_DEG, nearSide, SIDE_VIEW_MIN_YAW_DEG, type Side, type View, type ViewEstimate } from './view';

export interface PostureMeasurement {
  readonly timestampMs: number;
  readonly view: ViewEstimate;
  /** The body side facing the camera. */
  readonly side: Side;
  readonly facing: Facing;
  /** Head-forward angle (CVA proxy), larger is more upright; null when refused. */
  readonly headForwardDeg: Degrees | null;
  /** Ear ahead of shoulder as a fraction of trunk length (shoulder to hip); null when refused. */
  readonly headForwardOffset: number | null;
  /** Trunk angle from vertical, positive with the shoulders behind the hips; null when refused. */
  readonly trunkExtensionDeg: Degrees | null;
  readonly refusals: { readonly headForward: Refusal | null; readonly trunkExtension: Refusal | null };
  /** The side view check passed (pass it on as `viewHeld` with the next frame of a stream). */
  readonly sideViewHeld: boolean;
  /** Near-side points in pixels, for drawing; null where not seen. */
  readonly points: { readonly ear: PixelPoint | null; readonly shoulder: PixelPoint | null; readonly hip: PixelPoint | null };
}

export interface MeasureOptions {
  /** When false, several people in view refuse the measurement (snapshots). Default false. */
  readonly allowMultiplePeople?: boolean;
  /**
   * The previous frame of the same stream was side-on (its `sideViewHeld`): the side view is
   * held with quality.ts's VIEW_HOLD_MARGIN_DEG (counting). Default false: the line itself.
   */
  readonly viewHeld?: boolean;
}

/**
 * What the head-forward angle needs: ear and shoulder, side-on. It is a tilt of the head forward
 * of the shoulder: seen from the front that points at the camera, and the ear sits above the
 * shoulder however far forward the head is.
 */
export const HEAD_FORWARD_NEED: FrameNeed = { parts: ['near_ear', 'near_shoulder'], view: 'side', viewReason: 'head-forward', allowMultiplePeople: false, level: false };
/**
 * What the trunk angle needs: shoulder and hip on a plausible body, side-on. Extension is a tilt
 * back in the body's own (sagittal) plane: seen from the front the hip-to-shoulder line shows
 * sideways lean instead (a front photo read 6.8° and 27.8° of "extension"), and three-quarter
 * mixes the two about equally.
 */
export const TRUNK_NEED: FrameNeed = { parts: ['near_shoulder', 'near_hip'], view: 'side', viewReason: 'trunk-extension', allowMultiplePeople: false, level: false };

const px = (pose: Pose, name: LandmarkName): PixelPoint => {
  const l = pose.landmarks[LANDMARK_INDEX[name]];
  return pixel(l.x * pose.imageWidth, l.y * pose.imageHeight);
};

/** Both posture angles for one frame, each with the reason when it cannot be measured. */
export function measurePosture(pose: Pose | null, timestampMs: number, options: MeasureOptions = {}): PostureMeasurement {
  if (!pose) {
    const none = refusal('no-person');
    return {
      timestampMs,
      view: { view: 'front', confidence: 0, yawDeg: deg(0) },
      side: 'left',
      facing: 1,
      headForwardDeg: null,
      headForwardOffset: null,
      trunkExtensionDeg: null,
      refusals: { headForward: none, trunkExtension: none },
      sideViewHeld: false,
      points: { ear: null, shoulder: null, hip: null },
    };
  }
  const allowMultiplePeople = options.allowMultiplePeople ?? false;
  const { side } = nearSide(pose);
  const facing = facingOf(pose, side);
  const view = classifyView(pose);
  const held = { viewHeld: options.viewHeld ?? false };
  const headGate = assessFrame(pose, { ...HEAD_FORWARD_NEED, allowMultiplePeople }, held);
  const headRefusal = headGate.issues[0] ?? null;
  const trunkRefusal = assessFrame(pose, { ...TRUNK_NEED, allowMultiplePeople }, held).issues[0] ?? null;
  const ear = px(pose, sideName(side, 'ear'));
  const shoulder = px(pose, sideName(side, 'shoulder'));
  const hip = px(pose, sideName(side, 'hip'));
  const trunkLength = distance(shoulder, hip);
  // With the trunk nearer level than upright (on all fours, lying), the head is at the shoulders'
  // end, so the way it faces is from the hips to the shoulders: the nose against the ear can read
  // backwards there (a tucked chin points the nose back; the rendered figure has no face, and
  // both engines put its nose behind the ear, which read the cat-cow's head angle as 120-180).
  const headFacing: Facing = Math.abs(shoulder[0] - hip[0]) > Math.abs(shoulder[1] - hip[1]) ? (shoulder[0] >= hip[0] ? 1 : -1) : facing;
  const seen = (part: 'ear' | 'shoulder' | 'hip', p: PixelPoint) => (pose.landmarks[LANDMARK_INDEX[sideName(side, part)]].visibility >= MIN_VISIBILITY ? p : null);
  return {
    timestampMs,
    view,
    side,
    facing,
    headForwardDeg: headRefusal ? null : elevationDeg(shoulder, ear, headFacing),
    headForwardOffset: headRefusal || trunkRefusal || trunkLength === 0 ? null : ((ear[0] - shoulder[0]) * headFacing) / trunkLength,
    trunkExtensionDeg: trunkRefusal ? null : leanBackDeg(hip, shoulder, facing),
    refusals: { headForward: headRefusal, trunkExtension: trunkRefusal },
    sideViewHeld: headGate.viewHeld,
    points: { ear: seen('ear', ear), shoulder: seen('shoulder', shoulder), hip: seen('hip', hip) },
  };
}
