// Counts that survive small changes: every catalogue entry and example file with a real clip in
// the fixtures keeps its true count (MANIFEST.md) when its thresholds move by 3°, each threshold
// on its own and both together, on both engines. A count that holds only at its exact
// thresholds is fitted to its clip, not to the movement.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { figure } from '../figures';
import { CATALOGUE, type Exercise } from '../../lib/exercise';
import { MIN_HYSTERESIS_DEG, directionOf } from '../../lib/exercise/rules';
import { exerciseOf, loadExercise } from '../../tools/analyze/analyze';
import { closeGateBrowser, ENGINES, gateFrames } from './gate-frames';
import { ROOT } from './fixtures';

const SHIFT_DEG = 3;
const TIMEOUT_MS = 600_000;
const EXAMPLES = path.join(ROOT, 'examples');

/** Each entry with a real clip, and the clip's true count (MANIFEST.md). */
const CLIPS: Readonly<Record<string, { clip: string; reps: number }>> = {
  squat: { clip: 'videos/tfjs_pose_squats.mp4', reps: 2 },
  'push-up': { clip: 'videos/mpdocs_pushups_side_OVERLAY.mp4', reps: 5 },
  'back-bridge': { clip: 'videos/physioplus_bridge_side.mp4', reps: 1 },
  // Nobody is on all fours in the yoga flow: 0 cycles whatever the thresholds.
  'cat-cow': { clip: 'videos/mpdocs_yoga_flow_side_OVERLAY.mp4', reps: 0 },
  'prone-chest-lift': { clip: 'videos/quickpose_cobra_wings_prone_side_OVERLAY.mp4', reps: 3 },
};
/**
 * Beside the real clips, never instead of them: the rendered figure's cat-cow (synthetic/routine,
 * 5 cycles on all fours, side-on), the only clip of cat-cow actually being done.
 */
const RENDERED: Readonly<Record<string, { clip: string; reps: number }>> = {
  'cat-cow': { clip: 'synthetic/routine/catcow_A.mp4', reps: 5 },
  // The pull-apart from a camera below the shoulders (1.1 m), 6 reps, facing the camera.
  'band-pull-apart': { clip: 'synthetic/routine/pullapart_A.mp4', reps: 6 },
};
/** Catalogue entries no real clip shows (the fixtures have none of these movements). */
const NO_REAL_CLIP = ['wall-extension-hold', 'wall-facing-squat', 'swiss-ball-hip-extension-lowering', 'dumbbell-pullover', 'band-pull-apart', 'table-top-twist', 'thoracic-bridge'];

/**
 * The thresholds moved: each on its own by -3 and +3, both together by -3 and +3, and apart
 * (enter -3 / exit +3 and the reverse). A pair the validator would refuse (closer than
 * MIN_HYSTERESIS_DEG, or swapped round so the rep runs the other way) is left out: no file
 * could say it.
 */
function shifted(exercise: Exercise): { label: string; exercise: Exercise }[] {
  const moves: [number, number][] = [[0, 0]];
  for (const d of [-SHIFT_DEG, SHIFT_DEG]) moves.push([d, 0], [0, d], [d, d], [d, -d]);
  return moves
    .map(([enter, exit]) => ({ label: `enter ${exercise.enterDeg + enter} (${enter >= 0 ? '+' : ''}${enter}), exit ${exercise.exitDeg + exit} (${exit >= 0 ? '+' : ''}${exit})`, exercise: { ...exercise, enterDeg: exercise.enterDeg + enter, exitDeg: exercise.exitDeg + exit } }))
    .filter(({ exercise: e }) => Math.abs(e.enterDeg - e.exitDeg) >= MIN_HYSTERESIS_DEG && directionOf(e) === directionOf(exercise));
}

async function entries(): Promise<Exercise[]> {
  const files = (await readdir(EXAMPLES)).filter((f) => f.endsWith('.json')).sort();
  return [...CATALOGUE, ...files.map((f) => loadExercise(path.join(EXAMPLES, f)))];
}

afterAll(async () => {
  await closeGateBrowser();
});

describe('every entry with a real clip', () => {
  it('is listed here with its clip, or as having none', async () => {
    const ids = (await entries()).map((e) => e.id);
    expect(ids.filter((id) => !(id in CLIPS) && !NO_REAL_CLIP.includes(id))).toEqual([]);
    expect(Object.keys(CLIPS).filter((id) => !ids.includes(id))).toEqual([]);
  });
});

describe.each(ENGINES)(`%s full: counts hold with the thresholds moved by ±${SHIFT_DEG}°`, (engine) => {
  it.each([...Object.entries(CLIPS), ...Object.entries(RENDERED).map(([id, c]) => [`${id} (rendered figure)`, c] as const)])('%s', { timeout: TIMEOUT_MS }, async (name, { clip, reps }) => {
    const id = name.replace(/ \(rendered figure\)$/, '');
    const exercise = (await entries()).find((e) => e.id === id)!;
    const frames = await gateFrames(engine, clip);
    const results = shifted(exercise).map(({ label, exercise: e }) => ({ label, reps: exerciseOf(frames, e).reps }));
    figure(
      'gate-thresholds',
      `${engine} ${id} on ${path.basename(clip)}: reps with the thresholds moved`,
      { trueCount: reps, ...Object.fromEntries(results.map((r) => [r.label, r.reps])) },
      `[gate-thresholds] ${engine} ${id} on ${path.basename(clip)} (true count ${reps}): ${results.map((r) => `${r.label}: ${r.reps}`).join('; ')}`,
    );
    expect(results.length).toBeGreaterThanOrEqual(7);
    for (const r of results) expect(r.reps, r.label).toBe(reps);
  });
});
