// MediaPipe full in VIDEO mode (tracking between frames) against upstream output on a real clip.
import { describe, expect, it } from 'vitest';
import { LANDMARK_COUNT, LANDMARK_INDEX, type LandmarkName } from '../../lib/pose/landmarks';
import { analyzeFile } from '../../tools/analyze/analyze';
import { fixture, pixelErrors, POSTURE_LANDMARKS, readJson, worst } from './fixtures';

/** Mean Euclidean error in pixels over every frame and posture landmark; upstream allows 15-31 px per point. */
const TOLERANCE_MEAN_PX = 10;
const SQUATS = 'videos/tfjs_pose_squats.mp4';
const SQUATS_FRAMES = 65;
const SQUATS_SIZE = [720, 1280] as const;

/** [frame][landmark] = [x_px, y_px, z] */
type GoldenTrack = readonly (readonly (readonly [number, number, number])[])[];

describe('squats clip, mediapipe full, VIDEO mode', () => {
  it(`finds the pose in all ${SQUATS_FRAMES} frames, close to the golden track`, async () => {
    const golden = readJson<GoldenTrack>('annotations/tfjs_pose_squats.full.json');
    expect(golden).toHaveLength(SQUATS_FRAMES);
    expect(golden.every((f) => f.length === LANDMARK_COUNT)).toBe(true);

    const { summary, frames } = await analyzeFile(fixture(SQUATS), { engine: 'mediapipe', model: 'full' });
    expect(summary.frames).toBe(SQUATS_FRAMES);
    expect([summary.width, summary.height]).toEqual(SQUATS_SIZE);
    const missing = frames.filter((f) => f.pose === null).map((f) => f.frame);
    expect(missing, 'frames without a pose').toEqual([]);

    const perFrame = frames.map((f) => {
      if (!f.pose) throw new Error(`frame ${f.frame}: no pose`);
      const goldenPoint = (name: LandmarkName) => {
        const [x, y] = golden[f.frame][LANDMARK_INDEX[name]];
        return [x, y] as const;
      };
      return pixelErrors(f.pose, goldenPoint, POSTURE_LANDMARKS);
    });
    const all = perFrame.flat();
    const mean = all.reduce((s, e) => s + e.error, 0) / all.length;
    const worstFrame = perFrame.reduce((best, errors, i) => (worst(errors).error > worst(perFrame[best]).error ? i : best), 0);
    const w = worst(perFrame[worstFrame]);
    console.log(
      `[video] squats, mediapipe full: mean error ${mean.toFixed(2)} px over ${all.length} points; ` +
        `worst ${w.error.toFixed(1)} px (${w.name}, frame ${worstFrame})`,
    );
    expect(mean).toBeLessThanOrEqual(TOLERANCE_MEAN_PX);
  });
});
