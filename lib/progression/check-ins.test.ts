import { describe, expect, it } from 'vitest';
import { checkInsBetween, maxPain, painOf, redFlagsOf, risingStreak, withRedFlags, type CheckIn } from './check-ins';

const DAY_MS = 86_400_000;
const WEEK_START = Date.UTC(2026, 0, 5);

const checkIn = (day: number, pain: number, over: Partial<CheckIn> = {}): CheckIn => ({
  atMs: WEEK_START + day * DAY_MS,
  pain,
  redFlags: [],
  comfortable: true,
  ...over,
});

describe('check-ins', () => {
  it('picks a window oldest first, and its worst pain', () => {
    const all = [checkIn(3, 2), checkIn(-1, 5), checkIn(1, 1), checkIn(7, 6)];
    const week = checkInsBetween(all, WEEK_START, WEEK_START + 7 * DAY_MS);
    expect(week.map((c) => c.pain)).toEqual([1, 2]);
    expect(maxPain(week)).toBe(2);
    expect(maxPain([])).toBeNull();
  });

  it('clamps pain to 0-10', () => {
    expect([painOf(checkIn(0, -2)), painOf(checkIn(0, 14)), painOf(checkIn(0, Number.NaN))]).toEqual([0, 10, 0]);
  });

  it('lists the red flags reported, once each, in a fixed order', () => {
    const all = [checkIn(0, 1, { redFlags: ['tingling'] }), checkIn(1, 0), checkIn(2, 3, { redFlags: ['nerve-symptoms', 'tingling', 'sharp-pain'] })];
    expect(withRedFlags(all)).toHaveLength(2);
    expect(redFlagsOf(all)).toEqual(['sharp-pain', 'tingling', 'nerve-symptoms']);
  });
});

describe('risingStreak', () => {
  const end = WEEK_START + 7 * DAY_MS;

  it('finds three check-ins in a row, each more painful, ending at 2/10 or more', () => {
    expect(risingStreak([checkIn(1, 1), checkIn(3, 2), checkIn(5, 3)], WEEK_START, end)?.map((c) => c.pain)).toEqual([1, 2, 3]);
    // The streak may start in the week before.
    expect(risingStreak([checkIn(-3, 0), checkIn(-1, 1), checkIn(2, 2)], WEEK_START, end)).not.toBeNull();
  });

  it('ignores a streak that flattens, ends pain-free, is too short or ended before the week', () => {
    expect(risingStreak([checkIn(1, 1), checkIn(3, 2), checkIn(5, 2)], WEEK_START, end)).toBeNull();
    expect(risingStreak([checkIn(1, 0), checkIn(3, 0.5), checkIn(5, 1)], WEEK_START, end)).toBeNull();
    expect(risingStreak([checkIn(3, 2), checkIn(5, 3)], WEEK_START, end)).toBeNull();
    expect(risingStreak([checkIn(-5, 1), checkIn(-3, 2), checkIn(-1, 3)], WEEK_START, end)).toBeNull();
    // Only the last three count: an earlier rise followed by a drop is not rising.
    expect(risingStreak([checkIn(0, 1), checkIn(1, 2), checkIn(2, 3), checkIn(4, 1)], WEEK_START, end)).toBeNull();
  });
});
