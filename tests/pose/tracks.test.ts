// Landmark tracks in and out of `npm run analyze` on the real model's frames: a track written
// with --landmarks and read back measures as the video did (every fixture clip, its exercise,
// the snapshot, the range tests its clip or render is used for elsewhere); OpenPose keypoints
// made from the same frames count the same where the format has the landmarks, and are refused
// by name where it does not; and the CLI itself as a separate process (--landmarks, --trc, a
// track as input, exit codes of bad tracks). The engine's frames come from the shared cache
// (engine-frames.ts, the same runs as clips.test.ts and the range tests): no model is run for
// this file except the CLI's own small runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getExercise, parseExercise, type Exercise } from '../../lib/exercise';
import { LANDMARK_INDEX, type LandmarkName } from '../../lib/pose/landmarks';
import type { RangeTestId } from '../../lib/range';
import { parseTrackJsonl } from '../../lib/tracks/jsonl';
import { OPENPOSE_KEYPOINTS, type OpenPoseFormat } from '../../lib/tracks/openpose';
import { exerciseTrackRefusal, rangeTrackRefusal } from '../../lib/tracks/refusals';
import { readTrc } from '../../lib/tracks/test-trc';
import { exerciseOf, landmarksLine, loadExercise, rangeOf, snapshotOf, type FrameResult } from '../../tools/analyze/analyze';
import { readTrack } from '../../tools/analyze/tracks';
import { closeEngineFrames, engineRun } from './engine-frames';
import { COUNTED_CLIPS, fixture, runAnalyzeCli } from './fixtures';

const HOOK_TIMEOUT_MS = 900_000;
const TEST_TIMEOUT_MS = 600_000;
/** Angles within 0.01° (the blocks round to 0.01°, so a rounding edge may move one by 0.01). */
const ANGLE_EPSILON = 0.01 + 1e-9;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tracks-'));
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await closeEngineFrames();
});

const CLIPS = COUNTED_CLIPS;

/** The clips the range check's tests are run on elsewhere (range-renders.test.ts, range-real.test.ts), with the second look for others as there. */
const RANGE_CLIPS: readonly { clip: string; test: RangeTestId }[] = [
  { clip: 'synthetic/clips/rotation_A-near.mp4', test: 'rotation' },
  { clip: 'synthetic/clips/flexion_A-near.mp4', test: 'overhead-reach' },
  { clip: 'synthetic/clips/extension_A-near.mp4', test: 'standing-extension' },
  { clip: 'videos/tfjs_pose_squats.mp4', test: 'rotation' },
];

/** The stills the snapshot and range tests read (range-real.test.ts), each read by every test and the snapshot. */
const STILLS = [
  'images/sports2d_f150_walker_side_view_crop.jpg',
  'images/mpdocs_pushup_side_up.jpg',
  'images/mpsamples_seated_woman.jpg',
  'images/tfjs_squat_f000_standing.jpg',
  'images/skimage_astronaut_PD.png',
];
const RANGE_TESTS: readonly RangeTestId[] = ['head-position', 'standing-extension', 'overhead-reach', 'rotation'];

let written = 0;
/** The frames written as `--landmarks` writes them, and read back as `npm run analyze TRACK.jsonl` reads them. */
async function throughJsonl(frames: readonly FrameResult[], world = true) {
  const file = path.join(tmp, `t${written++}.jsonl`);
  writeFileSync(file, frames.map((f) => landmarksLine(f, { world }) + '\n').join(''));
  return readTrack(file, 'jsonl');
}

/** The same result: equal, with numbers within 0.01 (angles; times and counts are whole and must be equal). */
function expectSame(actual: unknown, expected: unknown, where = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > ANGLE_EPSILON) throw new Error(`${where}: ${actual}, expected ${expected}`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) throw new Error(`${where}: ${actual.length} items, expected ${expected.length}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    expected.forEach((e, i) => expectSame(actual[i], e, `${where}[${i}]`));
    return;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = Object.keys(expected).sort();
    if (JSON.stringify(Object.keys(actual).sort()) !== JSON.stringify(keys)) throw new Error(`${where}: keys ${Object.keys(actual)}, expected ${keys}`);
    for (const k of keys) expectSame((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${where}.${k}`);
    return;
  }
  if (actual !== expected) throw new Error(`${where}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

describe('a track written with --landmarks measures as its video did', () => {
  it.each(CLIPS)('$clip: $exercise and the snapshot', { timeout: TEST_TIMEOUT_MS }, async ({ clip, exercise, reps }) => {
    const run = await engineRun(clip, { engine: 'mediapipe' });
    const track = await throughJsonl(run.frames);
    expect(track.summary.fps).toBe(run.summary.fps);
    expect(track.summary.track.world).toBe(true);
    const e = loadExercise(exercise);
    const video = exerciseOf(run.frames, e);
    expect(video.reps).toBe(reps);
    expectSame(exerciseOf(track.frames, e), video, 'exercise');
    expectSame(snapshotOf(track.frames), snapshotOf(run.frames), 'snapshot');
  });

  it.each(RANGE_CLIPS)('$clip: the $test test', { timeout: TEST_TIMEOUT_MS }, async ({ clip, test }) => {
    const run = await engineRun(clip, { engine: 'mediapipe', lookForOthers: true });
    const track = await throughJsonl(run.frames);
    expectSame(rangeOf(track.frames, test), rangeOf(run.frames, test), 'range');
    expectSame(snapshotOf(track.frames), snapshotOf(run.frames), 'snapshot');
  });

  it.each(STILLS)('%s: the snapshot and every range test as a still', { timeout: TEST_TIMEOUT_MS }, async (still) => {
    const run = await engineRun(still, { engine: 'mediapipe', lookForOthers: true });
    const track = await throughJsonl(run.frames);
    expect(track.summary.fps).toBeNull();
    expectSame(snapshotOf(track.frames), snapshotOf(run.frames), 'snapshot');
    for (const test of RANGE_TESTS) expectSame(rangeOf(track.frames, test, { still: true }), rangeOf(run.frames, test, { still: true }), test);
  });
});

/** OpenPose keypoints of a format from the engine's frames: [x_px, y_px, visibility as confidence]; its own points (neck, mid-hip, small toes) from their neighbours. */
function toOpenPose(frames: readonly FrameResult[], format: OpenPoseFormat, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const at = (f: FrameResult, n: LandmarkName) => {
    const l = f.pose!.landmarks[LANDMARK_INDEX[n]];
    return [l.x * f.width, l.y * f.height, l.visibility];
  };
  const mid = (a: number[], b: number[]) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, Math.min(a[2], b[2])];
  const own: Record<number, (f: FrameResult) => number[]> =
    format === 'BODY_25'
      ? { 1: (f) => mid(at(f, 'left_shoulder'), at(f, 'right_shoulder')), 8: (f) => mid(at(f, 'left_hip'), at(f, 'right_hip')), 20: (f) => at(f, 'left_foot_index'), 23: (f) => at(f, 'right_foot_index') }
      : {};
  for (const f of frames) {
    const people = f.pose ? [{ person_id: [-1], pose_keypoints_2d: OPENPOSE_KEYPOINTS[format].flatMap((n, i) => (n ? at(f, n) : (own[i]?.(f) ?? [0, 0, 0]))) }] : [];
    writeFileSync(path.join(dir, `clip_${String(f.frame).padStart(12, '0')}_keypoints.json`), JSON.stringify({ version: 1.3, people }));
  }
}

/** An ankle bend read from the toes: BODY_25 has them (big toe), COCO-17 does not. */
const ANKLE: Exercise = parseExercise({ id: 'ankle-bend', kind: 'reps', signal: { type: 'joint-angle', landmarks: ['near_knee', 'near_ankle', 'near_foot_index'] }, enterDeg: 100, exitDeg: 110 });

describe('OpenPose keypoints made from the same frames', () => {
  const COUNTED = CLIPS.filter((c) => c.reps > 0);
  it.each((['COCO-17', 'BODY_25'] as const).flatMap((format) => COUNTED.map((c) => ({ format, ...c }))))(
    '$format from $clip: $reps $exercise',
    { timeout: TEST_TIMEOUT_MS },
    async ({ format, clip, exercise, reps }) => {
      const run = await engineRun(clip, { engine: 'mediapipe' });
      const dir = path.join(tmp, `${format}-${path.basename(clip)}`);
      toOpenPose(run.frames, format, dir);
      const track = await readTrack(dir, 'openpose', { fps: run.summary.fps!, size: { width: run.summary.width, height: run.summary.height } });
      expect(track.summary.track).toMatchObject({ format, world: false, depth: false, fpsFrom: '--fps', sizeFrom: '--size' });
      expect(track.frames.map((f) => f.timestampMs)).toEqual(run.frames.map((f) => f.timestampMs));
      const e = loadExercise(exercise);
      expect(exerciseTrackRefusal(e, track.content)).toBeNull();
      expect(exerciseOf(track.frames, e).reps).toBe(reps);
      // What the format lacks is refused by name; what it has is not.
      const ankle = exerciseTrackRefusal(ANKLE, track.content);
      if (format === 'COCO-17') expect(ankle).toEqual({ code: 'track-lacks-landmark', message: expect.stringContaining('needs the left toes and right toes, which COCO-17 tracks do not have') });
      else expect(ankle).toBeNull();
      expect(rangeTrackRefusal('rotation', track.content)?.code).toBe('track-lacks-depth');
    },
  );
});

describe('npm run analyze with tracks, as a separate process', () => {
  it('a video to --landmarks and --trc, then the track back in: the same blocks; the TRC holds its world landmarks', { timeout: TEST_TIMEOUT_MS }, async () => {
    // A short clip, tfjs lite in Node: the CLI's own engine run is the cost of this test.
    const clip = path.join(tmp, 'squats4.mp4');
    const made = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', fixture('videos/tfjs_pose_squats.mp4'), '-frames:v', '6', '-vf', 'scale=360:640', clip]);
    expect(made.status, made.stderr?.toString()).toBe(0);
    const jsonl = path.join(tmp, 'squats4.jsonl');
    const trc = path.join(tmp, 'squats4.trc');
    const options = ['--snapshot', '--exercise', 'squat', '--range', 'overhead-reach', '--json'];
    const video = await runAnalyzeCli([clip, '--engine', 'tfjs', '--model', 'lite', '--landmarks', jsonl, '--trc', trc, ...options]);
    expect(video.code, video.stderr).toBe(0);
    const back = await runAnalyzeCli([jsonl, ...options]);
    expect(back.code, back.stderr).toBe(0);
    const a = JSON.parse(video.stdout) as Record<string, unknown>;
    const b = JSON.parse(back.stdout) as Record<string, unknown>;
    expect(b).toMatchObject({ file: jsonl, engine: null, model: null, frames: 6, fps: 5, width: 360, height: 640, track: { format: 'JSONL', world: true } });
    for (const block of ['snapshot', 'exercise', 'range']) expectSame(b[block], a[block], block);
    const track = parseTrackJsonl(readFileSync(jsonl, 'utf8'));
    const t = readTrc(readFileSync(trc, 'utf8'));
    expect(t).toMatchObject({ fileName: 'squats4.trc', rate: 5, numFrames: 6, units: 'm' });
    expect(t.markerNames).toHaveLength(33);
    t.frames.forEach((f, i) => f.markers.forEach((m, j) => expect(m).toEqual(track[i].world![j].slice(0, 3))));
    // --no-world leaves them out.
    const flat = path.join(tmp, 'flat.jsonl');
    const again = await runAnalyzeCli([jsonl, '--landmarks', flat, '--no-world']);
    expect(again.code, again.stderr).toBe(0);
    expect(parseTrackJsonl(readFileSync(flat, 'utf8')).every((f) => f.world === undefined)).toBe(true);
  });

  it('an OpenPose folder: a count, a refusal by name (exit 0), the defaults it took said on stderr', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await engineRun('videos/tfjs_pose_squats.mp4', { engine: 'mediapipe' });
    const dir = path.join(tmp, 'cli-coco');
    toOpenPose(run.frames, 'COCO-17', dir);
    const ankle = path.join(tmp, 'ankle.json');
    writeFileSync(ankle, JSON.stringify({ id: 'ankle-bend', kind: 'reps', signal: { type: 'joint-angle', landmarks: ['near_knee', 'near_ankle', 'near_foot_index'] }, enterDeg: 100, exitDeg: 110 }));
    const [squat, refused, trc] = await Promise.all([
      runAnalyzeCli([dir, '--exercise', 'squat', '--fps', '5', '--size', '720x1280', '--json']),
      runAnalyzeCli([dir, '--exercise', ankle, '--json']),
      runAnalyzeCli([dir, '--trc', path.join(tmp, 'coco.trc')]),
    ]);
    expect(squat.code, squat.stderr).toBe(0);
    expect(JSON.parse(squat.stdout)).toMatchObject({ fps: 5, width: 720, height: 1280, track: { format: 'COCO-17' }, exercise: { reps: 2 } });
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stderr).toContain('no --fps given: OpenPose files hold no frame rate, 30 fps taken');
    expect(refused.stderr).toMatch(/no --size given: .* taken/);
    expect(JSON.parse(refused.stdout).exercise.refused).toEqual({ code: 'track-lacks-landmark', message: expect.stringContaining('which COCO-17 tracks do not have') });
    expect(trc.code).toBe(1);
    expect(trc.stderr).toMatch(/^error: .*coco\.trc: no frame has world landmarks/m);
  });

  it('bad tracks: a plain error naming the file and line, exit 1, nothing measured', { timeout: TEST_TIMEOUT_MS }, async () => {
    const good = Array.from({ length: 33 }, (_, i) => [10 + i, 20 + i, 0, 0.9]);
    const line = (frame: number, timestampMs: number, landmarks: unknown = good) => JSON.stringify({ frame, timestampMs, landmarks, width: 100, height: 200, peopleCount: 1 });
    const cases = [
      { name: 'empty.jsonl', text: '', error: 'the track has no frames' },
      { name: 'notjson.jsonl', text: `${line(0, 0)}\n{"frame": 1,\n`, error: 'line 2: not JSON' },
      { name: 'count.jsonl', text: `${line(0, 0, good.slice(1))}\n`, error: 'line 1: "landmarks" must have 33 landmarks' },
      { name: 'nan.jsonl', text: `${line(0, 0).replace('[[10,', '[[NaN,')}\n`, error: 'line 1: not JSON' },
      { name: 'order.jsonl', text: `${line(0, 0)}\n${line(2, 400)}\n${line(1, 200)}\n`, error: 'line 3: frame 1 comes after frame 2' },
      { name: 'truncated.jsonl', text: `${line(0, 0)}\n${line(1, 200).slice(0, 50)}`, error: 'line 2: not JSON: the file ends in the middle of a line' },
    ];
    const runs = await Promise.all(
      cases.map((c) => {
        const file = path.join(tmp, c.name);
        writeFileSync(file, c.text);
        return runAnalyzeCli([file, '--exercise', 'squat', '--json']).then((r) => ({ ...c, file, r }));
      }),
    );
    for (const { file, error, r } of runs) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    const usage = await runAnalyzeCli([fixture('images/mpdocs_pushup_side_up.jpg'), '--fps', '5']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--fps and --size are for OpenPose input');
  });
});
