// The routine drills as derived traces on real bodies (derive.ts says what is real and what is
// derived). Each returns the frames and the angle it moved, frame by frame, so a test can compare
// the signal with the known movement.
import { LANDMARK_INDEX, type LandmarkName } from '../../../lib/pose/landmarks';
import type { Pose } from '../../../lib/pose/types';
import { add, dir, meet, mul, noise, poseOf, realPose, sideBody, type Engine, type Joints, type Picture, type SideBody, type V } from './derive';

export interface DerivedFrame {
  readonly timestampMs: number;
  readonly pose: Pose;
  /** The angle the frame was built with (the drill's movement), degrees. */
  readonly movedDeg: number;
}

export const FPS = 15;
const TRUNK_PX = 130;

/** A smooth back-and-forth: 0 at the start and end of each period, 1 halfway. */
const wave = (t: number, periodMs: number) => (1 - Math.cos((2 * Math.PI * t) / periodMs)) / 2;

function picture(body: SideBody, seed: number, facing: 1 | -1 = 1, noisePx = 1.5): Picture {
  return { width: 960, height: 540, origin: [facing === 1 ? 330 : 630, 470], scale: TRUNK_PX / body.trunk, facing, noisePx, random: noise(seed) };
}

/** On all fours (hands under shoulders, knees under hips, shins on the floor), body axes. */
function allFours(body: SideBody): Joints['near'] & { trunkDir: V } {
  const arm = body.upperArm + body.forearm;
  const knee: V = [0, 0];
  const hip: V = [0, body.thigh];
  const slope = Math.asin(Math.max(-0.6, Math.min(0.6, (arm - body.thigh) / body.trunk)));
  const trunkDir: V = [Math.cos(slope), Math.sin(slope)];
  const shoulder = add(hip, mul(trunkDir, body.trunk));
  return { knee, hip, ankle: [-body.shin, 0], shoulder, elbow: [shoulder[0], arm - body.upperArm], wrist: [shoulder[0], 0], trunkDir };
}

/** The ear's elevation above the shoulder, in body axes, with the head turned by `turnDeg`. */
function earElevationDeg(body: SideBody, trunkDir: V, front: V, turnDeg: number): number {
  const [a, c] = body.head.get(`${body.near}_ear` as LandmarkName)!;
  const v = add(mul(trunkDir, a), mul(front, c));
  return (Math.atan2(v[1], v[0]) * 180) / Math.PI + turnDeg;
}

/**
 * Cat-cow on a real body: all fours from the push-up frame's lengths, the head turned about the
 * shoulder so that the ear's elevation follows `elevationsDeg` (e.g. the render's truth).
 */
export function catCowTrace(engine: Engine, elevationsDeg: readonly { timestampMs: number; deg: number }[], seed = 1): DerivedFrame[] {
  const body = sideBody(engine, 'pushup-top');
  const pic = picture(body, seed);
  const { trunkDir, ...near } = allFours(body);
  const front: V = [trunkDir[1], -trunkDir[0]];
  const base = earElevationDeg(body, trunkDir, front, 0);
  return elevationsDeg.map(({ timestampMs, deg }) => ({
    timestampMs,
    movedDeg: deg,
    // The ear swings about the shoulder; the face turns half as far (the neck bends too).
    pose: poseOf(body, { near, trunkDir, front, headTurnDeg: deg - base, faceTurnDeg: -(deg - base) / 2 }, pic, timestampMs),
  }));
}

/**
 * Table-top twists on a real body (the push-up frame's lengths), on forearms and knees: one hand
 * behind the head, its elbow swept from threaded under the body (`downDeg` of trunk rotation) up
 * towards the ceiling (`upDeg`), `reps` times, `periodMs` each. `twisting`: the arm nearer the
 * camera or the far one. `movedDeg`: the trunk's rotation; the elbow's elevation is about the
 * same angle (the upper arm points out to the side, turned with the trunk).
 */
export function twistTrace(engine: Engine, options: { twisting: 'near' | 'far'; reps: number; upDeg?: number; downDeg?: number; periodMs?: number; seed?: number; facing?: 1 | -1 }): DerivedFrame[] {
  const body = sideBody(engine, 'pushup-top');
  const { upDeg = 60, downDeg = -60, periodMs = 3000, reps, twisting } = options;
  const pic = picture(body, options.seed ?? 2, options.facing ?? 1);
  const knee: V = [0, 0];
  const hip: V = [0, body.thigh];
  // Forearms on the floor: the shoulders stand an upper arm high.
  const slope = Math.asin(Math.max(-0.6, Math.min(0.6, (body.upperArm - body.thigh) / body.trunk)));
  const trunkDir: V = [Math.cos(slope), Math.sin(slope)];
  const front: V = [trunkDir[1], -trunkDir[0]];
  const shoulder0 = add(hip, mul(trunkDir, body.trunk));
  const halfWidth = 0.3 * body.trunk;
  const frames: DerivedFrame[] = [];
  const total = (reps + 1) * periodMs;
  for (let t = 0; t <= total; t += 1000 / FPS) {
    // Start threaded under, sweep up and back down each period; half a period still at each end.
    const phase = t < periodMs / 2 || t > total - periodMs / 2 ? 0 : wave(t - periodMs / 2, periodMs);
    const rot = downDeg + (upDeg - downDeg) * phase;
    const s = Math.sin((rot * Math.PI) / 180);
    // The trunk turns about its long axis: the twisting side's shoulder rises, the other sinks.
    const up = add(shoulder0, [0, halfWidth * s]);
    const support = add(shoulder0, [0, -halfWidth * s * 0.5]);
    const supportArm = { shoulder: support, elbow: [support[0], 0] as V, wrist: [support[0] + body.forearm, 0] as V };
    const elbow = add(up, [0.25 * body.upperArm, 0.97 * body.upperArm * s]);
    const twistArm = { shoulder: up, elbow, wrist: add(up, [0.35 * body.trunk, 0.15 * body.trunk + 0.3 * body.upperArm * s]) };
    const legs = { hip, knee, ankle: [-body.shin, 0] as V };
    const joints: Joints =
      twisting === 'near'
        ? { near: { ...legs, ...twistArm }, far: { ...supportArm }, trunkDir, front }
        : { near: { ...legs, ...supportArm }, far: { ...twistArm }, trunkDir, front };
    frames.push({ timestampMs: Math.round(t), movedDeg: rot, pose: poseOf(body, joints, pic, Math.round(t)) });
  }
  return frames;
}

/**
 * Thoracic bridges on a real body (the lying bridge frame's lengths and head): sitting back on
 * the hands, feet flat, the hips lift towards a line with the shoulders and knees while one arm
 * reaches up and over the head; lower; the arms take turns. `liftDeg`: how far the hip rises, as
 * the thigh's angle from its sitting slope; `movedDeg`: the lift's fraction, 0 sitting to 100 at
 * the top, in percent.
 */
export function thoracicBridgeTrace(engine: Engine, options: { reps: number; lift?: number; periodMs?: number; seed?: number; reach?: boolean }): DerivedFrame[] {
  const body = sideBody(engine, 'bridge-lying');
  const { reps, lift = 1, periodMs = 3600, reach = true } = options;
  const pic = picture(body, options.seed ?? 3);
  const arm = body.upperArm + body.forearm;
  const ankle: V = [0, 0];
  const knee: V = [-0.2 * body.shin, 0.98 * body.shin];
  const sitHipY = 0.12 * body.trunk;
  const topHipY = knee[1] - 0.05 * body.trunk;
  const hipAt = (y: number): V => [knee[0] - Math.sqrt(Math.max(0, body.thigh ** 2 - (knee[1] - y) ** 2)), y];
  const sitHip = hipAt(sitHipY);
  // Hands planted behind the hips, a third of a trunk back.
  const hand: V = [sitHip[0] - 0.35 * body.trunk, 0];
  const frames: DerivedFrame[] = [];
  const total = (reps + 1) * periodMs;
  for (let t = 0; t <= total; t += 1000 / FPS) {
    const rep = Math.floor((t - periodMs / 2) / periodMs);
    const u = t < periodMs / 2 || t > total - periodMs / 2 ? 0 : lift * wave(t - periodMs / 2, periodMs);
    const hip = hipAt(sitHipY + (topHipY - sitHipY) * u);
    const shoulder = meet(hand, arm, hip, body.trunk);
    const trunkDir = mul(add(shoulder, mul(hip, -1)), 1 / body.trunk);
    // The front of the body: forward and up, sitting; straight up with the hips lifted.
    const front: V = [trunkDir[1], -trunkDir[0]];
    const supportElbow = add(shoulder, mul(add(hand, mul(shoulder, -1)), body.upperArm / arm));
    const support = { shoulder, elbow: supportElbow, wrist: hand };
    // The reaching arm: from hanging towards the hand (down and back) up over the head.
    const reachDeg = -100 + (reach ? 200 * u : 0);
    const reachDir = dir(reachDeg);
    const reaching = { shoulder, elbow: add(shoulder, mul(reachDir, body.upperArm)), wrist: add(shoulder, mul(reachDir, arm)) };
    const near = rep % 2 === 0 ? { ...support, hip, knee, ankle } : { ...reaching, hip, knee, ankle };
    const far = rep % 2 === 0 ? { ...reaching } : { ...support };
    frames.push({ timestampMs: Math.round(t), movedDeg: 100 * u, pose: poseOf(body, { near, far, trunkDir, front }, pic, Math.round(t)) });
  }
  return frames;
}

/**
 * Band pull-aparts on a real body facing the camera (the squats clip's first frame, arms at the
 * sides): the trunk, head and legs are the frame's own; the arms are set straight at shoulder
 * height, each swung out by a known horizontal abduction (`movedDeg`) from `restDeg` to `outDeg`
 * and back, `reps` times. The arm's length is the real one (hanging, seen facing the camera).
 * `raise`: how far the wrists pointing forward appear above the shoulders, in arm lengths (a
 * camera below the shoulders; 0.5: a phone on a table 2 m away), fading as the arms swing out.
 */
export function pullApartTrace(engine: Engine, options: { reps: number; restDeg?: number; outDeg?: number; raise?: number; periodMs?: number; seed?: number }): DerivedFrame[] {
  const real = realPose(engine, 'squat-standing');
  const { reps, restDeg = 5, outDeg = 80, raise = 0, periodMs = 2400 } = options;
  const random = noise(options.seed ?? 4);
  const W = real.imageWidth;
  const H = real.imageHeight;
  const at = (n: LandmarkName): V => [real.landmarks[LANDMARK_INDEX[n]].x * W, real.landmarks[LANDMARK_INDEX[n]].y * H];
  const frames: DerivedFrame[] = [];
  const total = (reps + 1) * periodMs;
  for (let t = 0; t <= total; t += 1000 / FPS) {
    const u = t < periodMs / 2 || t > total - periodMs / 2 ? 0 : wave(t - periodMs / 2, periodMs);
    const deg = restDeg + (outDeg - restDeg) * u;
    const landmarks = real.landmarks.map((l) => ({ ...l }));
    for (const side of ['left', 'right'] as const) {
      const shoulder = at(`${side}_shoulder`);
      const armLength = Math.hypot(...(add(at(`${side}_wrist`), mul(shoulder, -1)) as [number, number]));
      // Outwards is away from the other shoulder.
      const other = at(side === 'left' ? 'right_shoulder' : 'left_shoulder');
      const out = Math.sign(shoulder[0] - other[0]);
      const rad = (deg * Math.PI) / 180;
      const place = (name: LandmarkName, fraction: number) => {
        const x = shoulder[0] + out * fraction * armLength * Math.sin(rad) + 1.5 * random();
        const y = shoulder[1] - raise * fraction * armLength * Math.cos(rad) + 1.5 * random();
        landmarks[LANDMARK_INDEX[name]] = { ...landmarks[LANDMARK_INDEX[name]], x: x / W, y: y / H };
      };
      place(`${side}_elbow`, 0.5);
      place(`${side}_wrist`, 1);
      for (const hand of ['pinky', 'index', 'thumb'] as const) place(`${side}_${hand}`, 1.1);
    }
    frames.push({ timestampMs: Math.round(t), movedDeg: deg, pose: { ...real, landmarks, timestampMs: Math.round(t) } });
  }
  return frames;
}
