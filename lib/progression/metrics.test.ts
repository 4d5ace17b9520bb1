import { describe, expect, it } from 'vitest';
import type { HoldRecord, SetSummary } from '../exercise/types';
import type { SetRecord } from '../storage/set-record';
import {
  DAY_MS,
  groupSessions,
  isoWeekLabel,
  isoWeekOf,
  localDate,
  median,
  NOISE_BAND_DEG,
  SESSION_GAP_MS,
  sessionRangeDeg,
  todaysSessions,
  WEEK_MS,
  weeklySummaries,
  MAX_SUMMARY_WEEKS,
  type SetLike,
} from './metrics';
import { generateWeek, localMidnightMs, type GeneratedSet } from './test-histories';

const EPSILON_DEG = 1e-9;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Central European winter time, New York winter time, Sydney summer time (minutes east of UTC). */
const CET = 60;
const NEW_YORK = -300;
const SYDNEY = 660;
const HOLD_ID = 'wall-extension-hold';
const PULLOVER_ID = 'dumbbell-pullover';
const PULLOVER_PER_WEEK = 3.5;

// Compile-time: a stored SetRecord is a SetLike, and generated sets are SetRecords.
const recordIsSetLike = (r: SetRecord): SetLike => r;
const generatedIsRecord = (g: GeneratedSet): SetRecord => g;
void recordIsSetLike;
void generatedIsRecord;

function hold(peakDeg: number, completed = true): HoldRecord {
  return { startMs: 0, endMs: 10_000, durationMs: 10_000, peakDeg, medianDeg: peakDeg - 1, completed };
}

function summary(over: Partial<SetSummary>): SetSummary {
  return {
    exerciseId: HOLD_ID,
    kind: 'hold',
    reps: 1,
    targetReps: 10,
    holds: [],
    shortHolds: 0,
    repTimesMs: [],
    loweringTimesMs: [],
    framesWithoutPose: 0,
    baselineDeg: 4,
    peakDeg: null,
    medianDeg: null,
    startedAtMs: 0,
    endedAtMs: 5 * MINUTE_MS,
    complete: true,
    ...over,
  };
}

function holdSet(startedAt: number, peaks: readonly number[], over: Partial<SetSummary> = {}): SetLike {
  const holds = peaks.map((p) => hold(p));
  return { exerciseId: HOLD_ID, startedAt, summary: summary({ holds, reps: holds.length, ...over }) };
}

function repSet(startedAt: number, medianDeg: number | null, reps = 10): SetLike {
  return { exerciseId: PULLOVER_ID, startedAt, summary: summary({ exerciseId: PULLOVER_ID, kind: 'reps', reps, medianDeg }) };
}

describe('isoWeekOf', () => {
  it.each([
    ['2020-12-31', '2020-W53', '2020-12-28'],
    ['2021-01-03', '2020-W53', '2020-12-28'],
    ['2021-01-04', '2021-W01', '2021-01-04'],
    ['2024-12-30', '2025-W01', '2024-12-30'],
    ['2025-12-29', '2026-W01', '2025-12-29'],
    ['2026-01-01', '2026-W01', '2025-12-29'],
    ['2027-01-01', '2026-W53', '2026-12-28'],
    ['2026-07-15', '2026-W29', '2026-07-13'],
  ])('%s is in %s, which starts on Monday %s', (date, label, monday) => {
    const [y, m, d] = date.split('-').map(Number);
    const week = isoWeekOf(Date.UTC(y, m - 1, d, 12));
    expect(isoWeekLabel(week)).toBe(label);
    expect(localDate(week.startMs)).toBe(monday);
    expect(week.endMs - week.startMs).toBe(WEEK_MS);
  });

  it('puts Sunday 23:59:59.999 and Monday 00:00 in different weeks', () => {
    const monday = Date.UTC(2026, 0, 5);
    expect(isoWeekLabel(isoWeekOf(monday - 1))).toBe('2026-W01');
    expect(isoWeekLabel(isoWeekOf(monday))).toBe('2026-W02');
    expect(isoWeekOf(monday).startMs).toBe(monday);
  });

  it('uses local time at the given offset', () => {
    const lateSundayUtc = Date.UTC(2021, 0, 3, 23, 30);
    expect(isoWeekLabel(isoWeekOf(lateSundayUtc))).toBe('2020-W53');
    // 00:30 on Monday 4 January in Central Europe: the new ISO year's first week.
    const cet = isoWeekOf(lateSundayUtc, CET);
    expect(isoWeekLabel(cet)).toBe('2021-W01');
    expect(cet.startMs).toBe(Date.UTC(2021, 0, 4) - CET * MINUTE_MS);
    // 21:00 on Sunday 3 January in New York: still the last week of 2020.
    const earlyMondayUtc = Date.UTC(2021, 0, 4, 2);
    expect(isoWeekLabel(isoWeekOf(earlyMondayUtc))).toBe('2021-W01');
    const ny = isoWeekOf(earlyMondayUtc, NEW_YORK);
    expect(isoWeekLabel(ny)).toBe('2020-W53');
    expect(localDate(ny.startMs, NEW_YORK)).toBe('2020-12-28');
    expect(ny.startMs).toBe(Date.UTC(2020, 11, 28) - NEW_YORK * MINUTE_MS);
  });

  it('gives the local calendar date', () => {
    const t = Date.UTC(2025, 11, 31, 20);
    expect(localDate(t)).toBe('2025-12-31');
    expect(localDate(t, SYDNEY)).toBe('2026-01-01');
    expect(localMidnightMs(2026, 1, 1, SYDNEY)).toBe(Date.UTC(2025, 11, 31, 13));
  });
});

describe('median', () => {
  it('takes the middle value, the mean of the two middle ones, or null', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

describe('sessionRangeDeg', () => {
  it('takes the median of completed holds\' peaks only', () => {
    const set = holdSet(0, [8, 10, 12]);
    const withEarlyRelease: SetLike = { ...set, summary: { ...set.summary, holds: [...set.summary.holds, hold(40, false), hold(-5, false)] } };
    expect(sessionRangeDeg([withEarlyRelease])).toBe(10);
    expect(sessionRangeDeg([holdSet(0, [8, 10]), holdSet(1, [12, 30])])).toBe(11);
  });

  it('uses each rep set\'s median rep peak, and null when no set has one', () => {
    expect(sessionRangeDeg([repSet(0, 150), repSet(1, 154), repSet(2, 151)])).toBe(151);
    expect(sessionRangeDeg([repSet(0, null), repSet(1, 150)])).toBe(150);
    expect(sessionRangeDeg([repSet(0, null)])).toBeNull();
    expect(sessionRangeDeg([holdSet(0, [])])).toBeNull();
  });
});

describe('groupSessions', () => {
  const t0 = Date.UTC(2026, 0, 5, 8);

  it('groups sets of one exercise that follow each other within 30 minutes', () => {
    const sessions = groupSessions(
      [
        holdSet(t0 + 10 * MINUTE_MS, [9]), // 5 min long, so ends at +15 min
        holdSet(t0, [10]),
        holdSet(t0 + 15 * MINUTE_MS + SESSION_GAP_MS, [11]), // exactly 30 min after the last end
        holdSet(t0 + 11 * HOUR_MS, [12]),
        repSet(t0 + 20 * MINUTE_MS, 150), // another exercise
      ],
      HOLD_ID,
    );
    expect(sessions.map((s) => s.sets.length)).toEqual([3, 1]);
    expect(sessions[0].startMs).toBe(t0);
    expect(sessions[0].endMs).toBe(t0 + 20 * MINUTE_MS + SESSION_GAP_MS);
    expect(sessions.map((s) => s.rangeDeg)).toEqual([10, 12]);
  });

  it('measures the gap from the previous set\'s end, not its start', () => {
    const long = holdSet(t0, [10], { startedAtMs: 0, endedAtMs: 50 * MINUTE_MS });
    const next = holdSet(t0 + 70 * MINUTE_MS, [12]);
    expect(groupSessions([long, next], HOLD_ID)).toHaveLength(1);
  });

  it('leaves out sets with no completed rep or hold', () => {
    expect(groupSessions([holdSet(t0, [], { reps: 0 }), repSet(t0, 150, 0)], HOLD_ID)).toEqual([]);
  });
});

describe('weeklySummaries', () => {
  const monday = localMidnightMs(2025, 12, 22); // 2025-W52

  it('gives every week from the first to the last, missed weeks included, with gains', () => {
    const sets = [
      holdSet(monday + 8 * HOUR_MS, [9, 10, 11]),
      holdSet(monday + DAY_MS + 8 * HOUR_MS, [12, 12, 12]), // session medians 10 and 12 -> week 11
      holdSet(monday + WEEK_MS + 8 * HOUR_MS, [13, 14, 15]), // week 14 -> gain 3
      holdSet(monday + 3 * WEEK_MS + 8 * HOUR_MS, [16]), // after a missed week: no gain
      holdSet(monday + 4 * WEEK_MS + 8 * HOUR_MS, [17]),
    ];
    const weeks = weeklySummaries(sets, { exerciseId: HOLD_ID, fromMs: monday, toMs: monday + 4 * WEEK_MS, sessionsPerWeek: 14 });
    expect(weeks.map((w) => isoWeekLabel(w.week))).toEqual(['2025-W52', '2026-W01', '2026-W02', '2026-W03', '2026-W04']);
    expect(weeks.map((w) => w.sessions)).toEqual([2, 1, 0, 1, 1]);
    expect(weeks.map((w) => w.medianRangeDeg)).toEqual([11, 14, null, 16, 17]);
    expect(weeks.map((w) => w.gainDeg)).toEqual([null, 3, null, null, 1]);
    expect(weeks[0].sessionRangesDeg).toEqual([10, 12]);
    expect(weeks[0].adherence).toBeCloseTo(2 / 14, 12);
  });

  it('covers at most twenty years, however far back a (damaged) record is dated', () => {
    const sets = [holdSet(-1e13, [10]), holdSet(monday + HOUR_MS, [12])];
    const weeks = weeklySummaries(sets, { exerciseId: HOLD_ID, fromMs: -1e13, toMs: monday, sessionsPerWeek: 14 });
    expect(weeks).toHaveLength(MAX_SUMMARY_WEEKS + 1);
    expect(weeks.at(-1)?.medianRangeDeg).toBe(12);
  });

  it('gives the first week a gain when the week before it has data', () => {
    const sets = [holdSet(monday - WEEK_MS + HOUR_MS, [10]), holdSet(monday + HOUR_MS, [12.5])];
    const [w] = weeklySummaries(sets, { exerciseId: HOLD_ID, fromMs: monday, toMs: monday, sessionsPerWeek: 14 });
    expect(Math.abs(w.gainDeg! - 2.5)).toBeLessThan(EPSILON_DEG);
    expect(w.gainDeg!).toBeLessThan(NOISE_BAND_DEG);
  });

  it('treats weeks before notBeforeMs as empty', () => {
    const sets = [holdSet(monday + HOUR_MS, [10]), holdSet(monday + WEEK_MS + HOUR_MS, [12])];
    const weeks = weeklySummaries(sets, { exerciseId: HOLD_ID, fromMs: monday, toMs: monday + WEEK_MS, sessionsPerWeek: 14, notBeforeMs: monday + WEEK_MS + DAY_MS });
    expect(weeks.map((w) => [w.sessions, w.medianRangeDeg, w.gainDeg])).toEqual([
      [0, null, null],
      [1, 12, null],
    ]);
  });

  it('keeps the raw adherence ratio and caps the shown one at 100 %', () => {
    const sets = [0, 2, 4, 6].map((d) => repSet(monday + d * DAY_MS + 18 * HOUR_MS, 150));
    const [w] = weeklySummaries(sets, { exerciseId: PULLOVER_ID, fromMs: monday, toMs: monday, sessionsPerWeek: PULLOVER_PER_WEEK });
    expect(w.sessions).toBe(4);
    expect(w.adherence).toBeCloseTo(4 / PULLOVER_PER_WEEK, 12);
    expect(w.adherenceShown).toBe(1);
  });

  it('assigns a late-Sunday session to its local week', () => {
    // Sunday 23:30 in New York is Monday 04:30 UTC.
    const nyMonday = localMidnightMs(2026, 1, 5, NEW_YORK);
    const lateSunday = nyMonday + 6 * DAY_MS + 23 * HOUR_MS + 30 * MINUTE_MS;
    const sets = [holdSet(lateSunday, [10])];
    const opts = { exerciseId: HOLD_ID, fromMs: nyMonday, toMs: nyMonday + WEEK_MS, sessionsPerWeek: 14 };
    expect(weeklySummaries(sets, { ...opts, utcOffsetMinutes: NEW_YORK }).map((w) => w.sessions)).toEqual([1, 0]);
    // Read in UTC the same set falls in the next week.
    expect(weeklySummaries(sets, { ...opts, fromMs: Date.UTC(2026, 0, 5), toMs: Date.UTC(2026, 0, 12) }).map((w) => w.sessions)).toEqual([0, 1]);
  });

  it('reads generated histories: one session a sitting, the week\'s median at the planned level', () => {
    const { sets } = generateWeek({ weekStartMs: monday, stage: 2, dose: { sets: 1, reps: 10, holdSeconds: 12, perDay: 2 }, plan: { rangeDeg: 13.7 } });
    const [w] = weeklySummaries(sets, { exerciseId: HOLD_ID, fromMs: monday, toMs: monday, sessionsPerWeek: 14 });
    expect(w.sessions).toBe(14);
    expect(w.adherence).toBe(1);
    expect(Math.abs(w.medianRangeDeg! - 13.7)).toBeLessThan(EPSILON_DEG);
    // Every set has one hold released early: recorded, not counted.
    expect(sets.every((s) => s.summary.holds.filter((h) => !h.completed).length === 1)).toBe(true);
  });
});

describe('todaysSessions', () => {
  const T = 1_800_000_000_000;
  const dose = { reps: 10 };
  it('an empty set is no session; a set short of the dose is partial; one that reached it is done', () => {
    const empty = holdSet(T, [], { reps: 0, complete: false });
    expect(todaysSessions([empty], HOLD_ID, dose)).toEqual({ complete: 0, partial: [] });
    const short = holdSet(T + HOUR_MS, [8, 8, 8, 8], { complete: false, shortHolds: 1 });
    expect(todaysSessions([empty, short], HOLD_ID, dose)).toEqual({ complete: 0, partial: [{ startMs: T + HOUR_MS, text: '4 of 10 holds, 1 short' }] });
    const full = holdSet(T + 5 * HOUR_MS, Array(10).fill(8));
    expect(todaysSessions([empty, short, full], HOLD_ID, dose).complete).toBe(1);
  });

  it('two sets close together that add up to the dose make one done session', () => {
    const a = holdSet(T, [8, 8, 8, 8, 8, 8], { complete: false });
    const b = holdSet(T + 10 * MINUTE_MS, [8, 8, 8, 8], { complete: false });
    expect(todaysSessions([a, b], HOLD_ID, dose)).toEqual({ complete: 1, partial: [] });
  });

  it('only counts the exercise asked about; a short-holds-only set is partial', () => {
    const other = repSet(T, 120, 10);
    const onlyShort = { ...holdSet(T + HOUR_MS, [], { reps: 0, complete: false, shortHolds: 2 }), summary: summary({ reps: 0, holds: [hold(5, false), hold(5, false)], shortHolds: 2, complete: false }) };
    expect(todaysSessions([other, onlyShort], HOLD_ID, dose)).toEqual({ complete: 0, partial: [{ startMs: T + HOUR_MS, text: '0 of 10 holds, 2 short' }] });
  });
});
