// The seated rotation reading through the models: both engines on the rendered figure turning
// its trunk against a still pelvis (../shared/fixtures/synthetic/stills/rot_A-near_*.png: 0, ±15,
// ±30, ±45, ±60°, exact truth), the 0° still as the neutral. Here the error is the models' own
// (where they put the shoulders of a turned trunk), not the geometry's (range-rotation-3d.test.ts).
// Clean renders of a plastic figure: necessary, not sufficient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure, round } from '../figures';
import { readRotation, rotationNeutral, MAX_HIPS_TURN_DEG, ROTATION_NEED, type RotationNeutral } from '../../lib/angles/range';
import { assessFrame } from '../../lib/angles/quality';
import { LANDMARK_INDEX } from '../../lib/pose/landmarks';
import type { Pose } from '../../lib/pose/types';
import { closeEngineFrames, engineFrames } from './engine-frames';
import { fixture } from './fixtures';
import { readFileSync } from 'node:fs';

const ENGINES = ['mediapipe', 'tfjs'] as const;
type Engine = (typeof ENGINES)[number];
const TURNS = [-60, -45, -30, -15, 15, 30, 45, 60];
const still = (deg: number) => `synthetic/stills/rot_A-near_${deg === 0 ? '00' : deg > 0 ? `+${deg}` : deg}.png`;

/**
 * Bounds measured on these renders (model "full", IMAGE mode), with about half a degree of room.
 * Measured: mediapipe mean 4.49°, worst 10.20° (-60° reads -49.8°); tfjs mean 5.05°, worst 9.83°
 * (-60° reads -50.2°). Both read the turn short: the models' shoulders narrow less than cos.
 */
const BOUNDS: Readonly<Record<Engine, { meanDeg: number; worstDeg: number }>> = {
  mediapipe: { meanDeg: 5, worstDeg: 10.7 },
  tfjs: { meanDeg: 5.5, worstDeg: 10.4 },
};
/** The knees' reading on a still pelvis, visibility set aside (see below): measured at most 2.1°. */
const STILL_HIPS_DEG = 5;

/** The clip, in VIDEO mode as the app runs: 0 -> +45 -> 0 -> -45 -> 0° over 8 s at 15 fps, per-frame truth. */
const CLIP = 'synthetic/clips/rotation_A-near.mp4';
const clipTruth: number[] = readFileSync(fixture('synthetic/clips/rotation_A-near.truth.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { angles: { trunkRotationDeg: number } }).angles.trunkRotationDeg);
/** Neutral: the clip's first three frames (the turn has reached 0.5° by the third). */
const CLIP_NEUTRAL_FRAMES = 3;
/**
 * Measured on the clip (model "full", VIDEO mode), every frame: mediapipe mean 4.20°, worst
 * 13.3° (frame 49, turned 13.3°, reads 0: near 0 the cosine is flat, and a shoulder line 2.7%
 * wider or narrower than the neutral's moves the reading by 13°); tfjs mean 5.44°, worst 12.4°
 * (frame 86, -43° reads -30.6°).
 */
const CLIP_BOUNDS: Readonly<Record<Engine, { meanDeg: number; worstDeg: number }>> = {
  mediapipe: { meanDeg: 4.7, worstDeg: 14 },
  tfjs: { meanDeg: 5.9, worstDeg: 13 },
};

const clipPoses = new Map<Engine, (Pose | null)[]>();
const poses = new Map<string, Pose>();
const poseOf = (engine: Engine, deg: number) => poses.get(`${engine} ${deg}`)!;

beforeAll(async () => {
  for (const engine of ENGINES) {
    // Model "full" in Chromium, as the app runs it: the stills in IMAGE mode, the clip in VIDEO mode.
    const options = { engine, lookForOthers: false } as const;
    for (const deg of [0, ...TURNS]) {
      const frames = await engineFrames(still(deg), options);
      if (!frames[0].pose) throw new Error(`${engine} found nobody in ${still(deg)}`);
      poses.set(`${engine} ${deg}`, frames[0].pose);
    }
    // The clip with the second look for other people on, as the range check runs it (and as
    // range-renders.test.ts reads the same clip, so the engine runs it once for both).
    const frames = await engineFrames(CLIP, { ...options, lookForOthers: true });
    clipPoses.set(engine, frames.map((f) => f.pose));
  }
  // About 30 s alone on two cores; several times that when the cores are shared.
}, 480_000);

afterAll(async () => {
  await closeEngineFrames();
});

/** The pose with hips and knees counted as seen, to read where the model put them whatever its visibility. */
function kneesAsSeen(pose: Pose): Pose {
  const parts = new Set(['left_hip', 'right_hip', 'left_knee', 'right_knee'].map((n) => LANDMARK_INDEX[n as keyof typeof LANDMARK_INDEX]));
  return { ...pose, landmarks: pose.landmarks.map((l, i) => (parts.has(i) ? { ...l, visibility: 1 } : l)) };
}

describe.each(ENGINES)('%s on the rendered figure turning on a still pelvis', (engine) => {
  let neutral: RotationNeutral;
  beforeAll(() => {
    const n = rotationNeutral([poseOf(engine, 0)]);
    if (!n) throw new Error('no neutral from the 0° still');
    neutral = n;
  });

  it('reads the side of every turn, and the degrees within the measured bounds', () => {
    const errors = TURNS.map((deg) => {
      const r = readRotation(poseOf(engine, deg), neutral);
      expect(Math.sign(r.rotationDeg), `${deg}°: read ${r.rotationDeg}`).toBe(Math.sign(deg));
      return { deg, read: r.rotationDeg, error: r.rotationDeg - deg };
    });
    const mean = errors.reduce((s, e) => s + Math.abs(e.error), 0) / errors.length;
    const worst = errors.reduce((w, e) => (Math.abs(e.error) > Math.abs(w.error) ? e : w));
    figure(
      'range-rotation-renders',
      `${engine} stills: rotation read`,
      { readDeg: Object.fromEntries(errors.map((e) => [e.deg, round(e.read)])), meanErrorDeg: round(mean, 2), worstErrorDeg: round(worst.error, 2), worstAtDeg: worst.deg },
      `[rotation-renders] ${engine}: ${errors.map((e) => `${e.deg}° -> ${e.read.toFixed(1)}°`).join(', ')}; mean |error| ${mean.toFixed(2)}°, worst ${worst.error.toFixed(2)}° at ${worst.deg}°`,
    );
    expect(mean).toBeLessThanOrEqual(BOUNDS[engine].meanDeg);
    expect(Math.abs(worst.error)).toBeLessThanOrEqual(BOUNDS[engine].worstDeg);
    // The 0° still against itself.
    expect(readRotation(poseOf(engine, 0), neutral).rotationDeg).toBe(0);
  });

  it('the hips read still on every still, where the knees are seen; and where the model put the knees reads still too', () => {
    const lines: string[] = [];
    const hips: Record<string, { hipsTurnDeg: number | null; kneeVisibility: number[] }> = {};
    const seenNeutral = rotationNeutral([kneesAsSeen(poseOf(engine, 0))])!;
    for (const deg of [0, ...TURNS]) {
      const pose = poseOf(engine, deg);
      const r = readRotation(pose, neutral);
      if (r.hipsTurnDeg !== null) expect(Math.abs(r.hipsTurnDeg), `${deg}°`).toBeLessThan(MAX_HIPS_TURN_DEG);
      // The renders' knees are dark on a dark stool at the bottom of the picture: the models
      // often give them visibility under 0.5 (not seen), and then the hips check reads nothing.
      // Read them anyway, to show that the knees the models place do not move with the trunk.
      const placed = readRotation(kneesAsSeen(pose), seenNeutral).hipsTurnDeg;
      expect(placed, `${deg}°`).not.toBeNull();
      expect(Math.abs(placed!), `${deg}°: knees as placed`).toBeLessThan(STILL_HIPS_DEG);
      const knees = ['left_knee', 'right_knee'] as const;
      const vis = knees.map((k) => pose.landmarks[LANDMARK_INDEX[k]].visibility.toFixed(2)).join('/');
      const gate = assessFrame(pose, ROTATION_NEED);
      hips[deg] = { hipsTurnDeg: r.hipsTurnDeg === null ? null : round(r.hipsTurnDeg), kneeVisibility: knees.map((k) => round(pose.landmarks[LANDMARK_INDEX[k]].visibility, 2)) };
      lines.push(`${deg}°: hips ${r.hipsTurnDeg === null ? 'not seen' : `${r.hipsTurnDeg.toFixed(1)}°`} (knees as placed ${placed!.toFixed(1)}°, knee visibility ${vis}), gate ${gate.ok ? 'accepts' : gate.issues[0].code}`);
    }
    figure('range-rotation-renders', `${engine} stills: hips turn read on the still pelvis (null: knees not seen)`, hips, `[rotation-renders] ${engine}, hips (still pelvis):\n  ${lines.join('\n  ')}`);
  });
});

describe.each(ENGINES)('%s on the rendered clip, frame by frame (VIDEO mode)', (engine) => {
  it('follows the turn within the measured bounds, the right way from 15° on, the hips still wherever read', () => {
    const frames = clipPoses.get(engine)!;
    expect(frames.length).toBe(clipTruth.length);
    const neutral = rotationNeutral(frames.slice(0, CLIP_NEUTRAL_FRAMES).filter((p): p is Pose => p !== null));
    expect(neutral).not.toBeNull();
    const errors: number[] = [];
    let hipsRead = 0;
    let worstHips = 0;
    frames.forEach((pose, i) => {
      expect(pose, `frame ${i}`).not.toBeNull();
      const r = readRotation(pose!, neutral!);
      errors.push(r.rotationDeg - clipTruth[i]);
      if (Math.abs(clipTruth[i]) >= 15) expect(Math.sign(r.rotationDeg), `frame ${i}: ${clipTruth[i]}° read ${r.rotationDeg}`).toBe(Math.sign(clipTruth[i]));
      if (r.hipsTurnDeg !== null) {
        hipsRead++;
        worstHips = Math.max(worstHips, Math.abs(r.hipsTurnDeg));
        expect(Math.abs(r.hipsTurnDeg), `frame ${i}`).toBeLessThan(MAX_HIPS_TURN_DEG);
      }
    });
    const mean = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length;
    const worstAt = errors.reduce((w, e, i) => (Math.abs(e) > Math.abs(errors[w]) ? i : w), 0);
    figure(
      'range-rotation-renders',
      `${engine} clip, frame by frame`,
      { frames: frames.length, meanErrorDeg: round(mean, 2), worstErrorDeg: round(errors[worstAt]), worstAtFrame: worstAt, hipsReadFrames: hipsRead, hipsWorstDeg: round(worstHips) },
      `[rotation-renders] ${engine}, clip (${frames.length} frames): mean |error| ${mean.toFixed(2)}°, worst ${errors[worstAt].toFixed(1)}° at frame ${worstAt} (${clipTruth[worstAt].toFixed(1)}°); hips read on ${hipsRead} frames, worst ${worstHips.toFixed(1)}°`,
    );
    expect(mean).toBeLessThanOrEqual(CLIP_BOUNDS[engine].meanDeg);
    expect(Math.abs(errors[worstAt])).toBeLessThanOrEqual(CLIP_BOUNDS[engine].worstDeg);
  });
});
