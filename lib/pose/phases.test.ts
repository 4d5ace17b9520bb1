import { describe, expect, it } from 'vitest';
import { recordPhase, takePhases, timed } from './phases';

describe('start-up phases', () => {
  it('keeps the first span of each name, and hands them over once', async () => {
    takePhases();
    recordPhase('code', 1000, 1500);
    recordPhase('code', 2000, 2500);
    await timed('graph', async () => 'made');
    const spans = takePhases();
    expect(spans.map((s) => s.name)).toEqual(['code', 'graph']);
    expect(spans[0]).toEqual({ name: 'code', startMs: 1000, endMs: 1500 });
    expect(spans[1].endMs).toBeGreaterThanOrEqual(spans[1].startMs);
    expect(spans[1].startMs).toBeGreaterThan(performance.timeOrigin);
    expect(takePhases()).toEqual([]);
  });

  it('records nothing for work that failed', async () => {
    takePhases();
    await expect(timed('first-run', async () => { throw new Error('no'); })).rejects.toThrow('no');
    expect(takePhases()).toEqual([]);
  });
});
