// Every fixture clip with its exercise, on both engines: the true count from MANIFEST.md, the
// bridge's top where it was held, and a reason when nothing is counted.
// The counting is the CLI's own (analyzeFile + exerciseOf, in-process, the frames shared with the
// other real-model tests through engine-frames.ts); tests/pose/exercise-cli.test.ts runs the
// command itself.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { figure } from '../figures';
import { exerciseOf, loadExercise, type ExerciseJson } from '../../tools/analyze/analyze';
import { closeEngineFrames, engineFrames } from './engine-frames';
import { COUNTED_CLIPS } from './fixtures';

const CLI_TIMEOUT_MS = 240_000;
/** The bridge clip: 30 fps, top held f18-f71 (MANIFEST.md). */
const BRIDGE_FRAME_MS = 1000 / 30;
const BRIDGE_TOP = [18, 71] as const;
/** "Top hold found within 0.2 s" of where it was held. */
const TOP_TOLERANCE_MS = 200;
/** Squats: 5 fps, standing again at f18 and f41; one frame either way (a threshold falls between frames). */
const SQUAT_FRAME_MS = 200;
const SQUAT_STANDING = [18, 41];
/**
 * Push-ups: 10 fps. A rep is counted on the frame the elbow is straight again (after smoothing);
 * MANIFEST.md's "back up" frames (f12, f21, f31, f42, f52) were read off the picture and are up to
 * 2 frames earlier.
 */
const PUSHUP_FRAME_MS = 100;
const PUSHUP_UP = [12, 21, 31, 42, 52];
const PUSHUP_COUNT_LAG_FRAMES = [0, 2] as const;

const CLIPS = COUNTED_CLIPS;

afterAll(async () => {
  await closeEngineFrames();
});

/** What `npm run analyze -- CLIP --engine E --exercise X --json` reports as `exercise`. */
async function count(engine: 'mediapipe' | 'tfjs', clip: string, exercise: string): Promise<ExerciseJson> {
  const counted = loadExercise(exercise);
  return exerciseOf(await engineFrames(clip, { engine }), counted);
}

describe.each(['mediapipe', 'tfjs'] as const)('%s engine, every clip with its exercise', (engine) => {
  it.each(CLIPS)('$clip with $exercise: $reps', { timeout: CLI_TIMEOUT_MS }, async ({ clip, exercise, reps }) => {
    const e = await count(engine, clip, exercise);
    figure(
      'clips',
      `${engine} ${path.basename(clip)} as ${path.basename(exercise)}`,
      { reps: e.reps, repAtMs: e.repAtMs, topsMs: e.repDetails.map((r) => [r.topStartMs, r.topEndMs]), framesNotCounted: e.framesNotCounted },
      `[clips] ${engine} ${path.basename(clip)}: ${e.reps} reps at ${JSON.stringify(e.repAtMs)}; tops ${JSON.stringify(e.repDetails.map((r) => [r.topStartMs, r.topEndMs]))}; not counted ${JSON.stringify(e.framesNotCounted)}`,
    );
    expect(e.reps).toBe(reps);
    if (reps === 0) {
      // Nobody is on all fours in the yoga flow: it says so.
      expect(e.framesNotCounted['wrong-position']).toBeGreaterThan(0);
      expect(e.why).toMatch(/on hands and knees/);
    } else {
      expect(e.why).toBeNull();
    }
    if (exercise === 'squat') e.repAtMs.forEach((atMs, i) => expect(Math.abs(atMs / SQUAT_FRAME_MS - SQUAT_STANDING[i])).toBeLessThanOrEqual(1));
    if (exercise === 'push-up') {
      e.repAtMs.forEach((atMs, i) => {
        const lag = atMs / PUSHUP_FRAME_MS - PUSHUP_UP[i];
        expect(lag).toBeGreaterThanOrEqual(PUSHUP_COUNT_LAG_FRAMES[0]);
        expect(lag).toBeLessThanOrEqual(PUSHUP_COUNT_LAG_FRAMES[1]);
      });
    }
    if (exercise === 'back-bridge') {
      const [top] = e.repDetails;
      expect(Math.abs(top.topStartMs! - BRIDGE_TOP[0] * BRIDGE_FRAME_MS)).toBeLessThanOrEqual(TOP_TOLERANCE_MS);
      expect(Math.abs(top.topEndMs! - BRIDGE_TOP[1] * BRIDGE_FRAME_MS)).toBeLessThanOrEqual(TOP_TOLERANCE_MS);
    }
  });
});
