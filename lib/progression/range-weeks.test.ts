import { describe, expect, it } from 'vitest';
import type { RangeCheckRecord } from '../storage/range-record';
import { RANGE_MEASURE_IDS } from '../range/types';
import { DAY_MS, isoWeekOf, MAX_SUMMARY_WEEKS, WEEK_MS } from './metrics';
import { DECISION_MEASURES, judgeRangeWeek, rangeWeeks, type RangeCheckLike } from './range-weeks';
import { localMidnightMs, rangeCheckOf } from './test-histories';

/** Monday 3 November 2025. */
const START = localMidnightMs(2025, 11, 3);
const HOUR_MS = 3_600_000;
/** Wednesday evening of week i. */
const wed = (i: number, offsetMinutes = 0) => START - offsetMinutes * 60_000 + i * WEEK_MS + 2 * DAY_MS + 18 * HOUR_MS;
const series = (checks: readonly RangeCheckLike[], measure: string, options: Partial<Parameters<typeof rangeWeeks>[1]> = {}) =>
  rangeWeeks(checks, { toMs: START + 20 * WEEK_MS, ...options }).find((s) => s.measure === measure)!.weeks;

describe('rangeWeeks', () => {
  it('judges a change between checks read by two engines against the method\'s error, not the measure\'s', () => {
    const same = [rangeCheckOf(wed(0), { 'rotation-left': 38 }, 1), rangeCheckOf(wed(1), { 'rotation-left': 45 }, 1)];
    expect(series(same, 'rotation-left')[1].previous).toMatchObject({ gainDeg: 7, change: 'gain' });
    const mixed = [{ ...same[0], engine: 'mediapipe' }, { ...same[1], engine: 'tfjs' }];
    expect(series(mixed, 'rotation-left')[1].previous).toMatchObject({ gainDeg: 7, errorDeg: 10, change: 'within-error' });
  });

  it('takes the shape of a stored range check', () => {
    const record: RangeCheckRecord = rangeCheckOf(wed(0), { reach: 150 });
    expect(series([record], 'reach').map((w) => w.valueDeg)).toEqual([150]);
  });

  it('gives every measure a series, in the order of the tests, with gains on the previous measured week', () => {
    const checks = [
      rangeCheckOf(wed(0), { 'rotation-left': 38, 'rotation-right': 40, reach: 150, extension: 6, 'head-forward': 46 }, 1),
      rangeCheckOf(wed(1), { 'rotation-left': 44, 'rotation-right': 41, reach: 152, extension: 2, 'head-forward': 47 }, 1),
      // Week 2: no check. Week 3: rotation only.
      rangeCheckOf(wed(3), { 'rotation-left': 45, 'rotation-right': 43 }, 2),
    ];
    const all = rangeWeeks(checks, { toMs: START + 5 * WEEK_MS });
    expect(all.map((s) => s.measure)).toEqual([...RANGE_MEASURE_IDS]);
    const left = all.find((s) => s.measure === 'rotation-left')!.weeks;
    expect(left.map((w) => w.week.startMs)).toEqual([START, START + WEEK_MS, START + 3 * WEEK_MS]);
    expect(left.map((w) => [w.valueDeg, w.spreadDeg])).toEqual([
      [38, 1],
      [44, 1],
      [45, 2],
    ]);
    expect(left[0].previous).toBeNull();
    // +6 beyond the 5 deg rotation error; the spreads (1 and 1) combine to 1.4, less than 5.
    expect(left[1].previous).toMatchObject({ fromWeek: { startMs: START }, fromDeg: 38, gainDeg: 6, errorDeg: 5, change: 'gain' });
    // Week 3 compares with week 1 (week 2 has no check).
    expect(left[2].previous).toMatchObject({ fromWeek: { startMs: START + WEEK_MS }, gainDeg: 1, change: 'within-error' });
    const extension = all.find((s) => s.measure === 'extension')!.weeks;
    expect(extension[1].previous).toMatchObject({ gainDeg: -4, errorDeg: 3, change: 'loss' });
    const reach = all.find((s) => s.measure === 'reach')!.weeks;
    expect(reach[1].previous).toMatchObject({ gainDeg: 2, errorDeg: 5, change: 'within-error' });
    expect(all.find((s) => s.measure === 'head-forward')!.weeks).toHaveLength(2);
  });

  it('uses the latest check of a week, with its own ±, and counts the week\'s checks', () => {
    const checks = [
      rangeCheckOf(wed(0), { reach: 150 }, 1),
      rangeCheckOf(wed(1) - DAY_MS, { reach: 140 }, 6),
      rangeCheckOf(wed(1), { reach: 156 }, 1),
      // Later still, but reach not measured: it keeps the latest check with a value.
      rangeCheckOf(wed(1) + DAY_MS, { reach: null, extension: 8 }),
    ];
    const reach = series(checks, 'reach');
    expect(reach).toHaveLength(2);
    expect(reach[1]).toMatchObject({ valueDeg: 156, spreadDeg: 1, checks: 2, takenAtMs: wed(1) });
    expect(reach[1].previous).toMatchObject({ gainDeg: 6, change: 'gain' });
  });

  it('widens the error to the two checks\' spreads combined when they are larger', () => {
    // Spreads of 6 and 8: 10 deg combined, so a 7 deg gain in reach is within error.
    const reach = series([rangeCheckOf(wed(0), { reach: 140 }, 6), rangeCheckOf(wed(1), { reach: 147 }, 8)], 'reach');
    expect(reach[1].previous).toMatchObject({ gainDeg: 7, errorDeg: 10, change: 'within-error' });
  });

  it('lists only the weeks asked for, but the first one keeps its gain on an earlier check', () => {
    const checks = [0, 1, 2, 3].map((i) => rangeCheckOf(wed(i), { 'rotation-left': 30 + 3 * i }));
    const left = series(checks, 'rotation-left', { fromMs: START + 2 * WEEK_MS + DAY_MS, toMs: START + 2 * WEEK_MS + DAY_MS });
    expect(left.map((w) => w.valueDeg)).toEqual([36]);
    expect(left[0].previous).toMatchObject({ fromDeg: 33, gainDeg: 3 });
  });

  it('ignores checks without a median, with a non-finite one, or after the last week', () => {
    const checks = [
      rangeCheckOf(wed(0), { extension: null }),
      rangeCheckOf(wed(1), { extension: Number.NaN }),
      rangeCheckOf(Number.NaN, { extension: 5 }),
      rangeCheckOf(wed(2), { extension: 7 }),
      rangeCheckOf(wed(9), { extension: 9 }),
    ];
    expect(series(checks, 'extension', { toMs: START + 3 * WEEK_MS }).map((w) => w.valueDeg)).toEqual([7]);
  });

  it('puts a check in its local week (a Sunday evening in New York is Monday in UTC)', () => {
    const ny = -300;
    const monday = localMidnightMs(2025, 11, 10, ny);
    const sundayEvening = monday - 3 * HOUR_MS;
    const [week] = series([rangeCheckOf(sundayEvening, { reach: 150 })], 'reach', { utcOffsetMinutes: ny, toMs: monday });
    expect(week.week.startMs).toBe(isoWeekOf(monday - WEEK_MS, ny).startMs);
    expect(series([rangeCheckOf(sundayEvening, { reach: 150 })], 'reach')[0].week.startMs).toBe(START + WEEK_MS);
  });

  it('covers at most MAX_SUMMARY_WEEKS: a check dated centuries back is left out, quickly', () => {
    const toMs = START + 4 * WEEK_MS;
    const ancient = rangeCheckOf(-30_000_000_000_000 / 3, { reach: 120 });
    const tooOld = rangeCheckOf(toMs - (MAX_SUMMARY_WEEKS + 2) * WEEK_MS, { reach: 130 });
    const oldest = rangeCheckOf(toMs - (MAX_SUMMARY_WEEKS - 2) * WEEK_MS, { reach: 135 });
    const t0 = performance.now();
    const reach = series([ancient, tooOld, oldest, rangeCheckOf(wed(1), { reach: 150 })], 'reach', { toMs });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(reach.map((w) => w.valueDeg)).toEqual([135, 150]);
    expect(reach[1].previous?.fromDeg).toBe(135);
  });
});

describe('judgeRangeWeek', () => {
  const week = (i: number) => isoWeekOf(START + i * WEEK_MS);

  it('counts rotation, reach and extension, not head position', () => {
    expect(DECISION_MEASURES).toEqual(['rotation-left', 'rotation-right', 'reach', 'extension']);
    const checks = [rangeCheckOf(wed(0), { 'head-forward': 40 }), rangeCheckOf(wed(1), { 'head-forward': 50 })];
    expect(judgeRangeWeek(checks, week(1), { spanWeeks: 2 })).toBeNull();
  });

  it('is null without a check in the week, and not compared for a first check', () => {
    const checks = [rangeCheckOf(wed(0), { reach: 150 })];
    expect(judgeRangeWeek(checks, week(1), { spanWeeks: 2 })).toBeNull();
    const first = judgeRangeWeek(checks, week(0), { spanWeeks: 2 })!;
    expect([first.compared, first.improving, first.plateau]).toEqual([false, false, false]);
  });

  it('improving when any measure gains beyond its error; a loss is listed too', () => {
    const checks = [
      rangeCheckOf(wed(0), { 'rotation-left': 38, reach: 150, extension: 12 }),
      rangeCheckOf(wed(1), { 'rotation-left': 44, reach: 152, extension: 8 }),
    ];
    const j = judgeRangeWeek(checks, week(1), { spanWeeks: 2 })!;
    expect(j.measures.map((m) => m.value.measure)).toEqual(['rotation-left', 'reach', 'extension']);
    expect([j.compared, j.improving, j.plateau]).toEqual([true, true, false]);
    expect(j.losses).toEqual([{ measure: 'extension', change: expect.objectContaining({ gainDeg: -4, change: 'loss' }) }]);
    // One week back only: no reference 2 weeks back.
    expect(j.measures.every((m) => m.sinceSpan === null)).toBe(true);
  });

  it('a plateau needs the span: within error on last week alone is not yet one', () => {
    const checks = [rangeCheckOf(wed(0), { reach: 150 }), rangeCheckOf(wed(1), { reach: 151 })];
    const j = judgeRangeWeek(checks, week(1), { spanWeeks: 2 })!;
    expect([j.improving, j.plateau]).toEqual([false, false]);
  });

  it('a plateau over two weeks, from three checks or from two a fortnight apart', () => {
    const three = [148, 150, 151].map((reach, i) => rangeCheckOf(wed(i), { reach }));
    const j = judgeRangeWeek(three, week(2), { spanWeeks: 2 })!;
    expect([j.improving, j.plateau]).toEqual([false, true]);
    expect(j.measures[0].sinceSpan).toMatchObject({ fromWeek: { startMs: START }, gainDeg: 3 });
    const gap = judgeRangeWeek([rangeCheckOf(wed(0), { reach: 150 }), rangeCheckOf(wed(2), { reach: 152 })], week(2), { spanWeeks: 2 })!;
    expect([gap.improving, gap.plateau]).toEqual([false, true]);
    expect(gap.measures[0].value.previous).toEqual(gap.measures[0].sinceSpan);
  });

  it('drift under the error each week that adds up beyond it over the span is a gain', () => {
    const checks = [40, 44, 48].map((left, i) => rangeCheckOf(wed(i), { 'rotation-left': left }));
    const j = judgeRangeWeek(checks, week(2), { spanWeeks: 2 })!;
    expect(j.measures[0].value.previous?.change).toBe('within-error');
    expect(j.measures[0].sinceSpan).toMatchObject({ gainDeg: 8, change: 'gain' });
    expect([j.improving, j.plateau]).toEqual([true, false]);
  });

  it('a plateau\'s span starts no earlier than the stage; the previous check may be from before it', () => {
    const checks = [148, 150, 151].map((reach, i) => rangeCheckOf(wed(i), { reach }));
    // The stage began on Tuesday of week 1: week 0's check is before it.
    const j = judgeRangeWeek(checks, week(2), { spanWeeks: 2, notBeforeMs: START + WEEK_MS + DAY_MS })!;
    expect(j.measures[0].value.previous).toMatchObject({ fromDeg: 150, change: 'within-error' });
    expect(j.measures[0].sinceSpan).toBeNull();
    expect([j.compared, j.improving, j.plateau]).toEqual([true, false, false]);
    // A gain on a check from before the stage still counts.
    const up = judgeRangeWeek([rangeCheckOf(wed(0), { reach: 140 }), rangeCheckOf(wed(1), { reach: 150 })], week(1), { spanWeeks: 2, notBeforeMs: START + WEEK_MS })!;
    expect([up.improving, up.plateau]).toEqual([true, false]);
    // From the stage's third week, a check in its first week makes the span.
    expect(judgeRangeWeek([...checks, rangeCheckOf(wed(3), { reach: 151 })], week(3), { spanWeeks: 2, notBeforeMs: START + WEEK_MS + DAY_MS })!.plateau).toBe(true);
  });

  it('ignores checks after the judged week', () => {
    const checks = [rangeCheckOf(wed(0), { reach: 150 }), rangeCheckOf(wed(1), { reach: 151 }), rangeCheckOf(wed(2), { reach: 170 })];
    expect(judgeRangeWeek(checks, week(1), { spanWeeks: 2 })!.measures[0].value.valueDeg).toBe(151);
  });
});
