// Signed angles and body positions on traces built from real landmarks: lying flat with
// straight legs between two real bridges adds no rep; kneeling upright is not a plank.
// (No real footage of these moments exists in the fixtures: the traces move real joints, and
// the claim is only that the signal and the position rule tell these shapes apart.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLandmarkRecording } from '../../components/session/landmark-recording';
import { bodyPlacement } from '../../lib/angles/orientation';
import { createExerciseTracker, getExercise, parseExercise, type Exercise } from '../../lib/exercise';
import { LANDMARK_INDEX, LANDMARK_NAMES, type LandmarkName } from '../../lib/pose/landmarks';
import { poseFromPixels } from '../../lib/pose/from-pixels';
import type { Pose } from '../../lib/pose/types';
import { landmarksLine } from '../../tools/analyze/analyze';
import { closeEngineFrames, engineFrames } from './engine-frames';
import { readJson } from './fixtures';

const FPS = 30;
const FRAME_MS = 1000 / FPS;
type Px = number[][];

let bridge: { width: number; height: number; frames: Px[] };

beforeAll(async () => {
  // The lines `npm run analyze -- videos/physioplus_bridge_side.mp4 --landmarks OUT` writes
  // (mediapipe full, VIDEO mode), made from the frames the other real-model tests share.
  const frames = await engineFrames('videos/physioplus_bridge_side.mp4', { engine: 'mediapipe', lookForOthers: false });
  const lines = frames.map((f) => JSON.parse(landmarksLine(f)) as { landmarks: Px; width: number; height: number });
  bridge = { width: lines[0].width, height: lines[0].height, frames: lines.map((l) => l.landmarks) };
}, 240_000);

afterAll(async () => {
  await closeEngineFrames();
});

const idx = (name: LandmarkName) => LANDMARK_INDEX[name];
const sub = (a: number[], b: number[]) => [a[0] - b[0], a[1] - b[1]];
const len = (v: number[]) => Math.hypot(v[0], v[1]);

/** A lying frame with both legs stretched out along the floor, away from the shoulders. */
function straightLegs(frame: Px): Px {
  const out = frame.map((p) => [...p]);
  for (const side of ['left', 'right'] as const) {
    const shoulder = frame[idx(`${side}_shoulder`)];
    const hip = frame[idx(`${side}_hip`)];
    const knee = frame[idx(`${side}_knee`)];
    const ankle = frame[idx(`${side}_ankle`)];
    const axis = sub(hip, shoulder);
    const d = [axis[0] / len(axis), axis[1] / len(axis)];
    const thigh = len(sub(knee, hip));
    const shin = len(sub(ankle, knee));
    const at = (from: number[], by: number) => [from[0] + d[0] * by, from[1] + d[1] * by];
    const k = at(hip, thigh);
    const a = at(k, shin);
    const place = (name: LandmarkName, p: number[]) => (out[idx(name)] = [p[0], p[1], frame[idx(name)][2], frame[idx(name)][3]]);
    place(`${side}_knee`, k);
    place(`${side}_ankle`, a);
    place(`${side}_heel`, at(a, shin * 0.1));
    // Toes up, as lying on the back.
    place(`${side}_foot_index`, [a[0] + d[0] * shin * 0.1, a[1] - shin * 0.25]);
  }
  return out;
}

/** `frames` one after another, with half a second of movement between them. */
function sequence(parts: readonly Px[][]): Px[] {
  const out: Px[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    if (prev) {
      const next = part[0];
      for (let i = 1; i < FPS / 2; i++) {
        const t = i / (FPS / 2);
        out.push(prev.map((p, j) => p.map((v, k) => (k < 2 ? v + (next[j][k] - v) * t : v))));
      }
    }
    out.push(...part);
  }
  return out;
}

function count(exercise: Exercise, frames: readonly Px[], width: number, height: number) {
  const tracker = createExerciseTracker(exercise, { targetReps: null });
  frames.forEach((f, i) => tracker.push(poseFromPixels(f, width, height, i * FRAME_MS), i * FRAME_MS));
  tracker.finish();
  return tracker.summary();
}

/** The bridge before the signed signal: the unsigned shoulder-hip-knee angle. */
const UNSIGNED_BRIDGE = parseExercise({
  id: 'bridge-unsigned',
  kind: 'reps',
  signal: { type: 'joint-angle', landmarks: ['near_shoulder', 'near_hip', 'near_knee'] },
  enterDeg: 160,
  exitDeg: 140,
  minRepMs: 800,
});

describe('bridge with a straight-legs rest between reps', () => {
  it('the real clip is one bridge', () => {
    expect(count(getExercise('back-bridge')!, bridge.frames, bridge.width, bridge.height).reps).toBe(1);
  });

  it('lying flat with straight legs adds no rep; the unsigned angle counted it', () => {
    const rest = bridge.frames[2];
    const flat = Array.from({ length: 2 * FPS }, () => straightLegs(rest));
    const trace = sequence([bridge.frames, flat, bridge.frames]);
    const placement = bodyPlacement(poseFromPixels(flat[0], bridge.width, bridge.height, 0));
    expect(placement.position).toBe('supine');
    expect(count(getExercise('back-bridge')!, trace, bridge.width, bridge.height).reps).toBe(2);
    expect(count(UNSIGNED_BRIDGE, trace, bridge.width, bridge.height).reps).toBe(3);
  });
});

describe('a plank is not kneeling upright', () => {
  const golden = readJson<{ landmarks_px_xyz: Record<LandmarkName, [number, number, number]> }>('annotations/tfjs_squat_f000_standing.landmarks.json');
  const WIDTH = 720;
  const HEIGHT = 1280;
  const standing: Px = LANDMARK_NAMES.map((n) => [...golden.landmarks_px_xyz[n], 1]);
  const facing = Math.sign(standing[idx('nose')][0] - (standing[idx('left_ear')][0] + standing[idx('right_ear')][0]) / 2) || 1;

  /** Shins folded back along the floor: kneeling upright. */
  function kneeling(): Px {
    const out = standing.map((p) => [...p]);
    for (const side of ['left', 'right'] as const) {
      const knee = standing[idx(`${side}_knee`)];
      const shin = len(sub(standing[idx(`${side}_ankle`)], knee));
      for (const [part, by] of [['ankle', 1], ['heel', 1.05], ['foot_index', 1.2]] as const) {
        const name = `${side}_${part}` as LandmarkName;
        out[idx(name)] = [knee[0] - facing * shin * by, knee[1] + (part === 'foot_index' ? 0 : -4), standing[idx(name)][2], 1];
      }
    }
    return out;
  }

  /** The standing body tipped forward onto its face, arms straight down to the floor. */
  function plank(): Px {
    const pivot = standing[idx('left_ankle')];
    const angle = (facing * Math.PI) / 2;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const out = standing.map(([x, y, z, v]) => {
      const dx = x - pivot[0];
      const dy = y - pivot[1];
      return [pivot[0] + dx * c - dy * s, pivot[1] + dx * s + dy * c, z, v];
    });
    for (const side of ['left', 'right'] as const) {
      const shoulder = out[idx(`${side}_shoulder`)];
      const arm = len(sub(standing[idx(`${side}_wrist`)], standing[idx(`${side}_shoulder`)]));
      for (const [part, by] of [['elbow', 0.5], ['wrist', 1], ['pinky', 1.05], ['index', 1.05], ['thumb', 1.05]] as const) {
        const name = `${side}_${part}` as LandmarkName;
        out[idx(name)] = [shoulder[0], shoulder[1] + arm * by, out[idx(name)][2], 1];
      }
    }
    // Into a landscape picture, as a plank is filmed: scaled to fit, hands on the floor near the bottom.
    const xs = out.map((p) => p[0]);
    const scale = (PLANK_FRAME.width * 0.8) / (Math.max(...xs) - Math.min(...xs));
    const left = Math.min(...xs);
    const lowest = Math.max(...out.map((p) => p[1]));
    return out.map(([x, y, z, v]) => [(x - left) * scale + PLANK_FRAME.width * 0.1, (y - lowest) * scale + PLANK_FRAME.height * 0.85, z * scale, v]);
  }
  const PLANK_FRAME = { width: 1280, height: 720 };

  const PLANK = parseExercise({
    id: 'plank',
    kind: 'hold',
    position: 'prone',
    signal: { type: 'joint-angle', landmarks: ['near_shoulder', 'near_hip', 'near_knee'] },
    enterDeg: 165,
    exitDeg: 155,
    targetSeconds: 3,
  });
  /** The same shape with the hips pushed off the shoulder-knee line (a sag or a pike): where a hold starts from. */
  function bent(frame: Px): Px {
    const out = frame.map((p) => [...p]);
    for (const side of ['left', 'right'] as const) {
      const shoulder = frame[idx(`${side}_shoulder`)];
      const hip = frame[idx(`${side}_hip`)];
      const axis = sub(hip, shoulder);
      const n = [-axis[1] / len(axis), axis[0] / len(axis)];
      out[idx(`${side}_hip`)] = [hip[0] + n[0] * len(axis) * 0.35, hip[1] + n[1] * len(axis) * 0.35, hip[2], 1];
    }
    return out;
  }
  const hold = (frame: Px) => sequence([Array.from({ length: FPS }, () => bent(frame)), Array.from({ length: 5 * FPS }, () => frame), Array.from({ length: FPS }, () => bent(frame))]);
  const pose = (frame: Px): Pose => poseFromPixels(frame, WIDTH, HEIGHT, 0);

  it('the two shapes read as kneeling upright and face down', () => {
    expect(bodyPlacement(pose(kneeling())).position).toBe('standing');
    expect(bodyPlacement(poseFromPixels(plank(), PLANK_FRAME.width, PLANK_FRAME.height, 0)).position).toBe('prone');
  });

  it('a plank hold counts; kneeling upright, with the same straight shoulder-hip-knee line, does not', () => {
    expect(count(PLANK, hold(plank()), PLANK_FRAME.width, PLANK_FRAME.height).reps).toBe(1);
    const kneelingHold = count(PLANK, hold(kneeling()), WIDTH, HEIGHT);
    expect(kneelingHold.reps).toBe(0);
    expect(kneelingHold.holds).toEqual([]);
    // Without the position the two are the same to the counter.
    const anywhere = parseExercise({ ...PLANK, position: undefined, kind: 'hold' } as unknown as Record<string, unknown>);
    expect(count(anywhere, hold(kneeling()), WIDTH, HEIGHT).reps).toBe(1);
  });
});
