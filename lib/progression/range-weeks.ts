// Weekly series from range checks (lib/range): per measure and ISO week, the week's value with
// its ±, the change on the previous measured week, and whether that change is more than the
// measure's error. Read by Trends (a chart per test) and by the weekly decision (decide.ts).
//
// A week's value is the latest check's median in that week, with that check's ± (spreadDeg),
// not the median of the week's medians: each check is already the median of three trials with
// its own ±, a second check in a week is usually a redo of one that went badly (poor light, a
// hurried trial), and comparing one real check with another keeps the error rule the same as
// the range page's (`compareResults`: the measure's error, or the two checks' spreads combined
// when larger). A check without a value for a measure (its test skipped or not finished)
// leaves that measure to the week's latest check that has one.
//
// Changes compare with the previous week that has a value: a missed check is not a missed week
// of training, and range checks repeat the same tests at every stage, so nothing ties a week to
// a stage. Weeks are ISO weeks in local time (metrics.ts).
import { compareResults } from '../range/results';
import { RANGE_MEASURE_IDS, type RangeMeasureId, type RangeMeasureResult } from '../range/types';
import { DAY_MS, isoWeekOf, MAX_SUMMARY_WEEKS, WEEK_MS, type IsoWeek } from './metrics';

/** What progression needs of a saved range check (lib/storage's RangeCheckRecord has this shape). */
export interface RangeCheckLike {
  /** When the check finished, epoch ms. */
  readonly takenAtMs: number;
  readonly results: readonly RangeMeasureResult[];
  /** The engine that read it: a change between two engines' checks is judged against the method's error. */
  readonly engine?: string;
}

/** A change more than the error upwards, more than the error downwards, or neither. */
export type RangeChangeKind = 'gain' | 'loss' | 'within-error';

/** One week's value against an earlier week's. */
export interface RangeComparison {
  /** The earlier week. */
  readonly fromWeek: IsoWeek;
  readonly fromDeg: number;
  /** This week's value minus the earlier one. */
  readonly gainDeg: number;
  /** The change that is more than error: the measure's (RANGE_NOISE_DEG), or both checks' spreads combined when larger. */
  readonly errorDeg: number;
  readonly change: RangeChangeKind;
}

export interface RangeWeekValue {
  readonly measure: RangeMeasureId;
  readonly week: IsoWeek;
  /** When the check that gave the value was taken. */
  readonly takenAtMs: number;
  /** That check's median, degrees. */
  readonly valueDeg: number;
  /** That check's ± (half the range of its trials); null when it has none. */
  readonly spreadDeg: number | null;
  /** Checks in the week with a value for this measure (the latest one counts). */
  readonly checks: number;
  /** Against the previous week with a value; null for the first. */
  readonly previous: RangeComparison | null;
}

export interface RangeSeries {
  readonly measure: RangeMeasureId;
  /** Weeks with a value, oldest first (weeks without a check are absent). */
  readonly weeks: readonly RangeWeekValue[];
}

export interface RangeWeeksOptions {
  /** Any moment in the first week to list (earlier checks still give the first week its change). Default: no limit. */
  readonly fromMs?: number;
  /** Any moment in the last week to list. */
  readonly toMs: number;
  /** Local time as minutes east of UTC. Default 0. */
  readonly utcOffsetMinutes?: number;
}

interface Picked {
  readonly week: IsoWeek;
  readonly takenAtMs: number;
  readonly engine?: string;
  readonly result: RangeMeasureResult;
  readonly checks: number;
}

function compare(now: Picked, before: Picked): RangeComparison | null {
  const c = compareResults(now.result, before.result, { sameEngine: now.engine === undefined || before.engine === undefined || now.engine === before.engine });
  if (c === null) return null;
  return {
    fromWeek: before.week,
    fromDeg: before.result.medianDeg as number,
    gainDeg: c.deltaDeg,
    errorDeg: c.noiseDeg,
    change: c.withinNoise ? 'within-error' : c.deltaDeg > 0 ? 'gain' : 'loss',
  };
}

/** Per measure, the weeks with a value and the check that gives it, oldest first, within the span bound. */
function pickWeeks(checks: readonly RangeCheckLike[], toMs: number, offset: number): Map<RangeMeasureId, Picked[]> {
  const last = isoWeekOf(toMs, offset);
  // The same bound as weekly summaries: a check dated centuries back (damaged) is left out.
  const floorMs = isoWeekOf(last.startMs - MAX_SUMMARY_WEEKS * WEEK_MS + DAY_MS, offset).startMs;
  const usable = checks
    .filter((c) => Number.isFinite(c.takenAtMs) && c.takenAtMs >= floorMs && c.takenAtMs < last.endMs)
    .sort((a, b) => a.takenAtMs - b.takenAtMs);
  const out = new Map<RangeMeasureId, Picked[]>(RANGE_MEASURE_IDS.map((m) => [m, []]));
  for (const check of usable) {
    const week = isoWeekOf(check.takenAtMs, offset);
    for (const result of check.results) {
      const list = out.get(result.measure);
      if (!list || result.medianDeg === null || !Number.isFinite(result.medianDeg)) continue;
      const tail = list[list.length - 1];
      // Oldest first, so a later check in the same week replaces the earlier one.
      if (tail && tail.week.startMs === week.startMs) list[list.length - 1] = { week, takenAtMs: check.takenAtMs, engine: check.engine, result, checks: tail.checks + 1 };
      else list.push({ week, takenAtMs: check.takenAtMs, engine: check.engine, result, checks: 1 });
    }
  }
  return out;
}

function toValue(measure: RangeMeasureId, picked: Picked, before: Picked | undefined): RangeWeekValue {
  return {
    measure,
    week: picked.week,
    takenAtMs: picked.takenAtMs,
    valueDeg: picked.result.medianDeg as number,
    spreadDeg: picked.result.spreadDeg !== null && Number.isFinite(picked.result.spreadDeg) ? picked.result.spreadDeg : null,
    checks: picked.checks,
    previous: before ? compare(picked, before) : null,
  };
}

/**
 * One series per measure (in RANGE_MEASURE_IDS order): the weeks from `fromMs`'s week to
 * `toMs`'s week that have a value, each with its change on the previous measured week (which
 * may lie before `fromMs`). Checks more than MAX_SUMMARY_WEEKS before `toMs` are ignored.
 */
export function rangeWeeks(checks: readonly RangeCheckLike[], options: RangeWeeksOptions): RangeSeries[] {
  const offset = options.utcOffsetMinutes ?? 0;
  const fromWeekMs = options.fromMs === undefined || !Number.isFinite(options.fromMs) ? -Infinity : isoWeekOf(options.fromMs, offset).startMs;
  const picked = pickWeeks(checks, options.toMs, offset);
  return RANGE_MEASURE_IDS.map((measure) => {
    const list = picked.get(measure)!;
    const weeks = list.flatMap((p, i) => (p.week.startMs < fromWeekMs ? [] : [toValue(measure, p, list[i - 1])]));
    return { measure, weeks };
  });
}

/**
 * The measures the weekly decision counts: ranges of motion. Head position is posture, not a
 * range the exercises stretch, and a forward head changes with how one sits that day: it is
 * charted, not judged.
 */
export const DECISION_MEASURES: readonly RangeMeasureId[] = ['rotation-left', 'rotation-right', 'reach', 'extension'];

export interface RangeMeasureJudgement {
  /** The judged week's value, with its change on the previous measured week. */
  readonly value: RangeWeekValue;
  /**
   * Against the latest measured week at least `spanWeeks` before the judged week and not before
   * `notBeforeMs`'s week (the same as `value.previous` when the previous check is such a week);
   * null when there is none.
   */
  readonly sinceSpan: RangeComparison | null;
}

export interface RangeCheckJudgement {
  readonly week: IsoWeek;
  /** DECISION_MEASURES with a value in the judged week, in that order. */
  readonly measures: readonly RangeMeasureJudgement[];
  /** At least one measure has an earlier value to compare with. */
  readonly compared: boolean;
  /** Some measure gained more than its error, on the previous check or over the span. */
  readonly improving: boolean;
  /** Compared over the span (some measure has a value `spanWeeks` or more back, from `notBeforeMs`'s week on) and nothing gained beyond error. */
  readonly plateau: boolean;
  /** Measures that fell by more than their error (on the previous check, else over the span), with that comparison. */
  readonly losses: readonly { readonly measure: RangeMeasureId; readonly change: RangeComparison }[];
}

export interface JudgeRangeOptions {
  /** Weeks a plateau covers. */
  readonly spanWeeks: number;
  /**
   * A plateau's span starts no earlier than this moment's week (the stage's start): a plateau
   * means this stage's exercise has stopped bringing gains, so weeks of the stage before do not
   * count towards it. Comparing with the previous check has no such floor. Default: none.
   */
  readonly notBeforeMs?: number;
  /** Local time as minutes east of UTC. Default 0. */
  readonly utcOffsetMinutes?: number;
}

/**
 * The judged week's range check against earlier ones, for the weekly decision: improving when
 * any of DECISION_MEASURES gained more than its error since the previous check (from any stage)
 * or over the last `spanWeeks` weeks; a plateau when none did and some measure has a check
 * `spanWeeks` or more weeks back, on this stage, to compare with (so a plateau always covers
 * `spanWeeks` weeks of the stage, as the exercise rule's does, and slow drift that adds up beyond
 * the error over them still counts as a gain). Null when the week has no check with a value for
 * those measures.
 */
export function judgeRangeWeek(checks: readonly RangeCheckLike[], week: IsoWeek, options: JudgeRangeOptions): RangeCheckJudgement | null {
  const offset = options.utcOffsetMinutes ?? 0;
  const picked = pickWeeks(checks, week.startMs, offset);
  const spanStartMs = week.startMs - options.spanWeeks * WEEK_MS;
  const floorMs = options.notBeforeMs === undefined ? -Infinity : isoWeekOf(options.notBeforeMs, offset).startMs;
  const measures: RangeMeasureJudgement[] = [];
  for (const measure of DECISION_MEASURES) {
    const list = picked.get(measure)!;
    const now = list[list.length - 1];
    if (!now || now.week.startMs !== week.startMs) continue;
    const earlier = list.slice(0, -1);
    const span = [...earlier].reverse().find((p) => p.week.startMs <= spanStartMs);
    const inSpan = span && span.week.startMs >= floorMs ? span : undefined;
    measures.push({ value: toValue(measure, now, earlier[earlier.length - 1]), sinceSpan: inSpan ? compare(now, inSpan) : null });
  }
  if (measures.length === 0) return null;
  const compared = measures.some((m) => m.value.previous !== null);
  const improving = measures.some((m) => m.value.previous?.change === 'gain' || m.sinceSpan?.change === 'gain');
  const plateau = !improving && measures.some((m) => m.sinceSpan !== null);
  const losses = measures.flatMap((m) => {
    const change = m.value.previous?.change === 'loss' ? m.value.previous : m.sinceSpan?.change === 'loss' ? m.sinceSpan : null;
    return change ? [{ measure: m.value.measure, change }] : [];
  });
  return { week, measures, compared, improving, plateau, losses };
}
