// The daily routine's drills on landmarks without an engine: the pull-apart's exact truth seen
// from many cameras (pinhole projection of the render's 3D joints), and derived traces on real
// bodies (tests/pose/traces: real landmarks of one frame, moved by known angles; no footage of
// the twist or the thoracic bridge exists). The engines on the rendered clips and the real clips
// are in tests/pose/routine-drills.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { figure, round } from '../../tests/figures';
import type { NormalizedLandmark, Pose, WorldLandmark } from '../pose/types';
import { LANDMARK_INDEX, type LandmarkName } from '../pose/landmarks';
import { getExercise } from './catalogue';
import { armSpreadDeg, sampleFromPose } from './signal';
import { createExerciseTracker } from './tracker';
import { catCowTrace, pullApartTrace, thoracicBridgeTrace, twistTrace, type DerivedFrame } from '../../tests/pose/traces/drills';
import { realPose, type Engine } from '../../tests/pose/traces/derive';

const FIXTURES = process.env.POSE_FIXTURES_DIR ?? path.resolve(__dirname, '../../../shared/fixtures');
const ENGINES: readonly Engine[] = ['mediapipe', 'tfjs'];
/**
 * The projected truth's estimate against the true abduction, at any moment of the swing: 9-17
 * deg at worst from 2.2 m and further; up to 35 deg from 1.8 m, mid-swing (the wrists nearer the
 * camera look wider; the counted ends stay apart: forward under 12, out over 70).
 */
const SPREAD_TOLERANCE_DEG = 18;
const SPREAD_TOLERANCE_NEAR_DEG = 36;
/** A derived trace's signal against the angle it was built with. */
const DERIVED_TOLERANCE_DEG = 8;

interface PullApartTruth {
  readonly timestampMs: number;
  readonly horizontalAbductionEachArmDeg: number;
  readonly joints3dWorldM: Readonly<Record<string, readonly [number, number, number]>>;
}

const truthOf = <T>(name: string): T[] =>
  readFileSync(path.join(FIXTURES, 'synthetic/routine', name), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T);

/** BlazePose names for the render's joints (l_ and r_ are the figure's own sides). */
const JOINTS: Readonly<Record<string, LandmarkName>> = {
  l_shoulder: 'left_shoulder', r_shoulder: 'right_shoulder', l_elbow: 'left_elbow', r_elbow: 'right_elbow', l_wrist: 'left_wrist', r_wrist: 'right_wrist',
  l_hip: 'left_hip', r_hip: 'right_hip', l_knee: 'left_knee', r_knee: 'right_knee', l_ankle: 'left_ankle', r_ankle: 'right_ankle', l_ear: 'left_ear', r_ear: 'right_ear', nose: 'nose',
};

/**
 * The render's 3D joints (metres, y up, floor at -0.7, the camera on +z looking back) through a
 * level pinhole camera `heightM` above the floor and `distanceM` away, 1280 x 960 pixels with a
 * 90 deg vertical field (wide enough that the whole figure stays in view from 1.8 m on a table;
 * the field does not change any ratio the signals read). Landmarks the render has no joint for
 * (eyes, mouth, hands, feet) sit at their nearest joint. The world landmarks are the true 3D
 * joints (the engines give theirs; the view is read from them).
 */
function project(joints: PullApartTruth['joints3dWorldM'], heightM: number, distanceM: number, timestampMs: number): Pose {
  const width = 1280;
  const height = 960;
  const f = height / 2 / Math.tan((45 * Math.PI) / 180);
  const cameraY = heightM - 0.7;
  const at = (p: readonly [number, number, number]): NormalizedLandmark => {
    const depth = distanceM - p[2];
    return { x: (width / 2 + (f * p[0]) / depth) / width, y: (height / 2 - (f * (p[1] - cameraY)) / depth) / height, z: -p[2], visibility: 0.99 };
  };
  const byName = new Map<LandmarkName, NormalizedLandmark>(Object.entries(JOINTS).map(([joint, name]) => [name, at(joints[joint])]));
  const nearest = (name: string): NormalizedLandmark => {
    if (byName.has(name as LandmarkName)) return byName.get(name as LandmarkName)!;
    const side = name.startsWith('left') ? 'left' : 'right';
    if (/pinky|index|thumb/.test(name)) return byName.get(`${side}_wrist`)!;
    if (/heel|foot/.test(name)) return byName.get(`${side}_ankle`)!;
    if (/eye/.test(name)) return byName.get(`${side}_ear`)!;
    return byName.get('nose')!;
  };
  const landmarks = Object.keys(LANDMARK_INDEX).map(nearest);
  const world = new Map<string, WorldLandmark>(Object.entries(JOINTS).map(([joint, name]) => [name, { xM: joints[joint][0], yM: -joints[joint][1], zM: -joints[joint][2], visibility: 0.99 }]));
  const worldLandmarks = Object.keys(LANDMARK_INDEX).map((name) => world.get(name) ?? world.get('nose')!);
  return { landmarks, worldLandmarks, imageWidth: width, imageHeight: height, peopleCount: 1, timestampMs };
}

function count(exerciseId: string, frames: readonly { pose: Pose | null; timestampMs: number }[]) {
  const tracker = createExerciseTracker(getExercise(exerciseId)!, { targetReps: null });
  const refused: Record<string, number> = {};
  const values: (number | null)[] = [];
  for (const f of frames) {
    tracker.push(f.pose, f.timestampMs);
    const s = tracker.lastSample!;
    values.push(s.valueDeg);
    if (s.status !== 'ok') refused[s.reason ?? s.status] = (refused[s.reason ?? s.status] ?? 0) + 1;
  }
  tracker.finish();
  return { reps: tracker.summary().reps, refused, values };
}

/** Largest |signal - moved| over the frames the signal was read (raw, per frame). */
function worstError(exerciseId: string, frames: readonly DerivedFrame[], moved: (f: DerivedFrame) => number = (f) => f.movedDeg): number {
  const exercise = getExercise(exerciseId)!;
  let worst = 0;
  for (const f of frames) {
    const v = sampleFromPose(exercise, f.pose, f.timestampMs).valueDeg;
    if (v !== null) worst = Math.max(worst, Math.abs(v - moved(f)));
  }
  return worst;
}

describe('band pull-apart: exact truth seen from a table to eye height', () => {
  const truth = truthOf<PullApartTruth>('pullapart_A.truth.jsonl');
  const cameras = [0.6, 0.8, 1.1, 1.4, 1.7].flatMap((h) => [1.8, 2.2, 2.8, 3.5].map((d) => [h, d] as const));

  it.each(cameras)('camera %s m high, %s m away: 6 reps; forward 5-15, out 65-80', (heightM, distanceM) => {
    const frames = truth.map((t) => ({ timestampMs: t.timestampMs, pose: project(t.joints3dWorldM, heightM, distanceM, t.timestampMs) }));
    const { reps, refused } = count('band-pull-apart', frames);
    expect(refused).toEqual({});
    expect(reps).toBe(6);
    const spread = truth.map((t, i) => [t.horizontalAbductionEachArmDeg, armSpreadDeg(frames[i].pose)!] as const);
    const forward = spread.filter(([a]) => a <= 5).map(([, e]) => e);
    const out = spread.filter(([a]) => a >= 79).map(([, e]) => e);
    expect(Math.max(...forward)).toBeLessThan(15);
    expect(Math.min(...out)).toBeGreaterThan(65);
    const worst = Math.max(...spread.map(([a, e]) => Math.abs(e - a)));
    figure(
      'exercise-routine-drills',
      `pull-apart truth from ${heightM} m high, ${distanceM} m away`,
      { reps, forwardUpTo: round(Math.max(...forward)), outFrom: round(Math.min(...out)), worstErrorDeg: round(worst) },
      `[routine-drills] pull-apart truth from ${heightM} m high, ${distanceM} m away: forward up to ${Math.max(...forward).toFixed(1)}, out from ${Math.min(...out).toFixed(1)}, worst error ${worst.toFixed(1)}`,
    );
    expect(worst).toBeLessThan(distanceM < 2 ? SPREAD_TOLERANCE_NEAR_DEG : SPREAD_TOLERANCE_DEG);
  });

  it('the angle at the nose, used before, never left the hands-forward range from below the shoulders', () => {
    // From 1.1 m (the render's camera) the wrists pointing forward show beside the head.
    const nose = (p: Pose) => sampleFromPose({ ...getExercise('band-pull-apart')!, signal: { type: 'joint-angle', landmarks: ['left_wrist', 'nose', 'right_wrist'] } }, p, 0).valueDeg!;
    const values = truth.map((t) => nose(project(t.joints3dWorldM, 0.6, 2.8, t.timestampMs)));
    expect(Math.min(...values)).toBeGreaterThan(100);
  });
});

describe.each(ENGINES)('%s real bodies, derived movement', (engine) => {
  it('band pull-apart: 6 reps with the forward arms looking raised (camera on a table); partial reps to 30 deg do not count', () => {
    const frames = pullApartTrace(engine, { reps: 6, raise: 0.5 });
    const { reps, refused } = count('band-pull-apart', frames);
    expect([reps, refused]).toEqual([6, {}]);
    expect(count('band-pull-apart', pullApartTrace(engine, { reps: 6, outDeg: 30 })).reps).toBe(0);
    figure('exercise-routine-drills', `derived, ${engine} body: pull-apart`, { reps, repsOfSwingsTo30Deg: count('band-pull-apart', pullApartTrace(engine, { reps: 6, outDeg: 30 })).reps }, null);
  });

  it('band pull-apart: the real frame itself, arms at the sides, reads under 20', () => {
    expect(armSpreadDeg(realPose(engine, 'squat-standing'))!).toBeLessThan(20);
  });

  it('cat-cow: the head moved as the render\'s truth moves it counts 5, and the signal follows it', () => {
    const truth = truthOf<{ timestampMs: number; headElevation2dNearSideDeg: number }>('catcow_A.truth.jsonl');
    const frames = catCowTrace(engine, truth.map((t) => ({ timestampMs: t.timestampMs, deg: t.headElevation2dNearSideDeg })));
    expect(count('cat-cow', frames).reps).toBe(5);
    expect(worstError('cat-cow', frames)).toBeLessThan(DERIVED_TOLERANCE_DEG);
    figure('exercise-routine-drills', `derived, ${engine} body: cat-cow`, { reps: count('cat-cow', frames).reps, worstErrorDeg: round(worstError('cat-cow', frames)) }, null);
  });

  it.each(['near', 'far'] as const)('table-top twist, the %s arm twisting: 8 reps; half twists (to +20) none', (twisting) => {
    const frames = twistTrace(engine, { twisting, reps: 8 });
    const { reps, refused } = count('table-top-twist', frames);
    expect([reps, refused]).toEqual([8, {}]);
    // The elbow's elevation is the trunk's turn, a little less (the elbow points a little forward).
    expect(worstError('table-top-twist', frames)).toBeLessThan(2 * DERIVED_TOLERANCE_DEG);
    expect(count('table-top-twist', twistTrace(engine, { twisting, reps: 8, upDeg: 20 })).reps).toBe(0);
    // Facing the other way counts the same.
    expect(count('table-top-twist', twistTrace(engine, { twisting, reps: 8, facing: -1 })).reps).toBe(8);
    figure('exercise-routine-drills', `derived, ${engine} body: table-top twist, ${twisting} arm`, { reps, worstErrorDeg: round(worstError('table-top-twist', frames)) }, null);
  });

  it('thoracic bridge: 10 lifts, the arms taking turns; lifts a third of the way none', () => {
    const frames = thoracicBridgeTrace(engine, { reps: 10 });
    const { reps, refused, values } = count('thoracic-bridge', frames);
    expect([reps, refused]).toEqual([10, {}]);
    const sitting = values.filter((_, i) => frames[i].movedDeg === 0) as number[];
    const top = values.filter((_, i) => frames[i].movedDeg > 99) as number[];
    expect(Math.max(...sitting)).toBeLessThan(110);
    expect(Math.min(...top)).toBeGreaterThan(165);
    figure('exercise-routine-drills', `derived, ${engine} body: thoracic bridge`, { reps, sittingMaxDeg: round(Math.max(...sitting)), topMinDeg: round(Math.min(...top)) }, null);
    expect(count('thoracic-bridge', thoracicBridgeTrace(engine, { reps: 10, lift: 0.33 })).reps).toBe(0);
  });

  it('nothing in the wrong position: each drill\'s trace counts 0 for the others', () => {
    const twist = twistTrace(engine, { twisting: 'near', reps: 8 });
    const bridge = thoracicBridgeTrace(engine, { reps: 10 });
    const pull = pullApartTrace(engine, { reps: 6 });
    expect(count('thoracic-bridge', twist).reps).toBe(0);
    expect(count('band-pull-apart', twist).reps).toBe(0);
    expect(count('table-top-twist', bridge).reps).toBe(0);
    expect(count('band-pull-apart', bridge).reps).toBe(0);
    expect(count('table-top-twist', pull).reps).toBe(0);
    expect(count('thoracic-bridge', pull).reps).toBe(0);
    // The lying bridge frame, still, and the push-up frame, still (2 s of each).
    for (const name of ['bridge-lying', 'pushup-top', 'squat-standing'] as const) {
      const still = Array.from({ length: 30 }, (_, i) => ({ timestampMs: i * 67, pose: realPose(engine, name, i * 67) }));
      for (const id of ['table-top-twist', 'thoracic-bridge', 'band-pull-apart', 'cat-cow']) expect(count(id, still).reps, `${id} on ${name}`).toBe(0);
    }
  });
});
