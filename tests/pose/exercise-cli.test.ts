// `npm run analyze -- --exercise` with exercise files (holds from JSON, invalid files). The
// counts of every clip with its catalogue exercise, on both engines, are in clips.test.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from '../figures';
import type { AnalyzeSummary, ExerciseJson } from '../../tools/analyze/analyze';
import { fixture, runAnalyzeCli } from './fixtures';

const SQUATS = fixture('videos/tfjs_pose_squats.mp4');
const CLI_TIMEOUT_MS = 240_000;
/** Squat clip: 5 fps, frame i at i * 200 ms. */
const SQUAT_FRAME_MS = 200;
/** One frame either way: where exactly a threshold is crossed between two frames is a matter of a few degrees. */
const FRAME_TOLERANCE = 1;
/** Standing still (MANIFEST.md), inclusive frame ranges. */
const STILL_PHASES = [
  [18, 27],
  [41, 51],
] as const;
/**
 * "Standing" as a hold: knee within 15 deg of straight starts it, under 160 deg (bending into the
 * next squat) ends it; the 5 deg gap is about twice the knee angle's frame-to-frame jitter.
 * Held for 1.5 s: both still phases last longer.
 */
const STANDING_HOLD = {
  id: 'standing-knee-hold',
  kind: 'hold',
  signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_knee', 'near_ankle'] },
  enterDeg: 165,
  exitDeg: 160,
  targetSeconds: 1.5,
};

type Output = AnalyzeSummary & { exercise: ExerciseJson };

const cli = runAnalyzeCli;

async function count(file: string, exercise: string): Promise<Output> {
  const r = await cli([file, '--exercise', exercise, '--json']);
  if (r.code !== 0) throw new Error(`analyze exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Output;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'exercise-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run analyze -- --exercise', () => {
  it('a standing hold from a JSON file finds the two still phases of the squat clip', { timeout: CLI_TIMEOUT_MS }, async () => {
    const file = path.join(dir, 'standing.json');
    await writeFile(file, JSON.stringify(STANDING_HOLD));
    const e = (await count(SQUATS, file)).exercise;
    figure('exercise-cli', 'standing-knee hold on the squats clip: holds', e.holds, `[exercise-cli] standing holds: ${JSON.stringify(e.holds)}`);
    expect(e).toMatchObject({ id: 'standing-knee-hold', kind: 'hold', reps: 2, shortHolds: 0 });
    expect(e.holds).toHaveLength(2);
    // A hold runs from the first frame past enterDeg to the first frame back past exitDeg (that
    // frame not included): a hold over frames a..b lasts (b + 1 - a) x 200 ms, so the still
    // phases f18-f27 and f41-f51 are 2.0 s and 2.2 s, and end at the timestamps of f28 and f52.
    e.holds.forEach((hold, i) => {
      const [first, last] = STILL_PHASES[i];
      expect(hold.completed).toBe(true);
      expect(Math.abs(hold.startMs / SQUAT_FRAME_MS - first)).toBeLessThanOrEqual(FRAME_TOLERANCE);
      expect(Math.abs(hold.endMs / SQUAT_FRAME_MS - (last + 1))).toBeLessThanOrEqual(FRAME_TOLERANCE);
      expect(Math.abs(hold.durationMs - (last + 1 - first) * SQUAT_FRAME_MS)).toBeLessThanOrEqual(FRAME_TOLERANCE * SQUAT_FRAME_MS);
      expect(hold.medianDeg).toBeGreaterThanOrEqual(STANDING_HOLD.enterDeg);
    });
  });

  it('an invalid exercise file exits 2 with the field and the reason, before reading any frame', async () => {
    const file = path.join(dir, 'typo.json');
    await writeFile(file, JSON.stringify({ ...STANDING_HOLD, signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_kne', 'near_ankle'] } }));
    const r = await cli([SQUATS, '--exercise', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--exercise ${file}: signal.landmarks[1]: "near_kne" is not a landmark name; use a BlazePose name such as "left_knee", or "near_knee"`);
    const unknown = await cli([SQUATS, '--exercise', 'squats']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"squats" is neither a catalogue exercise \(.*squat.*\) nor a readable JSON file/);
    const notJson = path.join(dir, 'not.json');
    await writeFile(notJson, '{ "id": ');
    const broken = await cli([SQUATS, '--exercise', notJson]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('is not valid JSON');
  });
});
