import { describe, expect, it } from 'vitest';
import { applyDecision, decideWeek, startProgramme, type CheckIn, type SetLike } from '../progression';
import { rangeCheckOf } from '../progression/test-histories';
import { snapshotRecord, summary } from '../storage/test-records';
import { buildReport, REPORT_WEEKS, type ReportRecords } from './report';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MIN_MS = 60_000;
/** Thursday 22 January 2026, 12:00 UTC: the report's week began on Monday 19 January. */
const NOW = Date.UTC(2026, 0, 22, 12);
const at = (month: number, day: number, hour = 9) => Date.UTC(2026, month - 1, day, hour);
const at2025 = (month: number, day: number, hour = 9) => Date.UTC(2025, month - 1, day, hour);

/** A hold set whose completed holds peaked at `peaksDeg` (the session's range is their median). */
function holdSet(startedAt: number, peaksDeg: readonly number[], exerciseId = 'wall-extension-hold'): SetLike {
  return {
    exerciseId,
    startedAt,
    summary: summary(0, 5 * MIN_MS, {
      exerciseId,
      reps: peaksDeg.length,
      holds: peaksDeg.map((p, i) => ({ startMs: i * 15_000, endMs: i * 15_000 + 10_000, durationMs: 10_000, peakDeg: p, medianDeg: p, completed: true })),
    }),
  };
}

/** A timed set (cat-cow) with its median cycle peak. */
function timedSet(startedAt: number, medianDeg: number, exerciseId = 'cat-cow'): SetLike {
  return { exerciseId, startedAt, summary: summary(0, MIN_MS, { exerciseId, kind: 'timed', reps: 6, holds: [], medianDeg }) };
}

const checkIn = (atMs: number, pain: number, over: Partial<CheckIn> = {}): CheckIn => ({ atMs, pain, redFlags: [], comfortable: pain <= 1, ...over });

const EMPTY: ReportRecords = { sets: [], snapshots: [], programme: null, rangeChecks: [], checkIns: [] };

/** Stage 2 from Monday 5 January; three weeks of wall holds; range checks before and in the period; check-ins with every new field. */
function fullRecords(): ReportRecords {
  const programme = startProgramme(at(1, 5, 8), 2);
  const sets = [
    timedSet(at2025(12, 30), 20), // before the programme: another exercise's session
    holdSet(at(1, 5), [8]),
    holdSet(at(1, 6), [9]),
    holdSet(at(1, 7), [10]),
    holdSet(at(1, 13), [11]),
    holdSet(at(1, 14), [12]),
    holdSet(at(1, 20), [15]),
    holdSet(at(1, 24), [30]), // after the report's moment: left out
  ];
  const rangeChecks = [
    rangeCheckOf(at2025(12, 17, 18), { reach: 150, 'rotation-left': 40 }),
    rangeCheckOf(at(1, 7, 18), { reach: 152, 'rotation-left': 42 }),
    rangeCheckOf(at(1, 21, 18), { reach: 160, 'rotation-left': 43 }),
    rangeCheckOf(at(1, 25, 18), { reach: 170 }), // future
  ];
  const snapshots = [
    { ...snapshotRecord('old', at2025(12, 1)), headForwardDeg: 44 },
    { ...snapshotRecord('latest', at(1, 20)), headForwardDeg: 47.5, trunkExtensionDeg: null },
    { ...snapshotRecord('future', at(2, 1)), headForwardDeg: 60 },
  ];
  const checkIns = [
    checkIn(at2025(11, 20), 4, { redFlags: ['burning'] }),
    checkIn(at2025(12, 10), 3, { redFlags: ['sharp-pain'] }),
    checkIn(at(1, 5, 10), 2, { tension: 5, sleep: 'poor', turning: 'harder' }),
    checkIn(at(1, 7, 10), 3),
    checkIn(at(1, 13, 10), 1, { tension: 4, sleep: 'fair', reaching: 'same' }),
    checkIn(at(1, 19, 10), 0, { tension: 3, sleep: 'good', turning: 'easier', reaching: 'easier' }),
    checkIn(at(1, 21, 10), 5, { redFlags: ['nerve-symptoms', 'tingling'], tension: 12 }),
    checkIn(at(1, 23, 10), 9, { redFlags: ['sharp-pain'] }), // future
  ];
  return { sets, snapshots, programme, rangeChecks, checkIns };
}

describe('buildReport: period', () => {
  it('covers the current ISO week to date and the three whole weeks before it', () => {
    const r = buildReport(EMPTY, { nowMs: NOW });
    expect(REPORT_WEEKS).toBe(4);
    expect(r.date).toBe('2026-01-22');
    expect(r.period.fromDate).toBe('2025-12-29');
    expect(r.period.toDate).toBe('2026-01-22');
    expect(r.period.weeks.map((w) => [w.startDate, w.lastDate, w.current])).toEqual([
      ['2025-12-29', '2026-01-04', false],
      ['2026-01-05', '2026-01-11', false],
      ['2026-01-12', '2026-01-18', false],
      ['2026-01-19', '2026-01-22', true],
    ]);
  });

  it('uses local dates at the given offset (New York, Sunday evening)', () => {
    // 19 January 03:00 UTC is Sunday 18 January 22:00 in New York (UTC-5).
    const now = at(1, 19, 3);
    const r = buildReport({ ...EMPTY, checkIns: [checkIn(at(1, 19, 2), 4)] }, { nowMs: now, utcOffsetMinutes: -300 });
    expect(r.date).toBe('2026-01-18');
    expect(r.period.weeks[3].startDate).toBe('2026-01-12');
    expect(r.period.fromDate).toBe('2025-12-22');
    expect(r.checkIns.weeks.map((w) => w.checkIns)).toEqual([0, 0, 0, 1]);
  });
});

describe('buildReport: nothing on record', () => {
  it('says empty, with every section empty rather than invented', () => {
    const r = buildReport(EMPTY, { nowMs: NOW });
    expect(r.empty).toBe(true);
    expect(r.programme).toBeNull();
    expect(r.adherence.hasProgramme).toBe(false);
    expect(r.adherence.weeks.map((w) => [w.done, w.prescribed, w.other])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(r.range.checks).toEqual([]);
    expect(r.range.exercises).toEqual([]);
    expect(r.range.checksOnRecord).toBe(0);
    expect(r.snapshot).toBeNull();
    expect(r.checkIns.total).toBe(0);
    expect(r.checkIns.weeks.every((w) => w.pain === null && w.tension === null)).toBe(true);
    expect(r.checkIns.answered).toEqual({ tension: false, sleep: false, turning: false, reaching: false });
    expect(r.redFlags).toEqual({ inPeriod: [], earlier: null });
  });
});

describe('buildReport: a person on stage 2 for three weeks', () => {
  const r = buildReport(fullRecords(), { nowMs: NOW });

  it('is not empty', () => {
    expect(r.empty).toBe(false);
  });

  it('gives the stage, its dose and how long the person has been on it', () => {
    expect(r.programme).toEqual({
      stage: 2,
      stageName: 'Static holds',
      exerciseName: 'Wall extension hold',
      sinceDate: '2026-01-05',
      weekOfStage: 3,
      daysOnStage: 17,
      dose: '10 holds of 10 s',
      frequency: 'twice a day',
      onHoldSinceDate: null,
      lastDecision: null,
    });
  });

  it('counts sessions done against prescribed, week by week, leaving out sets after now', () => {
    // Twice a day is 14 a week; nothing is prescribed before the programme began.
    expect(r.adherence.weeks.map((w) => [w.week.startDate, w.done, w.prescribed, w.other])).toEqual([
      ['2025-12-29', 0, 0, 1],
      ['2026-01-05', 3, 14, 0],
      ['2026-01-12', 2, 14, 0],
      ['2026-01-19', 1, 14, 0],
    ]);
    expect([r.adherence.done, r.adherence.prescribed, r.adherence.other]).toEqual([6, 42, 1]);
  });

  it("charts the stage exercise's weekly median with its ±3° noise band and the last weekly change", () => {
    expect(r.range.exercises).toHaveLength(1);
    const [ex] = r.range.exercises;
    expect(ex.kind).toBe('exercise');
    expect(ex.id).toBe('wall-extension-hold');
    expect(ex.points.map((p) => [p.weekIndex, p.date, p.valueDeg, p.plusMinusDeg])).toEqual([
      [1, '2026-01-05', 9, 3],
      [2, '2026-01-12', 11.5, 3],
      [3, '2026-01-19', 15, 3],
    ]);
    expect(ex.lastChange).toEqual({ fromDate: '2026-01-12', changeDeg: 3.5, errorDeg: 3, beyondError: true });
  });

  it('lists each range-check measure with a value in the period, its ± and the change on the check before', () => {
    expect(r.range.checksOnRecord).toBe(3);
    expect(r.range.checks.map((t) => t.id)).toEqual(['reach', 'rotation-left']);
    const [reach, left] = r.range.checks;
    expect(reach.name).toBe('Overhead reach');
    expect(reach.points.map((p) => [p.weekIndex, p.date, p.valueDeg, p.plusMinusDeg])).toEqual([
      [1, '2026-01-07', 152, 1],
      [3, '2026-01-21', 160, 1],
    ]);
    // 8° against reach's 5° error: more than the error.
    expect(reach.lastChange).toEqual({ fromDate: '2026-01-05', changeDeg: 8, errorDeg: 5, beyondError: true });
    expect(left.lastChange?.changeDeg).toBe(1);
    expect(left.lastChange?.beyondError).toBe(false);
  });

  it('gives the latest snapshot up to now, with a refused number said as refused', () => {
    expect(r.snapshot).toEqual({
      date: '2026-01-20',
      inPeriod: true,
      headForwardDeg: 47.5,
      headForwardPlusMinusDeg: 1.1,
      headForwardRefused: null,
      trunkExtensionDeg: null,
      trunkExtensionPlusMinusDeg: null,
      trunkExtensionRefused: 'Your hips are not visible.',
      inPeriodCount: 1,
    });
  });

  it('summarizes pain, tension, sleep, turning and reaching per week; tension clamped to 0-10', () => {
    const w = r.checkIns.weeks;
    expect(w.map((x) => x.checkIns)).toEqual([0, 2, 1, 2]);
    expect(r.checkIns.total).toBe(5);
    expect(w[0].pain).toBeNull();
    expect(w[1].pain).toEqual({ answers: 2, median: 2.5, min: 2, max: 3 });
    expect(w[1].tension).toEqual({ answers: 1, median: 5, min: 5, max: 5 });
    expect(w[1].sleep).toEqual({ poor: 1, fair: 0, good: 0 });
    expect(w[1].turning).toEqual({ harder: 1, same: 0, easier: 0 });
    expect(w[2].reaching).toEqual({ harder: 0, same: 1, easier: 0 });
    expect(w[3].pain).toEqual({ answers: 2, median: 2.5, min: 0, max: 5 });
    expect(w[3].tension).toEqual({ answers: 2, median: 6.5, min: 3, max: 10 });
    expect(w[3].sleep).toEqual({ poor: 0, fair: 0, good: 1 });
    expect(r.checkIns.answered).toEqual({ tension: true, sleep: true, turning: true, reaching: true });
  });

  it('lists red flags in the period with their dates, and counts earlier ones', () => {
    expect(r.redFlags.inPeriod).toEqual([{ date: '2026-01-21', atMs: at(1, 21, 10), flags: ['tingling', 'nerve-symptoms'], words: ['tingling', 'nerve-like symptoms'], pain: 5 }]);
    expect(r.redFlags.earlier).toEqual({ count: 2, lastDate: '2025-12-10' });
  });
});

describe('buildReport: programme states', () => {
  it('says when progression is on hold, and prescribes nothing after the hold began', () => {
    const records = fullRecords();
    const programme = { ...records.programme!, onHoldSinceMs: at(1, 20, 10) };
    const r = buildReport({ ...records, programme }, { nowMs: NOW });
    expect(r.programme?.onHoldSinceDate).toBe('2026-01-20');
    // Monday and Tuesday of the current week: 2 of 7 days of 14 sessions.
    expect(r.adherence.weeks[3].prescribed).toBe(4);
  });

  it('gives the latest weekly decision', () => {
    const records = fullRecords();
    const decidedAt = at(1, 19, 8);
    const decision = decideWeek({ state: records.programme!, sets: records.sets, checkIns: records.checkIns, atMs: decidedAt });
    const programme = applyDecision(records.programme!, decision, decidedAt);
    const r = buildReport({ ...records, programme }, { nowMs: NOW });
    expect(r.programme?.lastDecision).toEqual({ weekDate: '2026-01-12', decision: decision.decision });
  });

  it('without a programme: nothing prescribed, every session counted as other, the exercises done most charted', () => {
    const sets = [timedSet(at(1, 13), 20), timedSet(at(1, 15), 22), holdSet(at(1, 14), [10])];
    const r = buildReport({ ...EMPTY, sets }, { nowMs: NOW });
    expect(r.empty).toBe(false);
    expect(r.adherence.hasProgramme).toBe(false);
    expect([r.adherence.done, r.adherence.prescribed, r.adherence.other]).toEqual([0, 0, 3]);
    expect(r.range.exercises.map((t) => [t.id, t.points.map((p) => p.valueDeg)])).toEqual([
      ['cat-cow', [21]],
      ['wall-extension-hold', [10]],
    ]);
    expect(r.range.exercises[0].lastChange).toBeNull();
  });

  it('shows a snapshot from before the period as such', () => {
    const r = buildReport({ ...EMPTY, snapshots: [snapshotRecord('old', at2025(11, 3))] }, { nowMs: NOW });
    expect(r.snapshot?.inPeriod).toBe(false);
    expect(r.snapshot?.inPeriodCount).toBe(0);
    expect(r.snapshot?.headForwardDeg).toBe(49.25);
  });
});
