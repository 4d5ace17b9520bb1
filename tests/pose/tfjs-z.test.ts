// Regression: pose-detection 2.1.3 returns z multiplied by the image width once more when its
// landmark smoothing runs, which our tfjs engine enables in VIDEO mode.
import { describe, expect, it } from 'vitest';
import type { RunningMode } from '../../lib/pose/types';
import { openPoseRunner } from '../../tools/harness/pose-runner';
import { decodeFrames, probeMedia } from '../../tools/media/decode';
import { fixture } from './fixtures';

const FRAMES = 3;
/** Normalized z; the first VIDEO frame passes through the smoothing filter unchanged. */
const TOLERANCE_Z = 1e-4;

async function firstFrames(file: string, count: number) {
  const info = await probeMedia(file);
  const frames: Uint8Array[] = [];
  for await (const rgba of decodeFrames(info)) {
    frames.push(rgba);
    if (frames.length === count) break;
  }
  return { info, frames };
}

async function zTrack(mode: RunningMode, info: Awaited<ReturnType<typeof probeMedia>>, frames: readonly Uint8Array[]): Promise<number[][]> {
  const runner = await openPoseRunner({ kind: 'tfjs', model: 'lite', runtime: 'node', runningMode: mode });
  try {
    const out: number[][] = [];
    for (const [i, rgba] of frames.entries()) {
      const { pose } = await runner.estimate(rgba, info.width, info.height, Math.round((i * 1000) / (info.fps ?? 1)));
      if (!pose) throw new Error(`${mode} frame ${i}: no pose`);
      out.push(pose.landmarks.map((l) => l.z));
    }
    return out;
  } finally {
    await runner.close();
  }
}

describe('tfjs engine z', () => {
  it('is on the same normalized scale in VIDEO mode as in IMAGE mode', async () => {
    const { info, frames } = await firstFrames(fixture('videos/tfjs_pose_squats.mp4'), FRAMES);
    const image = await zTrack('IMAGE', info, frames);
    const video = await zTrack('VIDEO', info, frames);
    video[0].forEach((z, i) => expect(Math.abs(z - image[0][i]), `landmark ${i}`).toBeLessThanOrEqual(TOLERANCE_Z));
    // Normalized like x: a body depth is a fraction of the frame width, never hundreds of widths.
    for (const z of video.flat()) expect(Math.abs(z)).toBeLessThan(1);
  });
});
