import { describe, expect, it } from 'vitest';
import { checkInsBetween, hasFeelAnswers, maxPain, painOf, redFlagsOf, risingStreak, summarizeFeel, tensionOf, weeklyFeel, withRedFlags, type CheckIn } from './check-ins';

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

describe('beyond pain: tension, sleep, turning and reaching', () => {
  const HOUR_MS = 3_600_000;

  it('reads tension clamped to 0-10, and null when not given', () => {
    expect([tensionOf(checkIn(0, 0, { tension: 3 })), tensionOf(checkIn(0, 0, { tension: 12 })), tensionOf(checkIn(0, 0, { tension: -1 }))]).toEqual([3, 10, 0]);
    expect([tensionOf(checkIn(0, 0)), tensionOf(checkIn(0, 0, { tension: Number.NaN }))]).toEqual([null, null]);
  });

  it('averages tension over the check-ins that gave it, and counts every movement answer', () => {
    const s = summarizeFeel([
      checkIn(0, 1, { tension: 2, turning: 'easier', reaching: 'same' }),
      checkIn(1, 3, { tension: 5, turning: 'easier' }),
      checkIn(2, 0, { turning: 'harder', reaching: 'easier' }),
      checkIn(3, 2),
    ]);
    expect(s.checkIns).toBe(4);
    expect(s.maxPain).toBe(3);
    expect(s.meanTension).toBe(3.5);
    expect(s.tensionAnswers).toBe(2);
    expect(s.turning).toEqual({ harder: 1, same: 0, easier: 2 });
    expect(s.reaching).toEqual({ harder: 0, same: 1, easier: 1 });
    expect([s.turningAnswers, s.reachingAnswers]).toEqual([3, 2]);
    expect(hasFeelAnswers(s)).toBe(true);
  });

  it('counts a night once: the last sleep answer of each local day', () => {
    const day = (d: number, hour: number, sleep: CheckIn['sleep']) => ({ ...checkIn(d, 0), atMs: WEEK_START + d * DAY_MS + hour * HOUR_MS, sleep });
    // Monday morning and evening rate the same night (the evening's answer counts), Tuesday one, Wednesday none.
    const all = [day(0, 8, 'poor'), day(0, 19, 'good'), day(1, 8, 'fair'), { ...checkIn(2, 0) }];
    const s = summarizeFeel(all);
    expect(s.sleep).toEqual({ poor: 0, fair: 1, good: 1 });
    expect(s.nights).toBe(2);
    // 23:00 UTC on Monday is already Tuesday in Sydney (+11 h): then Tuesday has two answers, the later one counts.
    const late = [day(0, 23, 'poor'), day(1, 8, 'good')];
    expect(summarizeFeel(late, 0).nights).toBe(2);
    expect(summarizeFeel(late, 660).sleep).toEqual({ poor: 0, fair: 0, good: 1 });
  });

  it('has nothing to say when no check-in gave an answer beyond pain', () => {
    const s = summarizeFeel([checkIn(0, 2), checkIn(1, 1)]);
    expect([s.meanTension, s.nights, s.turningAnswers, s.reachingAnswers]).toEqual([null, 0, 0, 0]);
    expect(hasFeelAnswers(s)).toBe(false);
    expect(summarizeFeel([]).maxPain).toBeNull();
  });

  it('summarises week by week from the first check-in in the period, empty weeks included', () => {
    const all = [
      checkIn(-14, 9, { tension: 9 }), // before the period
      checkIn(1, 2, { tension: 4, sleep: 'poor' }),
      checkIn(3, 1, { tension: 2, sleep: 'good' }),
      // Week 2 has no check-in.
      checkIn(16, 0, { tension: 1, turning: 'easier' }),
    ];
    const weeks = weeklyFeel(all, { fromMs: WEEK_START - 7 * DAY_MS, toMs: WEEK_START + 17 * DAY_MS });
    expect(weeks.map((w) => w.week.startMs)).toEqual([WEEK_START, WEEK_START + 7 * DAY_MS, WEEK_START + 14 * DAY_MS]);
    expect(weeks.map((w) => w.checkIns)).toEqual([2, 0, 1]);
    expect(weeks.map((w) => w.meanTension)).toEqual([3, null, 1]);
    expect(weeks.map((w) => w.maxPain)).toEqual([2, null, 0]);
    expect(weeks[0].sleep).toEqual({ poor: 1, fair: 0, good: 1 });
    expect(weeks[2].turning.easier).toBe(1);
    // Up to the week of the period's end, even without a check-in in it.
    expect(weeklyFeel(all, { fromMs: WEEK_START, toMs: WEEK_START + 30 * DAY_MS })).toHaveLength(5);
    expect(weeklyFeel(all, { fromMs: WEEK_START + 20 * DAY_MS, toMs: WEEK_START + 30 * DAY_MS })).toEqual([]);
  });

  it('weeks follow local time', () => {
    // Sunday 20:00 UTC is Monday 07:00 in Sydney: the next local week.
    const sunday = { ...checkIn(6, 0, { tension: 3 }), atMs: WEEK_START + 6 * DAY_MS + 20 * HOUR_MS };
    const opts = { fromMs: WEEK_START - DAY_MS, toMs: WEEK_START + 8 * DAY_MS };
    expect(weeklyFeel([sunday], opts).map((w) => w.tensionAnswers)).toEqual([1, 0]);
    const sydney = weeklyFeel([sunday], { ...opts, utcOffsetMinutes: 660 });
    expect(sydney).toHaveLength(1);
    expect(sydney[0].week.startMs).toBe(WEEK_START + 7 * DAY_MS - 660 * 60_000);
  });
});
