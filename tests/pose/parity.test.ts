// Our model build and engines against upstream golden output on still images.
import { afterAll, describe, expect, it } from 'vitest';
import type { LandmarkName } from '../../lib/pose/landmarks';
import type { EngineKind, ModelVariant, Pose } from '../../lib/pose/types';
import type { Runtime } from '../../tools/harness/pose-runner';
import { closeEngineFrames, engineRun } from './engine-frames';
import {
  ALL_LANDMARKS,
  normalizedErrors,
  pixelErrors,
  POSTURE_LANDMARKS,
  readJson,
  worst,
  type GoldenByName,
  type LandmarkError,
} from './fixtures';
import { figure, round } from '../figures';

/** Normalized units: the golden is iOS output, our runtime is wasm in Chromium. */
const TOLERANCE_NORM = 0.02;
/**
 * Lite is compared on the posture landmarks only: its knees and ankles differ by up to 0.11 here
 * because the lite model is unstable there (a 2-pixel shift of the photo moves them 0.16), so the
 * app measures hips, knees and ankles on full (tests/pose/engines-lite-legs.test.ts).
 */
const TOLERANCE_NORM_LITE = 0.01;
/** Pixels; upstream uses 11-15 px for this image. */
const TOLERANCE_PX = 15;

const SEATED_WOMAN = 'images/mpsamples_seated_woman.jpg';
const WARRIOR = 'images/tfjs_pose_warrior2.jpg';

interface SeatedGolden {
  readonly image_size: readonly [number, number];
  readonly landmarks_normalized: Readonly<Record<ModelVariant, GoldenByName>>;
}
interface WarriorGolden {
  readonly image_size: readonly [number, number];
  readonly landmarks_px: GoldenByName;
}

const seated = readJson<SeatedGolden>('annotations/mpsamples_seated_woman.expected_landmarks.json');
const warrior = readJson<WarriorGolden>('annotations/tfjs_pose_warrior2.expected_landmarks.json');

afterAll(async () => {
  await closeEngineFrames();
});

async function poseOf(image: string, engine: EngineKind, model: ModelVariant, runtime: Runtime): Promise<Pose> {
  const { summary, frames } = await engineRun(image, { engine, model, runtime, lookForOthers: false });
  expect(summary.frames).toBe(1);
  const pose = frames[0].pose;
  if (!pose) throw new Error(`${engine} ${model} (${runtime}) found nobody in ${image}`);
  return pose;
}

function report(label: string, errors: readonly LandmarkError[], unit: string, digits: number): number {
  const w = worst(errors);
  figure(
    'parity',
    `${label}: max error (${unit})`,
    { error: round(w.error, digits), landmark: w.name, landmarks: errors.length },
    `[parity] ${label}: max error ${w.error.toFixed(digits)} ${unit} (${w.name}) over ${errors.length} landmarks`,
  );
  return w.error;
}

describe('seated woman vs MediaPipe .task golden (IMAGE mode, normalized)', () => {
  const cases: readonly [ModelVariant, readonly LandmarkName[], number][] = [
    ['full', ALL_LANDMARKS, TOLERANCE_NORM],
    ['heavy', ALL_LANDMARKS, TOLERANCE_NORM],
    ['lite', POSTURE_LANDMARKS, TOLERANCE_NORM_LITE],
  ];
  it.each(cases)('mediapipe %s', async (model, names, tolerance) => {
    const pose = await poseOf(SEATED_WOMAN, 'mediapipe', model, 'browser');
    expect([pose.imageWidth, pose.imageHeight]).toEqual(seated.image_size);
    const errors = normalizedErrors(pose, seated.landmarks_normalized[model], names);
    expect(report(`seated woman, mediapipe ${model}`, errors, 'norm', 4)).toBeLessThanOrEqual(tolerance);
  });
});

describe('warrior II vs BlazePose golden (pixels, ears/shoulders/hips)', () => {
  const cases: readonly [EngineKind, Runtime][] = [
    ['mediapipe', 'browser'],
    ['tfjs', 'node'],
    ['tfjs', 'browser'],
  ];
  it.each(cases)('%s full (%s)', async (engine, runtime) => {
    const pose = await poseOf(WARRIOR, engine, 'full', runtime);
    expect([pose.imageWidth, pose.imageHeight]).toEqual(warrior.image_size);
    const golden = (name: LandmarkName) => [warrior.landmarks_px[name][0], warrior.landmarks_px[name][1]] as const;
    const errors = pixelErrors(pose, golden, POSTURE_LANDMARKS);
    expect(report(`warrior, ${engine} full (${runtime})`, errors, 'px', 1)).toBeLessThanOrEqual(TOLERANCE_PX);
  });
});
