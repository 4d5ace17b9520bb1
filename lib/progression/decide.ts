// The weekly ladder decision: stop, back off, stay or advance, with reasons in plain words
// that cite the numbers. Rules (DESIGN.md "The exercise ladder"; seeds/001 and 002), checked
// in this order:
//
// 1. stop: any red flag (sharp pain, burning, tingling, nerve-like symptoms) reported since the
//    last decision (or, for the first, since the stage or the judged week began) up to the
//    moment of deciding. Progression stays on hold, week after week, until `resumeProgramme`.
// 2. back-off: the judged week's pain reached 4/10, or pain is rising: the week's highest is 2+
//    points above the week before's, or the last 3 check-ins rose each time and ended at 2/10 or
//    more. The grown quantity drops 20 % (never below half the stage's starting amount).
// 3. stay, dose unchanged: no sessions in the judged week (a missed week); it counts neither
//    towards a plateau nor towards the 6 weeks.
// 4. advance: pain-free (every check-in 1/10 or less) and comfortable in the judged week and
//    the week before (at least one check-in in each), AND either a plateau (gains under the 3 deg
//    noise band in both of the last two weeks) or 6 trained weeks on the stage (weeks with at
//    least one session). Stage 5 is the top: it stays instead, and says so.
// 5. otherwise stay, and the dose grows 5-10 % (default 7.5 %).
//
// The range gain behind "plateau" and "still improving" comes from the weekly range check when
// the judged week has one and an earlier check to compare with (range-weeks.ts,
// `judgeRangeWeek`): the same tests at every stage, so it compares across stages where the
// stage exercise's own range cannot. Improving when any range measure (rotation each side,
// reach, extension) gained more than its error since the previous check (even one from the
// stage before) or over the last 2 weeks; a plateau when none did over 2 weeks or more of this
// stage (checks from before the stage began do not make a plateau: the stage's exercise must
// have had its 2 weeks); a loss beyond error is said either way.
// Without such a check the exercise's own range decides, as described in 4.
//
// The judged week is the last full ISO week before the moment of deciding (`atMs`), so the
// decision for a week is made on or after the following Monday. Asking again about a week
// already decided returns the recorded decision (a red flag reported since still stops).
// Skipped weeks are not decided retroactively: the dose grows once per decision.
//
// Beyond pain (seeds/000: less tension, better sleep, easier daily movement): when the judged
// week's check-ins gave upper-back tension, sleep or how turning and reaching felt, one reason
// says so (tension against the week before's). It informs and decides nothing: no rule above
// reads it, and a stop says nothing of it.
import { joinWords } from '../angles/format';
import type { Dose, LadderStage } from '../exercise/types';
import {
  BACK_OFF_PAIN,
  checkInsBetween,
  hasFeelAnswers,
  maxPain,
  painOf,
  PAIN_FREE_MAX,
  RED_FLAG_WORDS,
  redFlagsOf,
  RISING_STREAK,
  RISING_STREAK_MIN_PAIN,
  RISING_WEEKLY_POINTS,
  risingStreak,
  summarizeFeel,
  withRedFlags,
  type AnswerCounts,
  type CheckIn,
  type FeelSummary,
  type MovementEase,
  type RedFlag,
} from './check-ins';
import { BACK_OFF_PERCENT, backOffDose, clampGrowthPercent, describeDose, describeDoseChange, doseAmount, nextDose } from './dose';
import { FIRST_STAGE, ladderStep, LAST_STAGE, nextStage, type LadderStep } from './ladder';
import { isoWeekOf, localDate, NOISE_BAND_DEG, WEEK_MS, weeklySummaries, weeksBetween, type IsoWeek, type SetLike, type WeekSummary } from './metrics';
import { MEASURE_NAMES } from '../range/results';
import { judgeRangeWeek, type RangeCheckJudgement, type RangeCheckLike, type RangeComparison } from './range-weeks';

/** Stay on a stage up to 6 weeks (seeds/001). Counted in weeks with at least one session. */
export const MAX_WEEKS_ON_STAGE = 6;
/** A plateau is this many weeks in a row with a gain under the noise band. */
export const PLATEAU_WEEKS = 2;

export type Decision = 'advance' | 'stay' | 'back-off' | 'stop';

export interface WeekMeasurements {
  readonly week: IsoWeek;
  readonly sessions: number;
  readonly sessionsPrescribed: number;
  /** Raw ratio (may pass 1); `adherenceShown` is capped at 1 for display. */
  readonly adherence: number;
  readonly adherenceShown: number;
  readonly medianRangeDeg: number | null;
  readonly gainDeg: number | null;
  /** The week before's gain. */
  readonly previousGainDeg: number | null;
  readonly maxPain: number | null;
  readonly checkIns: number;
}

/** Where the range gain behind a decision came from (not stored with a decision: its reasons say it). */
export interface RangeBasis {
  /** 'range-check': the judged week's range check against earlier ones; 'exercise': the stage exercise's own range. */
  readonly source: 'range-check' | 'exercise';
  /** The judged week's range check, compared with earlier checks; null when the week has none. */
  readonly check: RangeCheckJudgement | null;
}

export interface WeekDecision {
  readonly decision: Decision;
  /** Plain sentences that cite the numbers, most important first. */
  readonly reasons: readonly string[];
  /** The stage the judged week was on. */
  readonly stage: LadderStage;
  /** Calendar week of that stage the judged week was (1 = the week the stage began). */
  readonly weekOfStage: number;
  /** Weeks on the stage with at least one session, up to and including the judged week. */
  readonly weeksTrained: number;
  /** What to do from now on. */
  readonly nextStage: LadderStage;
  readonly nextDose: Dose;
  /** Start of the judged ISO week (local Monday 00:00), epoch ms. */
  readonly weekStartMs: number;
  readonly measurements: WeekMeasurements;
  /** The red flags behind a stop (empty otherwise). */
  readonly redFlags: readonly RedFlag[];
  /** Where the range gain came from, when range checks were given; absent on a decision given again from the history (not stored). */
  readonly range?: RangeBasis;
}

export interface DecisionRecord extends Omit<WeekDecision, 'range'> {
  /** When the decision was applied, epoch ms. */
  readonly atMs: number;
}

export interface ProgrammeState {
  readonly stage: LadderStage;
  readonly stageStartedAtMs: number;
  readonly dose: Dose;
  /** Set by a stop: progression is on hold from then until `resumeProgramme`. */
  readonly onHoldSinceMs: number | null;
  /** When progression last resumed after a hold (red flags before it are settled). */
  readonly resumedAtMs: number | null;
  /** Applied decisions, oldest first. */
  readonly history: readonly DecisionRecord[];
}

export interface DecideWeekInput {
  readonly state: ProgrammeState;
  /** Saved sets (any exercise; the stage's own are picked out). */
  readonly sets: readonly SetLike[];
  readonly checkIns: readonly CheckIn[];
  /** The moment of deciding, epoch ms: the judged week is the last full week before it. */
  readonly atMs: number;
  /** Local time as minutes east of UTC. Default 0. */
  readonly utcOffsetMinutes?: number;
  /** Weekly growth, clamped to 5-10. Default 7.5. */
  readonly growthPercent?: number;
  /** Saved range checks (any dates): the judged week's, compared with earlier ones, decide the range gain when there is one. */
  readonly rangeChecks?: readonly RangeCheckLike[];
}

/** A new programme at `stage` (default 1) with that stage's starting dose. */
export function startProgramme(atMs: number, stage: LadderStage = FIRST_STAGE): ProgrammeState {
  return { stage, stageStartedAtMs: atMs, dose: ladderStep(stage).dose, onHoldSinceMs: null, resumedAtMs: null, history: [] };
}

const fmtDeg = (deg: number) => `${deg.toFixed(1)}°`;
const fmtNumber = (n: number) => String(Math.round(n * 10) / 10);
const fmtPercent = (ratio: number) => `${Math.round(ratio * 100)} %`;
const fmtPain = (pain: number) => `${fmtNumber(pain)}/10`;

/** The weekly decision for the last full ISO week before `atMs`. Pure: time is an argument. */
export function decideWeek(input: DecideWeekInput): WeekDecision {
  const { state, atMs } = input;
  const offset = input.utcOffsetMinutes ?? 0;
  const percent = clampGrowthPercent(input.growthPercent);
  const step = ladderStep(state.stage);
  const week = isoWeekOf(isoWeekOf(atMs, offset).startMs - WEEK_MS, offset);
  const stageWeek = isoWeekOf(state.stageStartedAtMs, offset);
  const weekOfStage = weeksBetween(stageWeek, week) + 1;
  const weekDate = localDate(week.startMs, offset);

  const summaries = weeklySummaries(input.sets, {
    exerciseId: step.exerciseId,
    fromMs: Math.min(stageWeek.startMs, week.startMs - WEEK_MS),
    toMs: week.startMs,
    sessionsPerWeek: step.sessionsPerWeek,
    utcOffsetMinutes: offset,
    notBeforeMs: state.stageStartedAtMs,
  });
  const thisWeek = summaries[summaries.length - 1];
  const lastWeek = summaries[summaries.length - 2];
  const weeksTrained = summaries.filter((s) => s.week.startMs >= stageWeek.startMs && s.sessions > 0).length;
  const weekCheckIns = checkInsBetween(input.checkIns, week.startMs, week.endMs);
  const lastWeekCheckIns = checkInsBetween(input.checkIns, week.startMs - WEEK_MS, week.startMs);
  const feel = describeFeel(summarizeFeel(weekCheckIns, offset), summarizeFeel(lastWeekCheckIns, offset));
  /** The reasons with the beyond-pain one (if any) before the last `keepLast` (what to do). */
  const withFeel = (reasons: string[], keepLast = 1): string[] =>
    feel ? [...reasons.slice(0, reasons.length - keepLast), feel, ...reasons.slice(reasons.length - keepLast)] : reasons;
  const measurements: WeekMeasurements = {
    week,
    sessions: thisWeek.sessions,
    sessionsPrescribed: thisWeek.sessionsPrescribed,
    adherence: thisWeek.adherence,
    adherenceShown: thisWeek.adherenceShown,
    medianRangeDeg: thisWeek.medianRangeDeg,
    gainDeg: thisWeek.gainDeg,
    previousGainDeg: lastWeek.gainDeg,
    maxPain: maxPain(weekCheckIns),
    checkIns: weekCheckIns.length,
  };
  const check = input.rangeChecks
    ? judgeRangeWeek(input.rangeChecks, week, { spanWeeks: PLATEAU_WEEKS, notBeforeMs: state.stageStartedAtMs, utcOffsetMinutes: offset })
    : null;
  const fromCheck = check !== null && check.compared;
  const range: RangeBasis = { source: fromCheck ? 'range-check' : 'exercise', check };
  const result = (decision: Decision, reasons: string[], next: { stage?: LadderStage; dose?: Dose; redFlags?: RedFlag[] } = {}): WeekDecision => ({
    decision,
    reasons,
    stage: state.stage,
    weekOfStage,
    weeksTrained,
    nextStage: next.stage ?? state.stage,
    nextDose: next.dose ?? state.dose,
    weekStartMs: week.startMs,
    measurements,
    redFlags: next.redFlags ?? [],
    ...(input.rangeChecks ? { range } : {}),
  });

  // 1. Red flags since the last decision (or resume), up to and including now.
  const last = state.history[state.history.length - 1];
  const flagsFromMs = Math.max(last ? last.atMs + 1 : Math.min(state.stageStartedAtMs, week.startMs), state.resumedAtMs ?? -Infinity);
  const flagged = withRedFlags(checkInsBetween(input.checkIns, flagsFromMs, atMs + 1));
  if (flagged.length > 0) {
    const flags = redFlagsOf(flagged);
    const dates = [...new Set(flagged.map((c) => localDate(c.atMs, offset)))];
    return result(
      'stop',
      [
        `You reported ${joinWords(flags.map((f) => RED_FLAG_WORDS[f]))} on ${joinWords(dates)}: ${flags.length === 1 ? 'that is a red flag' : 'these are red flags'}, which can point to an irritated nerve rather than a stiff muscle.`,
        `Stop these exercises and see a clinician (a doctor or physiotherapist). Progression is on hold at stage ${state.stage} until they have cleared you.`,
      ],
      { redFlags: flags },
    );
  }
  if (state.onHoldSinceMs !== null) {
    return result('stop', [
      `Progression has been on hold since ${localDate(state.onHoldSinceMs, offset)} because of a red flag. See a clinician, and resume only once they have cleared you.`,
    ]);
  }

  // A week already decided gives the same answer again, except a stop since lifted.
  if (last && last.weekStartMs >= week.startMs && last.decision === 'stop') {
    return result('stay', [
      `You resumed on ${localDate(state.resumedAtMs ?? atMs, offset)} after the hold, at ${describeDose(state.dose)}, ${step.frequency}: the next decision comes after this week.`,
    ]);
  }
  if (last && last.weekStartMs >= week.startMs) {
    const { atMs: _appliedAtMs, ...recorded } = last;
    return recorded;
  }
  if (weekOfStage < 1) {
    return result('stay', [
      `Stage ${state.stage} began on ${localDate(state.stageStartedAtMs, offset)}, after the week starting Monday ${weekDate}: the first decision on this stage comes after its first week.`,
    ]);
  }

  // 2. Pain: high or rising means back off.
  const maxThis = measurements.maxPain;
  const maxBefore = maxPain(lastWeekCheckIns);
  const streak = risingStreak(input.checkIns, week.startMs, week.endMs);
  const painReasons: string[] = [];
  if (maxThis !== null && maxThis >= BACK_OFF_PAIN) {
    painReasons.push(`Your pain reached ${fmtPain(maxThis)} this week: at ${fmtPain(BACK_OFF_PAIN)} or more it is time to back off.`);
  }
  if (maxThis !== null && maxBefore !== null && maxThis - maxBefore >= RISING_WEEKLY_POINTS) {
    painReasons.push(
      `Your pain is rising: this week's highest was ${fmtPain(maxThis)}, up from ${fmtPain(maxBefore)} the week before (a rise of ${RISING_WEEKLY_POINTS} points or more).`,
    );
  }
  if (streak) {
    painReasons.push(
      `Your pain rose in ${RISING_STREAK} check-ins in a row: ${joinWords(streak.map((c) => fmtNumber(painOf(c))))} out of 10 (rising and at ${RISING_STREAK_MIN_PAIN}/10 or more).`,
    );
  }
  if (painReasons.length > 0) {
    const floor = Math.ceil((doseAmount(step.dose) ?? 2) / 2);
    const lighter = backOffDose(state.dose, floor);
    const action =
      doseAmount(lighter) !== doseAmount(state.dose)
        ? `Cut ${describeDoseChange(state.dose, lighter)} (${BACK_OFF_PERCENT} % less) and stay on stage ${state.stage}: ${describeDose(lighter)}, ${step.frequency}.`
        : `The dose is already at its lightest for stage ${state.stage} (${describeDose(state.dose)}): rest until the pain settles, and see a clinician if it does not.`;
    return result('back-off', withFeel([...painReasons, action]), { dose: lighter });
  }

  // 3. A missed week: no growth, no plateau.
  if (thisWeek.sessions === 0) {
    return result(
      'stay',
      withFeel(
        [
          `You did no sessions in the week starting Monday ${weekDate} (0 of ${prescribed(step)} prescribed), so the dose stays at ${describeDose(state.dose)} and the week does not count towards a plateau or the ${MAX_WEEKS_ON_STAGE} weeks.`,
        ],
        0,
      ),
    );
  }

  // 4. Advance: pain-free and comfortable for two weeks, and a plateau or 6 trained weeks.
  const adherence = `You did ${thisWeek.sessions} ${thisWeek.sessions === 1 ? 'session' : 'sessions'} of the ${prescribed(step)} prescribed this week (${fmtPercent(thisWeek.adherenceShown)}).`;
  const comfort = comfortCheck(weekCheckIns, lastWeekCheckIns, week, offset);
  const gains = [lastWeek.gainDeg, thisWeek.gainDeg];
  const exercisePlateau = gains.every((g) => g !== null && g < NOISE_BAND_DEG);
  const plateau = fromCheck ? check.plateau : exercisePlateau;
  const longEnough = weeksTrained >= MAX_WEEKS_ON_STAGE;
  const rangeReasons = fromCheck
    ? describeRangeCheck(check, state.stage, offset)
    : [
        exercisePlateau
          ? `Your weekly range gain was ${fmtDeg(gains[0]!)} and ${fmtDeg(gains[1]!)} for the last ${PLATEAU_WEEKS} weeks: under ${NOISE_BAND_DEG}°, so you have plateaued.`
          : describeGain(thisWeek, lastWeek),
        ...(check
          ? [`This week's range check has no earlier check to compare with, so the exercise's own range is used this time; the next range check will be compared with it.`]
          : []),
      ];
  const lengthReason = longEnough
    ? `You have trained ${weeksTrained} weeks on stage ${state.stage}; the ladder suggests at most ${MAX_WEEKS_ON_STAGE} weeks on one stage.`
    : null;
  const grown = nextDose(state.dose, percent, step.growth.max);
  const grow =
    doseAmount(grown) !== doseAmount(state.dose)
      ? `Stay on stage ${state.stage} and grow ${describeDoseChange(state.dose, grown)} (${fmtNumber(percent)} % a week): ${describeDose(grown)}, ${step.frequency}.`
      : `Stay on stage ${state.stage} at ${describeDose(state.dose)}, ${step.frequency}: that is the top of this stage's range.`;

  if (comfort.ok && (plateau || longEnough)) {
    const why = [...(plateau ? rangeReasons : [lengthReason!]), comfort.reason, adherence];
    const up = nextStage(state.stage);
    if (up === null) {
      return result(
        'stay',
        withFeel([...why, `Stage ${LAST_STAGE} is the top of the ladder, so there is no stage to move on to: keep going ${step.frequency}.`, grow], 2),
        { dose: grown },
      );
    }
    const next = ladderStep(up);
    return result(
      'advance',
      withFeel([...why, `Move on to stage ${up} (${next.name}): ${next.exerciseName}, ${describeDose(next.dose)}, ${next.frequency}.`]),
      { stage: up, dose: next.dose },
    );
  }

  // 5. Stay and grow.
  const reasons = [...rangeReasons];
  if (lengthReason) reasons.push(`${lengthReason} Move on once it is pain-free and comfortable.`);
  reasons.push(comfort.reason, adherence, grow);
  return result('stay', withFeel(reasons), { dose: grown });
}

/** "0", "once", "3 times". */
const times = (n: number) => (n === 0 ? '0' : n === 1 ? 'once' : `${n} times`);

/** "easier 3 times, the same once, harder 0": easier and harder always, the same when given. */
function easeCounts(c: AnswerCounts<MovementEase>): string {
  return [`easier ${times(c.easier)}`, ...(c.same ? [`the same ${times(c.same)}`] : []), `harder ${times(c.harder)}`].join(', ');
}

/**
 * The judged week beyond pain in one sentence, or null when its check-ins gave nothing beyond
 * pain: "Upper-back tension averaged 3/10, down from 5/10 the week before; sleep was good on 4
 * of 5 nights rated, fair on 1; turning to look behind you felt easier 3 times, harder 0."
 */
function describeFeel(thisWeek: FeelSummary, weekBefore: FeelSummary): string | null {
  if (!hasFeelAnswers(thisWeek)) return null;
  const parts: string[] = [];
  if (thisWeek.meanTension !== null) {
    const now = Math.round(thisWeek.meanTension * 10) / 10;
    const before = weekBefore.meanTension === null ? null : Math.round(weekBefore.meanTension * 10) / 10;
    const change =
      before === null ? '' : before === now ? ', the same as the week before' : `, ${now < before ? 'down' : 'up'} from ${fmtPain(before)} the week before`;
    const over = thisWeek.tensionAnswers === 1 ? ' (one check-in)' : ` over ${thisWeek.tensionAnswers} check-ins`;
    parts.push(`upper-back tension averaged ${fmtPain(now)}${over}${change}`);
  }
  if (thisWeek.nights > 0) {
    const { good, fair, poor } = thisWeek.sleep;
    const others = [...(fair ? [`fair on ${fair}`] : []), ...(poor ? [`poor on ${poor}`] : [])];
    parts.push(`sleep was good on ${good} of ${thisWeek.nights} ${thisWeek.nights === 1 ? 'night' : 'nights'} rated${others.length ? `, ${others.join(', ')}` : ''}`);
  }
  if (thisWeek.turningAnswers > 0) parts.push(`turning to look behind you felt ${easeCounts(thisWeek.turning)}`);
  if (thisWeek.reachingAnswers > 0) parts.push(`reaching overhead felt ${easeCounts(thisWeek.reaching)}`);
  return `${capitalize(parts.join('; '))}.`;
}

/** "14", "3.5", "1-2": the prescription's sessions a week. */
function prescribed(step: LadderStep): string {
  return step.sessionsPerWeekMax > step.sessionsPerWeek
    ? `${fmtNumber(step.sessionsPerWeek)}-${fmtNumber(step.sessionsPerWeekMax)}`
    : fmtNumber(step.sessionsPerWeek);
}

function describeGain(thisWeek: WeekSummary, lastWeek: WeekSummary): string {
  if (thisWeek.medianRangeDeg === null) return 'None of this week\'s sessions measured a range, so there is no gain to judge.';
  if (thisWeek.gainDeg === null || lastWeek.medianRangeDeg === null) {
    return `There is no measured range the week before to compare with (this week's median: ${fmtDeg(thisWeek.medianRangeDeg)}), so there is no gain to judge yet.`;
  }
  const change = `(median ${fmtDeg(lastWeek.medianRangeDeg)} → ${fmtDeg(thisWeek.medianRangeDeg)})`;
  if (thisWeek.gainDeg >= NOISE_BAND_DEG) {
    return `Your range grew ${fmtDeg(thisWeek.gainDeg)} this week ${change}: more than the ${NOISE_BAND_DEG}° noise band, so you are still improving.`;
  }
  const before =
    lastWeek.gainDeg === null ? 'the week before had no gain to compare' : `the week before it was ${fmtDeg(lastWeek.gainDeg)}`;
  return `Your range changed by ${fmtDeg(thisWeek.gainDeg)} this week ${change}, under the ${NOISE_BAND_DEG}° noise band, but ${before}: a plateau needs ${PLATEAU_WEEKS} such weeks in a row.`;
}

/** "6", "4.6", "−8": degrees to a tenth, no trailing ".0", a real minus sign. */
function fmtTenth(deg: number): string {
  const r = Math.round(deg * 10) / 10;
  return `${r < 0 ? '−' : ''}${String(Math.abs(r))}°`;
}
const fmtSigned = (deg: number) => (Math.round(deg * 10) === 0 ? '±0°' : `${deg > 0 ? '+' : ''}${fmtTenth(deg)}`);
const measureWords = (m: keyof typeof MEASURE_NAMES) => MEASURE_NAMES[m].toLowerCase();
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The week most comparisons were made with (the earliest among equals). */
function commonWeek(weeks: readonly IsoWeek[]): IsoWeek | null {
  const counts = new Map<number, { week: IsoWeek; n: number }>();
  for (const w of weeks) counts.set(w.startMs, { week: w, n: (counts.get(w.startMs)?.n ?? 0) + 1 });
  return [...counts.values()].sort((a, b) => b.n - a.n || a.week.startMs - b.week.startMs)[0]?.week ?? null;
}

/** The range-check reasons: each measure with its change and error, what they add up to, any loss, and why the check decides. */
function describeRangeCheck(check: RangeCheckJudgement, stage: LadderStage, offset: number): string[] {
  const date = (w: IsoWeek) => localDate(w.startMs, offset);
  const against = commonWeek(check.measures.flatMap((m) => (m.value.previous ? [m.value.previous.fromWeek] : [])))!;
  const beyond = (c: RangeComparison) => `${c.change === 'within-error' ? 'within' : 'more than'} its ${fmtNumber(c.errorDeg)}° error`;
  const items = check.measures.map(({ value }) => {
    const p = value.previous;
    const what = `${measureWords(value.measure)} ${fmtTenth(value.valueDeg)}`;
    if (!p) return `${what} (its first check)`;
    const since = p.fromWeek.startMs === against.startMs ? '' : ` since the week starting ${date(p.fromWeek)}`;
    return `${what} (${fmtSigned(p.gainDeg)}${since}, ${beyond(p)})`;
  });
  const lastWeeks = against.startMs === check.week.startMs - WEEK_MS ? "last week's" : `the one of the week starting Monday ${date(against)}`;
  const listed = `Range check this week against ${lastWeeks}: ${joinWords(items)}.`;
  const gainers = check.measures.filter((m) => m.value.previous?.change === 'gain').map((m) => measureWords(m.value.measure));
  const spanGainers = check.measures.filter((m) => m.value.previous?.change !== 'gain' && m.sinceSpan?.change === 'gain');
  const spans = check.measures.flatMap((m) => (m.sinceSpan ? [m.sinceSpan.fromWeek] : []));
  let verdict: string;
  if (gainers.length > 0) {
    verdict = `${capitalize(joinWords(gainers))} grew by more than the error, so you are still improving.`;
  } else if (spanGainers.length > 0) {
    const changes = spanGainers.map(({ value, sinceSpan: s }) => {
      const weeks = weeksBetween(s!.fromWeek, check.week);
      return `${measureWords(value.measure)} grew ${fmtTenth(s!.gainDeg)} over the last ${weeks} weeks (from ${fmtTenth(s!.fromDeg)} in the week starting ${date(s!.fromWeek)}), more than its ${fmtNumber(s!.errorDeg)}° error`;
    });
    verdict = `${capitalize(joinWords(changes))}, so you are still improving.`;
  } else if (check.plateau) {
    const latest = spans.reduce((a, b) => (b.startMs > a.startMs ? b : a));
    verdict = `No test grew by more than its error over the last ${weeksBetween(latest, check.week)} weeks (since the week starting Monday ${date(latest)}): you have plateaued.`;
  } else {
    verdict = `No test grew by more than its error since the last check, but a plateau needs ${PLATEAU_WEEKS} weeks without a gain on stage ${stage}, and there is no check on this stage from ${PLATEAU_WEEKS} or more weeks before to compare with.`;
  }
  const reasons = [`${listed} ${verdict}`];
  if (check.losses.length > 0) {
    const fell = check.losses.map(({ measure, change: c }) => `${measureWords(measure)} fell ${fmtTenth(-c.gainDeg)} (${fmtTenth(c.fromDeg)} → ${fmtTenth(c.fromDeg + c.gainDeg)}), more than its ${fmtNumber(c.errorDeg)}° error`);
    reasons.push(
      `${capitalize(joinWords(fell))}. One check can be low on a stiff day; if ${check.losses.length === 1 ? 'it stays' : 'they stay'} lower at the next check, tell your clinician.`,
    );
  }
  reasons.push('The range check decides whether you are still improving, not the exercise\'s own range, because it repeats the same tests at every stage.');
  return reasons;
}

function comfortCheck(
  weekCheckIns: readonly CheckIn[],
  lastWeekCheckIns: readonly CheckIn[],
  week: IsoWeek,
  offset: number,
): { readonly ok: boolean; readonly reason: string } {
  const missing = [
    ...(lastWeekCheckIns.length === 0 ? [localDate(week.startMs - WEEK_MS, offset)] : []),
    ...(weekCheckIns.length === 0 ? [localDate(week.startMs, offset)] : []),
  ];
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `There was no check-in in the week starting Monday ${joinWords(missing)}, so the app cannot tell whether the last 2 weeks were pain-free: check in after your sessions.`,
    };
  }
  const all = [...lastWeekCheckIns, ...weekCheckIns];
  const worst = maxPain(all)!;
  const uncomfortable = all.filter((c) => !c.comfortable).length;
  if (worst > PAIN_FREE_MAX) {
    return { ok: false, reason: `Your pain reached ${fmtPain(worst)} in the last 2 weeks: moving on needs ${fmtPain(PAIN_FREE_MAX)} or less.` };
  }
  if (uncomfortable > 0) {
    return {
      ok: false,
      reason: `In ${uncomfortable} of ${all.length} check-ins of the last 2 weeks it did not feel comfortable: moving on needs it to feel comfortable.`,
    };
  }
  return { ok: true, reason: `Pain stayed at ${fmtPain(PAIN_FREE_MAX)} or less and it felt comfortable in all ${all.length} check-ins of the last 2 weeks.` };
}

/**
 * The state after a decision applied at `atMs`: advance starts the next stage at its starting
 * dose (its week 1 is the week containing `atMs`); stay and back-off set the next dose; stop
 * puts progression on hold (always, unless already on hold). Any other result changes nothing
 * when its week was already decided, when on hold, or when it was made for another stage or
 * for a week before the stage began.
 */
export function applyDecision(state: ProgrammeState, result: WeekDecision, atMs: number): ProgrammeState {
  // The range basis is not stored: the reasons say it in words.
  const { range: _range, ...stored } = result;
  const history = [...state.history, { ...stored, atMs }];
  if (result.decision === 'stop') {
    return state.onHoldSinceMs === null ? { ...state, onHoldSinceMs: atMs, history } : state;
  }
  const last = state.history[state.history.length - 1];
  const decided = last !== undefined && last.weekStartMs >= result.weekStartMs;
  if (decided || state.onHoldSinceMs !== null || result.stage !== state.stage || result.weekOfStage < 1) return state;
  if (result.decision === 'advance') {
    return { ...state, stage: result.nextStage, stageStartedAtMs: atMs, dose: result.nextDose, history };
  }
  return { ...state, dose: result.nextDose, history };
}

/** Lift a hold (after a clinician has cleared the person): same stage and dose. */
export function resumeProgramme(state: ProgrammeState, atMs: number): ProgrammeState {
  return state.onHoldSinceMs === null ? state : { ...state, onHoldSinceMs: null, resumedAtMs: atMs };
}
