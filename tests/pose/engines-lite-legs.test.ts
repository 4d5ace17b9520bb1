// The lite model's legs (issue 19). Google's reference output for the official lite, full and
// heavy .task models on its own test photo (annotations/mpsamples_seated_woman.expected_landmarks.json)
// matches our lite on the ears, shoulders and hips to 0.01, but not on the knees, ankles and feet
// (0.045-0.108 here). The cause is the lite model itself, not our build of it: its leg landmarks
// on this photo are unstable. The same photo shifted by 2 pixels (the shift taken back out of
// the result) moves its knees and ankles by several hundredths of the picture while its
// shoulders and hips stay put; probed by hand, the same pixels decoded by ffmpeg instead of
// Chromium put the right ankle 0.26 from Google's, saved again at JPEG quality 95 0.34, against
// 0.10 as Chromium decodes the photo and 0.02 shifted, while the shoulders stay within 0.005 and
// the hips within 0.012 (full moves its legs up to 0.07 under the same changes, heavy 0.03).
// Google's reference was made on iOS, whose decoder lands on one branch of that instability.
// No build or setting of ours can make an unstable model stable, so every measure that reads a
// hip, knee or ankle angle runs on full instead (lib/pose/auto-model.ts, modelToRun), which
// passes the check on those landmarks.
import { mkdtemp, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure, round } from '../figures';
import { CATALOGUE, needOf } from '../../lib/exercise';
import { SNAPSHOT_NEED } from '../../lib/angles/quality';
import { LANDMARK_INDEX, resolveLandmark, type LandmarkName } from '../../lib/pose/landmarks';
import { measuresLegs, modelToRun } from '../../lib/pose/auto-model';
import type { ModelVariant, Pose } from '../../lib/pose/types';
import { closeEngineFrames, engineFrames } from './engine-frames';
import { fixture, normalizedErrors, readJson, worst, type GoldenByName } from './fixtures';

const run = promisify(execFile);
const SEATED_WOMAN = 'images/mpsamples_seated_woman.jpg';
/** The check lite passes on the posture landmarks (tests/pose/parity.test.ts), here on the hips, knees and ankles too. */
const TOLERANCE = 0.01;
const SHIFT_PX = 2;

const golden = readJson<{ readonly landmarks_normalized: Readonly<Record<ModelVariant, GoldenByName>> }>('annotations/mpsamples_seated_woman.expected_landmarks.json').landmarks_normalized;
const UPPER: readonly LandmarkName[] = ['left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'];
const LEGS: readonly LandmarkName[] = ['left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle'];
const KNEES_ANKLES: readonly LandmarkName[] = ['left_knee', 'right_knee', 'left_ankle', 'right_ankle'];

let dir: string;
let shifted: string;
const poses = new Map<string, Pose>();

async function poseOf(model: ModelVariant, file: string): Promise<Pose> {
  const key = `${model}|${file}`;
  if (!poses.has(key)) {
    // IMAGE mode with its default second look, the photo decoded by Chromium.
    const [{ pose }] = await engineFrames(file, { engine: 'mediapipe', model, lookForOthers: true });
    if (!pose) throw new Error(`${model}: nobody in ${file}`);
    poses.set(key, pose);
  }
  return poses.get(key)!;
}

/** Largest per-axis move of each landmark between two poses of one picture, the second shifted right by `dx` pixels. */
function moved(a: Pose, b: Pose, names: readonly LandmarkName[], dx: number): number {
  return Math.max(...names.map((n) => {
    const p = a.landmarks[LANDMARK_INDEX[n]];
    const q = b.landmarks[LANDMARK_INDEX[n]];
    return Math.max(Math.abs(p.x - (q.x - dx / a.imageWidth)), Math.abs(p.y - q.y));
  }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lite-legs-'));
  shifted = path.join(dir, 'shifted.png');
  // The photo moved 2 pixels to the right (its left edge repeated), otherwise unchanged.
  await run('ffmpeg', ['-v', 'error', '-y', '-i', fixture(SEATED_WOMAN), '-vf', `crop=iw-${SHIFT_PX}:ih:0:0,pad=iw+${SHIFT_PX}:ih:${SHIFT_PX}:0:color=black`, shifted]);
});

afterAll(async () => {
  await closeEngineFrames();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the lite model on Google\'s test photo', () => {
  it('matches Google\'s lite reference on the ears, shoulders and hips, not on the knees and ankles', { timeout: 120_000 }, async () => {
    const pose = await poseOf('lite', fixture(SEATED_WOMAN));
    const upper = worst(normalizedErrors(pose, golden.lite, UPPER));
    const legs = worst(normalizedErrors(pose, golden.lite, KNEES_ANKLES));
    figure(
      'engines-lite-legs',
      "lite vs Google's lite reference: max error (normalized)",
      { earsShouldersHips: round(upper.error, 4), earsShouldersHipsWorst: upper.name, kneesAnkles: round(legs.error, 4), kneesAnklesWorst: legs.name },
      `[lite-legs] lite vs Google's lite: ears/shoulders/hips ${upper.error.toFixed(4)} (${upper.name}), knees/ankles ${legs.error.toFixed(4)} (${legs.name})`,
    );
    expect(upper.error).toBeLessThanOrEqual(TOLERANCE);
    expect(legs.error).toBeGreaterThan(TOLERANCE);
  });

  it('is unstable in the legs: shifted by 2 pixels, its knees and ankles move by several times the tolerance, its shoulders and hips do not', { timeout: 120_000 }, async () => {
    const plain = await poseOf('lite', fixture(SEATED_WOMAN));
    const moved2 = await poseOf('lite', shifted);
    const upper = moved(plain, moved2, UPPER, SHIFT_PX);
    const legs = moved(plain, moved2, KNEES_ANKLES, SHIFT_PX);
    const full = moved(await poseOf('full', fixture(SEATED_WOMAN)), await poseOf('full', shifted), KNEES_ANKLES, SHIFT_PX);
    figure(
      'engines-lite-legs',
      `moved by a ${SHIFT_PX}-pixel shift (normalized)`,
      { liteEarsShouldersHips: round(upper, 4), liteKneesAnkles: round(legs, 4), fullKneesAnkles: round(full, 4) },
      `[lite-legs] moved by a ${SHIFT_PX}-pixel shift: lite ears/shoulders/hips ${upper.toFixed(4)}, lite knees/ankles ${legs.toFixed(4)}, full knees/ankles ${full.toFixed(4)}`,
    );
    expect(upper).toBeLessThanOrEqual(TOLERANCE);
    expect(legs).toBeGreaterThan(3 * TOLERANCE);
  });
});

describe('hips, knees and ankles are measured on full', () => {
  const legMeasures = CATALOGUE.filter((e) => measuresLegs(needOf(e).parts)).map((e) => ({ id: e.id, parts: needOf(e).parts }));

  it('every exercise that reads a hip, knee or ankle angle runs on full when lite is chosen or chosen automatically; posture snapshots may stay on lite', () => {
    expect(legMeasures.map((m) => m.id).length).toBeGreaterThanOrEqual(2);
    for (const m of legMeasures) {
      for (const automatic of [true, false]) expect(modelToRun('lite', { automatic, measures: m.parts }), m.id).toBe('full');
    }
    expect(modelToRun('lite', { automatic: false, measures: SNAPSHOT_NEED.parts })).toBe('lite');
  });

  it.each(['lite', 'full'] as const)('chosen %s: the model that runs passes Google\'s reference on the hips, knees and ankles', { timeout: 120_000 }, async (chosen) => {
    for (const m of legMeasures) {
      const model = modelToRun(chosen, { automatic: false, measures: m.parts });
      const names = [...new Set(m.parts.flatMap((p) => (['left', 'right'] as const).map((side) => resolveLandmark(p, side))))].filter((n) => LEGS.includes(n));
      const pose = await poseOf(model, fixture(SEATED_WOMAN));
      const w = worst(normalizedErrors(pose, golden[model], names));
      figure(
        'engines-lite-legs',
        `${m.id} (chosen ${chosen}): max error against Google's reference (normalized)`,
        { model, landmarks: names, error: round(w.error, 4), worst: w.name },
        `[lite-legs] ${m.id} (chosen ${chosen}) runs on ${model}: ${names.join(', ')} within ${w.error.toFixed(4)} (${w.name})`,
      );
      expect(w.error, m.id).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});
