// npm run bench:counting: the per-frame cost of counting (angles from the pose, One Euro
// filter, counter reducer) on a 10,000-frame trace of real landmarks: Google's golden squat
// landmarks (65 frames at 5 fps) repeated with time offsets. Prints a table and writes
// bench-results/counting.json. Budget: 0.05 ms a frame (a 30 fps camera gives 33 ms).
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCounter, createExerciseTracker, createSignalSmoother, getExercise, sampleFromPose, stepCounter, type Exercise, type ExerciseSample } from '../../lib/exercise';
import { LANDMARK_COUNT } from '../../lib/pose/landmarks';
import { poseFromPixels } from '../../lib/pose/from-pixels';
import type { Pose } from '../../lib/pose/types';
import { ROOT } from '../harness/server';

const FIXTURES = process.env.POSE_FIXTURES_DIR ?? path.resolve(ROOT, '../shared/fixtures');
const ANNOTATIONS = path.join(FIXTURES, 'annotations/tfjs_pose_squats.full.json');
const SIZE = { width: 720, height: 1280 } as const;
const CLIP_FRAME_MS = 200;
const FRAMES = 10_000;
const RUNS = 7;
const BUDGET_MS_PER_FRAME = 0.05;
/** Holds on this trace: the standing phases between squats (as in tests/pose/exercise-cli.test.ts). */
const STANDING_HOLD: Exercise = {
  id: 'standing-knee-hold',
  name: 'Standing (knee straight)',
  stage: null,
  kind: 'hold',
  signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_knee', 'near_ankle'] },
  enterDeg: 165,
  exitDeg: 160,
  targetSeconds: 1.5,
};
const EXERCISES: readonly Exercise[] = [...['squat', 'push-up', 'wall-extension-hold', 'cat-cow'].map((id) => getExercise(id)!), STANDING_HOLD];
const OUT_FILE = path.join(ROOT, 'bench-results/counting.json');

/** The golden annotations are [x_px, y_px, z] per landmark (z scaled like x); they carry no visibility. */
function loadTrace(): Pose[] {
  const clip = JSON.parse(readFileSync(ANNOTATIONS, 'utf8')) as number[][][];
  if (!clip.length || clip.some((f) => f.length !== LANDMARK_COUNT)) throw new Error(`${ANNOTATIONS}: expected frames of ${LANDMARK_COUNT} landmarks`);
  return Array.from({ length: FRAMES }, (_, i) => {
    return poseFromPixels(clip[i % clip.length], SIZE.width, SIZE.height, i * CLIP_FRAME_MS);
  });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Median over RUNS of the total time of `body`, after one warm-up run, in ms per frame. */
function time(body: () => void): number {
  body();
  const totals: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    body();
    totals.push(performance.now() - start);
  }
  return median(totals) / FRAMES;
}

interface Row {
  readonly exercise: string;
  readonly anglesMs: number;
  readonly filterMs: number;
  readonly counterMs: number;
  readonly totalMs: number;
  readonly reps: number;
  readonly holds: number;
}

function benchOne(exercise: Exercise, poses: readonly Pose[]): Row {
  let samples: ExerciseSample[] = [];
  const anglesMs = time(() => {
    samples = poses.map((p) => sampleFromPose(exercise, p, p.timestampMs));
  });
  let smoothed: ExerciseSample[] = [];
  const filterMs = time(() => {
    const smoother = createSignalSmoother();
    smoothed = samples.map((s) => smoother.smooth(s));
  });
  const counterMs = time(() => {
    let state = createCounter(exercise, { targetReps: null });
    for (const s of smoothed) state = stepCounter(state, s).state;
  });
  let reps = 0;
  let holds = 0;
  const totalMs = time(() => {
    const tracker = createExerciseTracker(exercise, { targetReps: null });
    for (const p of poses) tracker.push(p, p.timestampMs);
    reps = tracker.summary().reps;
    holds = tracker.summary().holds.length;
  });
  return { exercise: exercise.id, anglesMs, filterMs, counterMs, totalMs, reps, holds };
}

const fmt = (v: number) => v.toFixed(4);

async function main(): Promise<number> {
  const poses = loadTrace();
  const rows = EXERCISES.map((exercise) => benchOne(exercise, poses));
  console.log(`counting, ${FRAMES} frames of real landmarks (median of ${RUNS} runs), ms per frame:\n`);
  console.log('| exercise | angles | filter | counter | all (tracker.push) | reps | holds |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.exercise} | ${fmt(r.anglesMs)} | ${fmt(r.filterMs)} | ${fmt(r.counterMs)} | ${fmt(r.totalMs)} | ${r.reps} | ${r.holds} |`);
  const worst = Math.max(...rows.map((r) => r.totalMs));
  const ok = worst <= BUDGET_MS_PER_FRAME;
  console.log(`\nworst: ${fmt(worst)} ms/frame (budget ${BUDGET_MS_PER_FRAME}): ${ok ? 'ok' : 'OVER BUDGET'}`);
  const result = {
    date: new Date().toISOString(),
    trace: `${path.relative(ROOT, ANNOTATIONS)} repeated to ${FRAMES} frames, ${CLIP_FRAME_MS} ms apart`,
    frames: FRAMES,
    runs: RUNS,
    timing: 'median total of each stage over the trace (after a warm-up run), divided by the frame count',
    budgetMsPerFrame: BUDGET_MS_PER_FRAME,
    worstMsPerFrame: worst,
    withinBudget: ok,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpuCount: os.cpus().length,
    results: rows,
  };
  await mkdir(path.dirname(OUT_FILE), { recursive: true });
  await writeFile(OUT_FILE, JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, OUT_FILE)}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
