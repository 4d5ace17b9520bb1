import { describe, expect, it } from 'vitest';
import type { LadderStage } from '../exercise/types';
import type { CheckIn } from './check-ins';
import { applyDecision, decideWeek, MAX_WEEKS_ON_STAGE, resumeProgramme, startProgramme, type ProgrammeState, type WeekDecision } from './decide';
import { ladderStep } from './ladder';
import { DAY_MS, NOISE_BAND_DEG, WEEK_MS, type SetLike } from './metrics';
import { generateWeek, localMidnightMs, rangeCheckOf, simulateProgramme, steadyPlans, type WeekPlan } from './test-histories';

const WEEKS = 12;
/** Monday 3 November 2025: twelve weeks run across the new year (2026-W01 starts 29 December). */
const START = localMidnightMs(2025, 11, 3);
const HOUR_MS = 3_600_000;
/** A clear weekly gain, above the 3 deg noise band. */
const GAIN_DEG = 4;
const SYDNEY = 660;
const NEW_YORK = -300;

const decisionsOf = (ds: readonly WeekDecision[]) => ds.map((d) => d.decision);
const text = (d: WeekDecision) => d.reasons.join(' ');

describe('decideWeek on generated 12-week histories', () => {
  it('steady gains: stays and grows the hold by whole seconds each week, advancing only at week 6', () => {
    const sim = simulateProgramme({ startMs: START, stage: 2, plans: [...steadyPlans(6, 8, GAIN_DEG), ...steadyPlans(6, 150, GAIN_DEG)] });
    expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'stay', 'stay', 'stay', 'advance', 'stay', 'stay', 'stay', 'stay', 'stay', 'advance']);
    expect(sim.stages).toEqual([2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
    // 10 s, then +7.5 % a week rounded to whole seconds: 10.75, 11.825, 12.9, 13.975, 15.05.
    expect(sim.doses.slice(0, 6).map((d) => d.holdSeconds)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(sim.doses.slice(6).map((d) => d.reps)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(sim.decisions.map((d) => d.weekOfStage)).toEqual([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]);
    expect(text(sim.decisions[1])).toContain('Your range grew 4.0° this week (median 8.0° → 12.0°)');
    expect(text(sim.decisions[1])).toContain('grow each hold from 11 s to 12 s (7.5 % a week)');
    expect(text(sim.decisions[1])).toContain('You did 14 sessions of the 14 prescribed this week (100 %)');
    expect(sim.state.stage).toBe(4);
    expect(sim.state.dose).toEqual(ladderStep(4).dose);
  });

  it('week 6 reached without a plateau: advances and says why', () => {
    const sim = simulateProgramme({ startMs: START, stage: 2, plans: steadyPlans(6, 8, GAIN_DEG) });
    const week6 = sim.decisions[MAX_WEEKS_ON_STAGE - 1];
    expect(week6.decision).toBe('advance');
    expect(week6.measurements.gainDeg).toBeGreaterThanOrEqual(NOISE_BAND_DEG);
    expect(week6.weeksTrained).toBe(6);
    expect(week6.reasons[0]).toBe('You have trained 6 weeks on stage 2; the ladder suggests at most 6 weeks on one stage.');
    expect(text(week6)).toContain('Move on to stage 3 (Eccentric strength): Swiss ball hip extension, slow lowering, 2 x 10 reps, once a day.');
    expect(week6.nextStage).toBe(3);
    expect(week6.nextDose).toEqual(ladderStep(3).dose);
  });

  it('grows cat-cow by the chosen percent, in whole seconds', () => {
    const seconds = (growthPercent: number) =>
      simulateProgramme({ startMs: START, stage: 1, growthPercent, plans: steadyPlans(6, 20, GAIN_DEG) }).doses.map((d) => d.durationSeconds);
    expect(seconds(5)).toEqual([30, 32, 34, 36, 38, 40]); // 31.5, 33.6, 35.7, 37.8, 39.9
    expect(seconds(7.5)).toEqual([30, 32, 34, 37, 40, 43]); // 32.25, 34.4, 36.55, 39.775, 43
    expect(seconds(10)).toEqual([30, 33, 36, 40, 44, 48]); // 33, 36.3, 39.6, 44, 48.4
    expect(seconds(25)).toEqual(seconds(10));
  });

  it('plateau: advances after two weeks under 3°, citing both gains', () => {
    const sim = simulateProgramme({
      startMs: START,
      stage: 2,
      plans: [
        ...[10, 14, 15.2, 16].map((rangeDeg) => ({ rangeDeg })),
        ...[150, 151, 151.5].map((rangeDeg) => ({ rangeDeg })),
        ...steadyPlans(5, 95, GAIN_DEG),
      ],
    });
    expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'stay', 'advance', 'stay', 'stay', 'advance', 'stay', 'stay', 'stay', 'stay', 'stay']);
    expect(sim.stages).toEqual([2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4]);
    // Week 3: one week under 3° is not yet a plateau.
    expect(text(sim.decisions[2])).toContain('Your range changed by 1.2° this week (median 14.0° → 15.2°), under the 3° noise band, but the week before it was 4.0°');
    const week4 = sim.decisions[3];
    expect(week4.reasons[0]).toBe('Your weekly range gain was 1.2° and 0.8° for the last 2 weeks: under 3°, so you have plateaued.');
    expect(week4.reasons[1]).toBe('Pain stayed at 1/10 or less and it felt comfortable in all 4 check-ins of the last 2 weeks.');
    expect(week4.measurements.gainDeg).toBeCloseTo(0.8, 9);
    expect(week4.measurements.previousGainDeg).toBeCloseTo(1.2, 9);
    expect(week4.weekOfStage).toBe(4);
    // Stage 3 plateaus after its third week (its first has nothing to compare with).
    expect(sim.decisions[6].reasons[0]).toBe('Your weekly range gain was 1.0° and 0.5° for the last 2 weeks: under 3°, so you have plateaued.');
    expect(sim.doses.slice(7).map((d) => d.reps)).toEqual([10, 11, 12, 13, 14]);
    expect(sim.state.stage).toBe(4);
  });

  it('plateau without being pain-free or comfortable: stays', () => {
    const flat = (extra: Partial<WeekPlan>) => simulateProgramme({ startMs: START, stage: 2, plans: [10, 10.5, 11, 11.2].map((rangeDeg) => ({ rangeDeg, ...extra })) });
    const mild = flat({ pain: [2, 2] }).decisions[3];
    expect(mild.decision).toBe('stay');
    expect(text(mild)).toContain('you have plateaued');
    expect(text(mild)).toContain('Your pain reached 2/10 in the last 2 weeks: moving on needs 1/10 or less.');
    const awkward = flat({ comfortable: false }).decisions[3];
    expect(awkward.decision).toBe('stay');
    expect(text(awkward)).toContain('In 4 of 4 check-ins of the last 2 weeks it did not feel comfortable');
    const silent = flat({ pain: [] }).decisions[3];
    expect(silent.decision).toBe('stay');
    expect(text(silent)).toContain('There was no check-in in the week starting Monday 2025-11-17 and 2025-11-24');
  });

  it('rising pain: backs off by 20 %, then grows again once it settles', () => {
    const plans: WeekPlan[] = steadyPlans(WEEKS, 8, GAIN_DEG).map((p, i) => (i === 3 ? { ...p, pain: [1, 2, 3] } : p));
    const sim = simulateProgramme({ startMs: START, stage: 2, plans });
    expect(decisionsOf(sim.decisions).slice(0, 6)).toEqual(['stay', 'stay', 'stay', 'back-off', 'stay', 'advance']);
    const week4 = sim.decisions[3];
    // From 0/10 the week before to 1, 2 and 3: both kinds of rising.
    expect(week4.reasons.slice(0, 2)).toEqual([
      "Your pain is rising: this week's highest was 3/10, up from 0/10 the week before (a rise of 2 points or more).",
      'Your pain rose in 3 check-ins in a row: 1, 2 and 3 out of 10 (rising and at 2/10 or more).',
    ]);
    expect(text(week4)).toContain('Cut each hold from 13 s to 10 s (20 % less) and stay on stage 2');
    expect(sim.doses.slice(0, 6).map((d) => d.holdSeconds)).toEqual([10, 11, 12, 13, 10, 11]);
    // The week after: the painful week is one of the last two, so no advance yet.
    expect(text(sim.decisions[4])).toContain('Your pain reached 3/10 in the last 2 weeks');
  });

  it('backs off at 4/10, and when the week\'s worst pain rises by 2 points', () => {
    const run = (pains: readonly (readonly number[])[]) =>
      simulateProgramme({ startMs: START, stage: 2, plans: pains.map((pain, i) => ({ rangeDeg: 8 + i * GAIN_DEG, pain })) }).decisions;
    const high = run([[0, 0], [4]])[1];
    expect(high.decision).toBe('back-off');
    expect(high.reasons[0]).toBe('Your pain reached 4/10 this week: at 4/10 or more it is time to back off.');
    const rising = run([[1, 1], [0, 3]])[1];
    expect(rising.decision).toBe('back-off');
    expect(rising.reasons[0]).toBe("Your pain is rising: this week's highest was 3/10, up from 1/10 the week before (a rise of 2 points or more).");
    // Up only a point on the week before's worst, but three check-ins in a row.
    const streak = run([[2, 2], [1, 2, 3]])[1];
    expect(streak.decision).toBe('back-off');
    expect(streak.reasons).toHaveLength(2);
    expect(streak.reasons[0]).toBe('Your pain rose in 3 check-ins in a row: 1, 2 and 3 out of 10 (rising and at 2/10 or more).');
    // Steady 3/10 is neither high nor rising: stay and grow.
    const steady = run([[3, 3], [3, 3]])[1];
    expect(steady.decision).toBe('stay');
    expect(steady.nextDose.holdSeconds).toBe(12);
  });

  it('backs off no lower than half the stage\'s starting amount', () => {
    const sim = simulateProgramme({ startMs: START, stage: 2, plans: steadyPlans(5, 8, 0, { pain: [5] }) });
    expect(decisionsOf(sim.decisions)).toEqual(['back-off', 'back-off', 'back-off', 'back-off', 'back-off']);
    expect(sim.doses.map((d) => d.holdSeconds)).toEqual([10, 8, 6, 5, 5]);
    expect(text(sim.decisions[4])).toContain('The dose is already at its lightest for stage 2 (10 holds of 5 s)');
  });

  it('a red flag stops progression, whatever else the week shows, and keeps it on hold', () => {
    // Week 4 would advance on a plateau, and week 6 on time; a flag in week 4 stops both.
    const plans: WeekPlan[] = [10, 14, 15.2, 16, 16.5, 16.8, ...Array(6).fill(17)].map((rangeDeg, i) => ({
      rangeDeg,
      ...(i === 3 ? { redFlags: ['tingling', 'burning'] as const } : {}),
    }));
    const sim = simulateProgramme({ startMs: START, stage: 2, plans });
    expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'stay', 'stop', 'stop', 'stop', 'stop', 'stop', 'stop', 'stop', 'stop', 'stop']);
    const week4 = sim.decisions[3];
    expect(week4.redFlags).toEqual(['burning', 'tingling']);
    expect(week4.reasons[0]).toBe(
      'You reported burning and tingling on 2025-11-28: these are red flags, which can point to an irritated nerve rather than a stiff muscle.',
    );
    expect(week4.reasons[1]).toContain('see a clinician');
    expect(week4.nextStage).toBe(2);
    expect(week4.nextDose.holdSeconds).toBe(13);
    expect(sim.decisions[8].reasons[0]).toBe(
      'Progression has been on hold since 2025-12-01 because of a red flag. See a clinician, and resume only once they have cleared you.',
    );
    expect(sim.state.onHoldSinceMs).toBe(START + 4 * WEEK_MS);
    expect(sim.state.stage).toBe(2);
    expect(new Set(sim.doses.slice(4).map((d) => d.holdSeconds))).toEqual(new Set([13]));
  });

  it('a red flag wins over high pain and a missed week', () => {
    const sim = simulateProgramme({ startMs: START, stage: 2, plans: [{ rangeDeg: 10 }, { rangeDeg: 10, sessions: 0, pain: [7], redFlags: ['sharp-pain'] }] });
    expect(sim.decisions[1].decision).toBe('stop');
    expect(sim.decisions[1].reasons[0]).toMatch(/^You reported sharp pain on 2025-11-\d\d: that is a red flag/);
  });

  it('missed week: stays without growing the dose, and it breaks a plateau', () => {
    const plans: WeekPlan[] = [10, 14, 15, 15, 16, 16.5, 17, 21, 25, 29, 33, 37].map((rangeDeg, i) => ({ rangeDeg, ...(i === 3 ? { sessions: 0 } : {}) }));
    const sim = simulateProgramme({ startMs: START, stage: 2, plans });
    const missed = sim.decisions[3];
    expect(missed.decision).toBe('stay');
    expect(missed.reasons).toEqual([
      'You did no sessions in the week starting Monday 2025-11-24 (0 of 14 prescribed), so the dose stays at 10 holds of 13 s and the week does not count towards a plateau or the 6 weeks.',
    ]);
    expect(missed.nextDose).toEqual(sim.doses[3]);
    expect(missed.measurements.sessions).toBe(0);
    expect(sim.doses.slice(0, 6).map((d) => d.holdSeconds)).toEqual([10, 11, 12, 13, 13, 14]);
    // Week 3 gained 1.0° and week 6 0.5°, but the missed week between them leaves weeks 5 and 6
    // without two gains in a row: the plateau comes in week 7.
    expect(sim.decisions[4].measurements.gainDeg).toBeNull();
    expect(decisionsOf(sim.decisions).slice(0, 7)).toEqual(['stay', 'stay', 'stay', 'stay', 'stay', 'stay', 'advance']);
    expect(sim.decisions[6].reasons[0]).toBe('Your weekly range gain was 0.5° and 0.5° for the last 2 weeks: under 3°, so you have plateaued.');
  });

  it('a missed week does not count towards the 6 weeks', () => {
    const plans = steadyPlans(8, 8, GAIN_DEG).map((p, i) => (i === 2 ? { ...p, sessions: 0 } : p));
    const sim = simulateProgramme({ startMs: START, stage: 2, plans });
    expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'stay', 'stay', 'stay', 'stay', 'advance', 'stay']);
    expect(sim.decisions[5].weekOfStage).toBe(6);
    expect(sim.decisions[5].weeksTrained).toBe(5);
    expect(sim.decisions[6].reasons[0]).toBe('You have trained 6 weeks on stage 2; the ladder suggests at most 6 weeks on one stage.');
  });

  it('stage 5 never advances, says why, and grows reps to 16', () => {
    const sim = simulateProgramme({ startMs: START, stage: 5, plans: steadyPlans(WEEKS, 165, 0) });
    expect(sim.decisions.every((d) => d.decision === 'stay')).toBe(true);
    expect(sim.stages.every((s) => s === 5)).toBe(true);
    expect(sim.doses.map((d) => d.reps)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(sim.decisions[WEEKS - 1].nextDose.reps).toBe(16);
    const week3 = sim.decisions[2];
    expect(week3.reasons[0]).toBe('Your weekly range gain was 0.0° and 0.0° for the last 2 weeks: under 3°, so you have plateaued.');
    expect(text(week3)).toContain('Stage 5 is the top of the ladder, so there is no stage to move on to: keep going once or twice a week.');
    expect(text(sim.decisions[WEEKS - 1])).toContain('Stay on stage 5 at 4 x 16 reps, once or twice a week: that is the top of this stage\'s range.');
    expect(text(sim.decisions[0])).toContain('You did 1 session of the 1-2 prescribed this week (100 %).');
  });

  it('decides the same in any time zone when the history is in local time', () => {
    for (const offset of [SYDNEY, NEW_YORK]) {
      const startMs = localMidnightMs(2025, 11, 3, offset);
      const sim = simulateProgramme({ startMs, stage: 2, utcOffsetMinutes: offset, plans: [10, 14, 15.2, 16].map((rangeDeg) => ({ rangeDeg })) });
      expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'stay', 'advance']);
      expect(sim.decisions.map((d) => d.measurements.sessions)).toEqual([14, 14, 14, 14]);
    }
  });
});

describe('programme state', () => {
  const week = (state: ProgrammeState, i: number, plan: WeekPlan) => generateWeek({ weekStartMs: START + i * WEEK_MS, stage: state.stage, dose: state.dose, plan });

  it('gives the same decision again for a week already decided, and applies it once', () => {
    let state = startProgramme(START, 2);
    const { sets, checkIns } = week(state, 0, { rangeDeg: 10 });
    const monday = START + WEEK_MS;
    const first = decideWeek({ state, sets, checkIns, atMs: monday });
    state = applyDecision(state, first, monday);
    expect(state.dose.holdSeconds).toBe(11);
    const again = decideWeek({ state, sets, checkIns, atMs: monday + 2 * DAY_MS });
    expect(again).toEqual(first);
    expect(applyDecision(state, again, monday + 2 * DAY_MS)).toBe(state);
    expect(state.history).toHaveLength(1);
    expect(state.history[0].atMs).toBe(monday);
  });

  it('stops on a red flag reported after the week was decided, and resumes when cleared', () => {
    let state = startProgramme(START, 2);
    const w0 = week(state, 0, { rangeDeg: 10 });
    const monday = START + WEEK_MS;
    state = applyDecision(state, decideWeek({ state, ...w0, atMs: monday }), monday);
    const flag: CheckIn = { atMs: monday + DAY_MS, pain: 1, redFlags: ['nerve-symptoms'], comfortable: false };
    const checkIns = [...w0.checkIns, flag];
    const stop = decideWeek({ state, sets: w0.sets, checkIns, atMs: monday + DAY_MS + HOUR_MS });
    expect(stop.decision).toBe('stop');
    expect(stop.reasons[0]).toContain('nerve-like symptoms on 2025-11-11');
    state = applyDecision(state, stop, monday + DAY_MS + HOUR_MS);
    expect(state.onHoldSinceMs).toBe(monday + DAY_MS + HOUR_MS);
    expect(state.dose.holdSeconds).toBe(11);

    // Cleared by a clinician on Thursday: the Tuesday flag is settled, progression goes on.
    state = resumeProgramme(state, monday + 3 * DAY_MS);
    expect(state.onHoldSinceMs).toBeNull();
    // Asking again the same week does not bring the stop back.
    const sameWeek = decideWeek({ state, sets: w0.sets, checkIns, atMs: monday + 4 * DAY_MS });
    expect(sameWeek.decision).toBe('stay');
    expect(sameWeek.reasons[0]).toBe('You resumed on 2025-11-13 after the hold, at 10 holds of 11 s, twice a day: the next decision comes after this week.');
    expect(applyDecision(state, sameWeek, monday + 4 * DAY_MS)).toBe(state);
    const w1 = week(state, 1, { rangeDeg: 14 });
    const sets: SetLike[] = [...w0.sets, ...w1.sets];
    const next = decideWeek({ state, sets, checkIns: [...checkIns, ...w1.checkIns], atMs: monday + WEEK_MS });
    expect(next.decision).toBe('stay');
    expect(next.nextDose.holdSeconds).toBe(12);
    expect(resumeProgramme(state, 0)).toBe(state);
  });

  it('judges nothing before the stage began', () => {
    const wednesday = START + 2 * DAY_MS;
    const state = startProgramme(wednesday, 2);
    const d = decideWeek({ state, sets: [], checkIns: [], atMs: wednesday + DAY_MS });
    expect(d.decision).toBe('stay');
    expect(d.weekOfStage).toBe(0);
    expect(d.reasons[0]).toBe('Stage 2 began on 2025-11-05, after the week starting Monday 2025-10-27: the first decision on this stage comes after its first week.');
    expect(applyDecision(state, d, wednesday + DAY_MS)).toBe(state);
  });

  it('stops on a red flag even before the stage\'s first week is judged', () => {
    const wednesday = START + 2 * DAY_MS;
    const state = startProgramme(wednesday, 3);
    const flag: CheckIn = { atMs: wednesday + DAY_MS, pain: 2, redFlags: ['sharp-pain'], comfortable: false };
    const d = decideWeek({ state, sets: [], checkIns: [flag], atMs: wednesday + 2 * DAY_MS });
    expect([d.decision, d.weekOfStage]).toEqual(['stop', 0]);
    expect(applyDecision(state, d, wednesday + 2 * DAY_MS).onHoldSinceMs).toBe(wednesday + 2 * DAY_MS);
  });

  it('ignores a result made for another stage', () => {
    const state = startProgramme(START, 3);
    const { sets, checkIns } = week(startProgramme(START, 2), 0, { rangeDeg: 10 });
    const other = decideWeek({ state: startProgramme(START, 2), sets, checkIns, atMs: START + WEEK_MS });
    expect(applyDecision(state, other, START + WEEK_MS)).toBe(state);
  });

  it('stays at the top of the range on stage 4 (20 reps)', () => {
    let state: ProgrammeState = { ...startProgramme(START, 4), dose: { ...ladderStep(4).dose, reps: 19 } };
    const plan = { rangeDeg: 120, pain: [0, 0] };
    const w0 = week(state, 0, plan);
    const d0 = decideWeek({ state, ...w0, atMs: START + WEEK_MS });
    expect(d0.nextDose.reps).toBe(20);
    state = applyDecision(state, d0, START + WEEK_MS);
    const w1 = week(state, 1, { ...plan, rangeDeg: 124 });
    const d1 = decideWeek({ state, sets: [...w0.sets, ...w1.sets], checkIns: [...w0.checkIns, ...w1.checkIns], atMs: START + 2 * WEEK_MS });
    expect(d1.nextDose.reps).toBe(20);
    expect(text(d1)).toContain("Stay on stage 4 at 3 x 20 reps, every second day: that is the top of this stage's range.");
    expect(text(d1)).toContain('You did 4 sessions of the 3.5 prescribed this week (100 %).');
    expect(d1.measurements.adherence).toBeCloseTo(4 / 3.5, 12);
  });

  it('starts a programme at stage 1 by default', () => {
    const s = startProgramme(START);
    expect([s.stage, s.stageStartedAtMs, s.onHoldSinceMs, s.history]).toEqual([1 as LadderStage, START, null, []]);
    expect(s.dose).toEqual(ladderStep(1).dose);
  });
});

describe('decideWeek with weekly range checks', () => {
  /** Wednesday evening of week i. */
  const wed = (i: number) => START + i * WEEK_MS + 2 * DAY_MS + 18 * HOUR_MS;
  type Values = Parameters<typeof rangeCheckOf>[1];
  const checksOf = (weeks: readonly (Values | null)[]) => weeks.flatMap((v, i) => (v ? [rangeCheckOf(wed(i), v)] : []));

  it('a plateau over two weeks from range checks advances, while the exercise\'s own range still grows 4° a week', () => {
    const plans = [...steadyPlans(3, 8, GAIN_DEG), { rangeDeg: 150 }];
    const rangeChecks = checksOf([
      { 'rotation-left': 40, 'rotation-right': 42, reach: 150, extension: 8, 'head-forward': 44 },
      { 'rotation-left': 41, 'rotation-right': 42, reach: 151, extension: 9, 'head-forward': 47 },
      { 'rotation-left': 42, 'rotation-right': 43, reach: 152, extension: 9.5, 'head-forward': 52 },
      { 'rotation-left': 48, 'rotation-right': 44, reach: 153, extension: 10 },
    ]);
    const without = simulateProgramme({ startMs: START, stage: 2, plans });
    expect(decisionsOf(without.decisions)).toEqual(['stay', 'stay', 'stay', 'stay']);
    const sim = simulateProgramme({ startMs: START, stage: 2, plans, rangeChecks });
    expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'advance', 'stay']);
    const week3 = sim.decisions[2];
    expect(week3.reasons[0]).toBe(
      "Range check this week against last week's: rotation to the left 42° (+1°, within its 5° error), rotation to the right 43° (+1°, within its 5° error), overhead reach 152° (+1°, within its 5° error) and standing extension 9.5° (+0.5°, within its 3° error). No test grew by more than its error over the last 2 weeks (since the week starting Monday 2025-11-03): you have plateaued.",
    );
    expect(week3.reasons[1]).toBe("The range check decides whether you are still improving, not the exercise's own range, because it repeats the same tests at every stage.");
    expect(week3.reasons[2]).toBe('Pain stayed at 1/10 or less and it felt comfortable in all 4 check-ins of the last 2 weeks.');
    expect(text(week3)).toContain('Move on to stage 3 (Eccentric strength)');
    // The exercise's own numbers are kept as they were; the range gain came from the check.
    expect(week3.measurements.gainDeg).toBe(GAIN_DEG);
    expect(week3.range?.source).toBe('range-check');
    expect(week3.range?.check?.plateau).toBe(true);
    // Head position is charted, not judged: its +5° over the span changes nothing.
    expect(text(week3)).not.toMatch(/head position/i);

    // Stage 3's first week has no range of its own to compare with, but the range check compares across stages.
    const stage3 = sim.decisions[3];
    expect(stage3.stage).toBe(3);
    expect(stage3.reasons[0]).toBe(
      "Range check this week against last week's: rotation to the left 48° (+6°, more than its 5° error), rotation to the right 44° (+1°, within its 5° error), overhead reach 153° (+1°, within its 5° error) and standing extension 10° (+0.5°, within its 3° error). Rotation to the left grew by more than the error, so you are still improving.",
    );
    expect(stage3.decision).toBe('stay');
  });

  it('checks from before a stage began do not make a plateau on it: the new stage gets its 2 weeks', () => {
    const plans = [...steadyPlans(3, 8, GAIN_DEG), ...steadyPlans(3, 150, GAIN_DEG)];
    const rangeChecks = checksOf([0, 1, 2, 3, 4, 5].map((i) => ({ 'rotation-left': 40 + i * 0.5, reach: 150 + i * 0.5 })));
    const sim = simulateProgramme({ startMs: START, stage: 2, plans, rangeChecks });
    expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'advance', 'stay', 'stay', 'advance']);
    expect(sim.stages).toEqual([2, 2, 2, 3, 3, 3]);
    expect(sim.decisions[3].reasons[0]).toBe(
      "Range check this week against last week's: rotation to the left 41.5° (+0.5°, within its 5° error) and overhead reach 151.5° (+0.5°, within its 5° error). No test grew by more than its error since the last check, but a plateau needs 2 weeks without a gain on stage 3, and there is no check on this stage from 2 or more weeks before to compare with.",
    );
    expect(sim.decisions[4].range?.check?.plateau).toBe(false);
    expect(sim.decisions[5].reasons[0]).toContain('No test grew by more than its error over the last 2 weeks (since the week starting Monday 2025-11-24): you have plateaued.');
  });

  it('a range check that improves keeps you on the stage though the exercise\'s range has plateaued, and a loss is said', () => {
    const plans = [10, 10.5, 11].map((rangeDeg) => ({ rangeDeg }));
    const rangeChecks = checksOf([
      { 'rotation-left': 38, reach: 150, extension: 12 },
      { 'rotation-left': 39, reach: 151, extension: 12 },
      { 'rotation-left': 45, reach: 152, extension: 8 },
    ]);
    expect(decisionsOf(simulateProgramme({ startMs: START, stage: 2, plans }).decisions)).toEqual(['stay', 'stay', 'advance']);
    const sim = simulateProgramme({ startMs: START, stage: 2, plans, rangeChecks });
    expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'stay']);
    const week3 = sim.decisions[2];
    expect(week3.reasons.slice(0, 3)).toEqual([
      "Range check this week against last week's: rotation to the left 45° (+6°, more than its 5° error), overhead reach 152° (+1°, within its 5° error) and standing extension 8° (−4°, more than its 3° error). Rotation to the left grew by more than the error, so you are still improving.",
      'Standing extension fell 4° (12° → 8°), more than its 3° error. One check can be low on a stiff day; if it stays lower at the next check, tell your clinician.',
      "The range check decides whether you are still improving, not the exercise's own range, because it repeats the same tests at every stage.",
    ]);
    expect(text(week3)).toContain('Stay on stage 2 and grow each hold from 12 s to 13 s');
    // Week 2: within error on the week before, nothing two weeks back yet.
    expect(sim.decisions[1].reasons[0]).toContain(
      'No test grew by more than its error since the last check, but a plateau needs 2 weeks without a gain on stage 2, and there is no check on this stage from 2 or more weeks before to compare with.',
    );
  });

  it('small gains that add up beyond the error over two weeks still count as improving', () => {
    const plans = [10, 10.5, 11].map((rangeDeg) => ({ rangeDeg }));
    const rangeChecks = checksOf([{ reach: 146 }, { reach: 150 }, { reach: 154 }]);
    const week3 = simulateProgramme({ startMs: START, stage: 2, plans, rangeChecks }).decisions[2];
    expect(week3.decision).toBe('stay');
    expect(week3.reasons[0]).toBe(
      "Range check this week against last week's: overhead reach 154° (+4°, within its 5° error). Overhead reach grew 8° over the last 2 weeks (from 146° in the week starting 2025-11-03), more than its 5° error, so you are still improving.",
    );
  });

  it('a missed check compares with the last one, and that is already two weeks back', () => {
    const plans = steadyPlans(3, 8, GAIN_DEG);
    const rangeChecks = checksOf([{ 'rotation-right': 40 }, null, { 'rotation-right': 41 }]);
    const week3 = simulateProgramme({ startMs: START, stage: 2, plans, rangeChecks }).decisions[2];
    expect(week3.decision).toBe('advance');
    expect(week3.reasons[0]).toBe(
      'Range check this week against the one of the week starting Monday 2025-11-03: rotation to the right 41° (+1°, within its 5° error). No test grew by more than its error over the last 2 weeks (since the week starting Monday 2025-11-03): you have plateaued.',
    );
  });

  it('falls back to the exercise\'s own range, word for word, without a range check in the judged week', () => {
    const plans = [10, 14, 15.2, 16, 16.5].map((rangeDeg) => ({ rangeDeg }));
    const without = simulateProgramme({ startMs: START, stage: 2, plans });
    // Checks only long before and after: none in any judged week.
    const rangeChecks = [rangeCheckOf(START - 10 * WEEK_MS, { reach: 120 }), rangeCheckOf(START + 20 * WEEK_MS, { reach: 180 })];
    const sim = simulateProgramme({ startMs: START, stage: 2, plans, rangeChecks });
    expect(sim.decisions.map((d) => d.reasons)).toEqual(without.decisions.map((d) => d.reasons));
    expect(decisionsOf(sim.decisions)).toEqual(decisionsOf(without.decisions));
    expect(sim.decisions.every((d) => d.range?.source === 'exercise' && d.range.check === null)).toBe(true);
    // Head position alone is nothing to judge either.
    const head = simulateProgramme({ startMs: START, stage: 2, plans, rangeChecks: checksOf(plans.map((_, i) => ({ 'head-forward': 40 + 5 * i }))) });
    expect(head.decisions.map((d) => d.reasons)).toEqual(without.decisions.map((d) => d.reasons));
  });

  it('a first range check is said, and the exercise\'s own range decides that week', () => {
    const plans = [10, 14, 15.2, 16].map((rangeDeg) => ({ rangeDeg }));
    const without = simulateProgramme({ startMs: START, stage: 2, plans });
    const sim = simulateProgramme({ startMs: START, stage: 2, plans, rangeChecks: checksOf([null, null, null, { reach: 150 }]) });
    expect(decisionsOf(sim.decisions)).toEqual(['stay', 'stay', 'stay', 'advance']);
    const week4 = sim.decisions[3];
    expect(week4.reasons[0]).toBe(without.decisions[3].reasons[0]);
    expect(week4.reasons[1]).toBe(
      "This week's range check has no earlier check to compare with, so the exercise's own range is used this time; the next range check will be compared with it.",
    );
    expect(week4.reasons.slice(2)).toEqual(without.decisions[3].reasons.slice(1));
    expect(week4.range).toMatchObject({ source: 'exercise', check: { compared: false } });
  });

  it('a stop or a back-off says nothing of the range check, and the basis is not stored with the decision', () => {
    const rangeChecks = checksOf([{ reach: 150 }, { reach: 160 }]);
    const sim = simulateProgramme({ startMs: START, stage: 2, plans: [{ rangeDeg: 10 }, { rangeDeg: 14, pain: [5] }], rangeChecks });
    expect(sim.decisions[1].decision).toBe('back-off');
    expect(text(sim.decisions[1])).not.toContain('Range check');
    expect(sim.decisions[1].range?.source).toBe('range-check');
    expect(sim.state.history.every((d) => !('range' in d))).toBe(true);
  });

  it('leaves the last week undecided when asked', () => {
    const sim = simulateProgramme({ startMs: START, stage: 2, plans: steadyPlans(3, 8, GAIN_DEG), decideLast: false });
    expect(sim.decisions).toHaveLength(2);
    expect(sim.doses).toHaveLength(3);
    expect(sim.state.history).toHaveLength(2);
  });
});

describe('decideWeek beyond pain: tension, sleep and movement inform the reasons', () => {
  type Feel = Pick<CheckIn, 'tension' | 'sleep' | 'turning' | 'reaching'>;
  /** Two weeks on stage 2 from START, each check-in given the answers beyond pain in turn; decided on the third Monday. */
  function twoWeeks(weeks: readonly { plan: WeekPlan; feel: readonly Feel[] }[], extra: readonly CheckIn[] = []) {
    let state = startProgramme(START, 2);
    const sets: SetLike[] = [];
    const checkIns: CheckIn[] = [];
    let decision: WeekDecision | null = null;
    for (const [i, { plan, feel }] of weeks.entries()) {
      const w = generateWeek({ weekStartMs: START + i * WEEK_MS, stage: state.stage, dose: state.dose, plan });
      sets.push(...w.sets);
      checkIns.push(...w.checkIns.map((c, k) => ({ ...c, ...feel[k] })));
      if (i === weeks.length - 1) checkIns.push(...extra);
      const atMs = START + (i + 1) * WEEK_MS;
      decision = decideWeek({ state, sets, checkIns, atMs });
      state = applyDecision(state, decision, atMs);
    }
    return decision!;
  }
  const first = { plan: { rangeDeg: 10, pain: [0, 0] }, feel: [{ tension: 5 }, { tension: 5, turning: 'same' as const }] };
  const SENTENCE =
    'Upper-back tension averaged 3/10 over 5 check-ins, down from 5/10 the week before; sleep was good on 4 of 5 nights rated, poor on 1; turning to look behind you felt easier 3 times, harder 0; reaching overhead felt easier once, the same once, harder once.';
  const second: Feel[] = [
    { tension: 4, sleep: 'poor', turning: 'easier', reaching: 'harder' },
    { tension: 3, sleep: 'good', turning: 'easier' },
    { tension: 3, sleep: 'good', reaching: 'same' },
    { tension: 2, sleep: 'good', turning: 'easier' },
    { tension: 3, sleep: 'good', reaching: 'easier' },
  ];

  it('stay and grow: one sentence with the week\'s tension against the week before, nights of good sleep and how turning and reaching felt, before what to do', () => {
    const d = twoWeeks([first, { plan: { rangeDeg: 14, pain: [0, 0, 0, 0, 0] }, feel: second }]);
    expect(d.decision).toBe('stay');
    expect(d.reasons[d.reasons.length - 2]).toBe(SENTENCE);
    expect(d.reasons[d.reasons.length - 1]).toMatch(/^Stay on stage 2 and grow each hold/);
    // The same week without the answers gives the same decision, dose and other reasons.
    const plain = twoWeeks([first, { plan: { rangeDeg: 14, pain: [0, 0, 0, 0, 0] }, feel: [] }]);
    expect(plain.reasons.filter((r) => r !== SENTENCE)).toEqual(d.reasons.filter((r) => r !== SENTENCE));
    expect(plain.reasons).toHaveLength(d.reasons.length - 1);
    expect([plain.decision, plain.nextDose]).toEqual([d.decision, d.nextDose]);
  });

  it('says only what was given: tension up, the same, or without a week before; one night', () => {
    const only = (feel: Feel[], before: Feel[] = []) =>
      twoWeeks([{ plan: first.plan, feel: before }, { plan: { rangeDeg: 14, pain: [0, 0] }, feel }]).reasons.find((r) => /tension|sleep|turning|reaching/i.test(r));
    expect(only([{ tension: 6 }, { tension: 7 }], [{ tension: 4 }])).toBe('Upper-back tension averaged 6.5/10 over 2 check-ins, up from 4/10 the week before.');
    expect(only([{ tension: 4 }], [{ tension: 3 }, { tension: 5 }])).toBe('Upper-back tension averaged 4/10 (one check-in), the same as the week before.');
    expect(only([{ tension: 2 }])).toBe('Upper-back tension averaged 2/10 (one check-in).');
    expect(only([{ sleep: 'fair' }])).toBe('Sleep was good on 0 of 1 night rated, fair on 1.');
    expect(only([{ reaching: 'harder' }, { reaching: 'harder' }])).toBe('Reaching overhead felt easier 0, harder 2 times.');
    // Answers only in the week before: nothing said about the judged week.
    expect(only([], [{ tension: 3, sleep: 'good' }])).toBeUndefined();
  });

  it('informs a back-off without softening it: the pain reasons first, the dose still cut', () => {
    const d = twoWeeks([first, { plan: { rangeDeg: 14, pain: [1, 2, 3, 4, 5] }, feel: second }]);
    expect(d.decision).toBe('back-off');
    expect(d.reasons[0]).toBe('Your pain reached 5/10 this week: at 4/10 or more it is time to back off.');
    expect(d.reasons[d.reasons.length - 2]).toBe(SENTENCE);
    expect(d.reasons[d.reasons.length - 1]).toMatch(/^Cut each hold from 11 s to/);
  });

  it('a red flag stops everything and says nothing of how well the week otherwise went', () => {
    const d = twoWeeks([first, { plan: { rangeDeg: 14, pain: [0, 0, 0, 0, 0], redFlags: ['tingling'] }, feel: second }]);
    expect(d.decision).toBe('stop');
    expect(d.reasons).toHaveLength(2);
    expect(text(d)).not.toMatch(/tension|sleep|turning|reaching/i);
  });

  it('good answers do not move you on while pain says no, and poor ones do not hold back an advance', () => {
    const plateau = (pain: number, feel: Feel[]) => {
      const sim = [10, 14, 15.2].map((rangeDeg) => ({ plan: { rangeDeg, pain: [pain, pain] }, feel: [] as Feel[] }));
      return twoWeeks([...sim, { plan: { rangeDeg: 16, pain: [pain, pain] }, feel }]);
    };
    const great: Feel[] = [{ tension: 0, sleep: 'good', turning: 'easier', reaching: 'easier' }, { tension: 0, sleep: 'good', turning: 'easier', reaching: 'easier' }];
    const awful: Feel[] = [{ tension: 9, sleep: 'poor', turning: 'harder', reaching: 'harder' }, { tension: 9, sleep: 'poor', turning: 'harder', reaching: 'harder' }];
    const stays = plateau(2, great);
    expect(stays.decision).toBe('stay');
    expect(text(stays)).toContain('Your pain reached 2/10 in the last 2 weeks: moving on needs 1/10 or less.');
    const moves = plateau(0, awful);
    expect(moves.decision).toBe('advance');
    expect(moves.reasons[moves.reasons.length - 2]).toBe(
      'Upper-back tension averaged 9/10 over 2 check-ins; sleep was good on 0 of 2 nights rated, poor on 2; turning to look behind you felt easier 0, harder 2 times; reaching overhead felt easier 0, harder 2 times.',
    );
    expect(moves.reasons[moves.reasons.length - 1]).toMatch(/^Move on to stage 3/);
  });

  it('a missed week with check-ins still says how it felt, after why the dose stays', () => {
    const d = twoWeeks([first, { plan: { rangeDeg: 14, sessions: 0, pain: [0] }, feel: [{ turning: 'easier' }] }]);
    expect(d.decision).toBe('stay');
    expect(d.reasons).toHaveLength(2);
    expect(d.reasons[0]).toMatch(/^You did no sessions/);
    expect(d.reasons[1]).toBe('Turning to look behind you felt easier once, harder 0.');
  });
});
