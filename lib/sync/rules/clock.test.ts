import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStamps, EditClock, stampOf, ZERO_STAMP, type Stamp } from './clock';

describe('the edit clock', () => {
  it('stamps edits in order on one device, also when its clock stands still or goes back', () => {
    const c = new EditClock('a');
    const s1 = c.tick(5_000);
    const s2 = c.tick(5_000);
    const s3 = c.tick(4_000);
    const s4 = c.tick(6_000);
    expect([s1, s2, s3, s4].map((s) => [s.wallMs, s.counter])).toEqual([[5_000, 0], [5_000, 1], [5_000, 2], [6_000, 0]]);
    for (const [x, y] of [[s1, s2], [s2, s3], [s3, s4]]) expect(compareStamps(x, y)).toBeLessThan(0);
  });

  it('an edit made after a stamp was seen is later than it, whatever the clocks say', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e6 }), (seenWall, now, counter) => {
        const seen: Stamp = { wallMs: seenWall, counter, device: 'zzz' };
        const c = new EditClock('aaa');
        c.observe(seen, now);
        expect(compareStamps(c.tick(now), seen)).toBeGreaterThan(0);
      }),
    );
  });

  it('takes on the lead of a clock that runs ahead, so its own later edits are stamped later', () => {
    const DAY = 86_400_000;
    const right = new EditClock('right');
    right.observe({ wallMs: 1_000 + DAY, counter: 0, device: 'fast' }, 1_000);
    expect(right.snapshot.offsetMs).toBe(DAY);
    // 20 minutes on by its own clock, it stamps 20 minutes on in the shared frame.
    expect(right.tick(1_000 + 20 * 60_000).wallMs).toBe(1_000 + DAY + 20 * 60_000);
    // A stamp from a clock running behind changes nothing.
    right.observe({ wallMs: 500, counter: 9, device: 'slow' }, 2_000_000);
    expect(right.snapshot.offsetMs).toBe(DAY);
  });

  it('ignores stamps that are damage, and restores only a sane state', () => {
    const c = new EditClock('a');
    c.observe({ wallMs: 1e15, counter: 0, device: 'x' }, 0);
    c.observe({ wallMs: Number.NaN, counter: 0, device: 'x' }, 0);
    expect(c.snapshot).toEqual({ offsetMs: 0, wallMs: 0, counter: 0 });
    expect(new EditClock('a', { offsetMs: -5, wallMs: Number.POSITIVE_INFINITY, counter: 1.5 }).snapshot).toEqual({ offsetMs: 0, wallMs: 0, counter: 0 });
  });

  it('reads a stamp off a document, zero for what is missing, and orders ties by device', () => {
    expect(stampOf({ editedAtMs: 7, counter: 2, device: 'd' })).toEqual({ wallMs: 7, counter: 2, device: 'd' });
    expect(stampOf({ _deleted: true })).toEqual(ZERO_STAMP);
    expect(stampOf({ editedAtMs: 'soon', counter: -1, device: 4 })).toEqual(ZERO_STAMP);
    expect(compareStamps({ wallMs: 1, counter: 0, device: 'b' }, { wallMs: 1, counter: 0, device: 'a' })).toBeGreaterThan(0);
  });
});
