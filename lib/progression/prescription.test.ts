import { describe, expect, it } from 'vitest';
import { applyDecision, startProgramme, type WeekDecision } from './decide';
import { ladderStep } from './ladder';
import { DAY_MS, isoWeekOf, WEEK_MS } from './metrics';
import { prescribedSessions, stagePeriods } from './prescription';

const CET = 60;
// Sunday 2026-11-29 20:00 CET.
const SUNDAY = Date.UTC(2026, 10, 29, 19, 0);
const HOLD = 'wall-extension-hold';
const CAT_COW = 'cat-cow';

describe('prescribed sessions', () => {
  it('a programme started today prescribes nothing in earlier weeks, and this week only from today', () => {
    const p = startProgramme(SUNDAY, 2);
    const thisWeek = isoWeekOf(SUNDAY, CET);
    for (let i = 1; i <= 12; i++) expect(prescribedSessions(p, HOLD, isoWeekOf(thisWeek.startMs - i * WEEK_MS + DAY_MS, CET), CET)).toBe(0);
    // Sunday is the week's last day: twice a day, one day.
    expect(prescribedSessions(p, HOLD, thisWeek, CET)).toBe(2);
    // Started on a Monday: the whole week.
    const monday = thisWeek.startMs + 9 * 3_600_000;
    expect(prescribedSessions(startProgramme(monday, 2), HOLD, thisWeek, CET)).toBe(ladderStep(2).sessionsPerWeek);
  });

  it('exercises outside the programme are never prescribed', () => {
    const p = startProgramme(SUNDAY - 20 * DAY_MS, 2);
    const week = isoWeekOf(SUNDAY - 7 * DAY_MS, CET);
    expect(prescribedSessions(p, HOLD, week, CET)).toBe(14);
    expect(prescribedSessions(p, 'squat', week, CET)).toBe(0);
    expect(prescribedSessions(null, HOLD, week, CET)).toBe(0);
  });

  it('after an advance, the old stage is prescribed up to the decision and the new one after', () => {
    const start = isoWeekOf(SUNDAY - 35 * DAY_MS, CET).startMs + 3_600_000 * 10;
    let p = startProgramme(start, 1);
    const judged = isoWeekOf(start, CET);
    const decision: WeekDecision = {
      decision: 'advance',
      reasons: ['test'],
      stage: 1,
      weekOfStage: 1,
      weeksTrained: 1,
      nextStage: 2,
      nextDose: ladderStep(2).dose,
      weekStartMs: judged.startMs,
      measurements: { week: judged, sessions: 0, sessionsPrescribed: 0, adherence: 0, adherenceShown: 0, medianRangeDeg: null, gainDeg: null, previousGainDeg: null, maxPain: null, checkIns: 0 },
      redFlags: [],
    };
    const decidedAt = judged.endMs + 3_600_000 * 10;
    p = applyDecision(p, decision, decidedAt);
    expect(stagePeriods(p, CET).map((x) => [x.stage, x.toMs === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    const next = isoWeekOf(decidedAt, CET);
    expect(prescribedSessions(p, CAT_COW, judged, CET)).toBe(ladderStep(1).sessionsPerWeek);
    expect(prescribedSessions(p, CAT_COW, isoWeekOf(next.startMs + 7 * DAY_MS, CET), CET)).toBe(0);
    expect(prescribedSessions(p, HOLD, judged, CET)).toBe(0);
    // The week of the advance: cat-cow for its first day (Monday), holds from then on.
    expect(prescribedSessions(p, CAT_COW, next, CET)).toBe(3);
    expect(prescribedSessions(p, HOLD, next, CET)).toBe(14);
  });

  it('nothing is prescribed while progression is on hold', () => {
    const p = { ...startProgramme(SUNDAY - 20 * DAY_MS, 2), onHoldSinceMs: SUNDAY - 15 * DAY_MS };
    expect(prescribedSessions(p, HOLD, isoWeekOf(SUNDAY - 7 * DAY_MS, CET), CET)).toBe(0);
  });
});
