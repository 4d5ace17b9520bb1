// The GPU delegate on request: it either starts, or the engine falls back to the CPU and says
// why. Either way the factory resolves with a working engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPoseRunner } from '../../tools/harness/pose-runner';
import { fixture } from './fixtures';

describe('mediapipe GPU delegate', () => {
  it('starts (or falls back to CPU with a reason) and finds the person', async () => {
    const runner = await openPoseRunner({ kind: 'mediapipe', model: 'lite', delegate: 'GPU', runningMode: 'IMAGE' });
    try {
      const { info } = runner;
      console.log(`[delegate] requested GPU, running on ${info.delegate}${info.fallbackReason ? `: ${info.fallbackReason}` : ''}`);
      if (info.delegate === 'CPU') expect(info.fallbackReason).toMatch(/GPU delegate failed to start/);
      else expect(info.fallbackReason).toBeNull();
      const result = await runner.estimateEncoded!(new Uint8Array(readFileSync(fixture('images/sports2d_f150_walker_side_view_crop.jpg'))), 0);
      expect(result.pose?.landmarks).toHaveLength(33);
    } finally {
      await runner.close();
    }
  });
});
