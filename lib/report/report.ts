// The one-page report for the physiotherapist: a pure function from the person's records to
// what the page shows. It only restates the records (counts, medians, the ± each measurement
// carries, dates); it draws no conclusion of its own. Time is an argument (`nowMs`), never read.
//
// The period is the last REPORT_WEEKS ISO weeks in local time: the current week (to date) and
// the whole weeks before it. Records dated after `nowMs` (a device with a wrong clock) are left
// out. Dates are local calendar dates (YYYY-MM-DD) at `utcOffsetMinutes`, so the page can print
// them without a time zone of its own.
import { getExercise } from '../exercise/catalogue';
import {
  DAY_MS,
  describeDose,
  groupSessions,
  isoWeekOf,
  ladderStep,
  localDate,
  median,
  NOISE_BAND_DEG,
  painOf,
  prescribedSessions,
  RED_FLAG_WORDS,
  RED_FLAGS,
  rangeWeeks,
  stagePeriods,
  WEEK_MS,
  weeklySummaries,
  weeksBetween,
  type CheckIn,
  type Decision,
  type MovementEase,
  type ProgrammeState,
  type RangeCheckLike,
  type RedFlag,
  type SetLike,
  type SleepQuality,
} from '../progression';
import { MEASURE_NAMES } from '../range/results';
import type { RangeMeasureId } from '../range/types';

/** Weeks the report covers, the current one included. */
export const REPORT_WEEKS = 4;
/** Exercise trends shown at most (the stage's exercise and the one before it, when the stage changed). */
const MAX_EXERCISE_TRENDS = 2;

/** What the report needs of a posture snapshot (lib/storage's SnapshotRecord has this shape; the picture is never read). */
export interface SnapshotLike {
  readonly takenAtMs: number;
  readonly headForwardDeg: number | null;
  readonly headForwardSpreadDeg: number | null;
  readonly trunkExtensionDeg: number | null;
  readonly trunkExtensionSpreadDeg: number | null;
  readonly refusals?: {
    readonly headForward: { readonly message: string } | null;
    readonly trunkExtension: { readonly message: string } | null;
  };
}

/** The person's records, as Trends and the clinician view hold them, with the check-ins. */
export interface ReportRecords {
  readonly sets: readonly SetLike[];
  readonly snapshots: readonly SnapshotLike[];
  readonly programme: ProgrammeState | null;
  readonly rangeChecks: readonly RangeCheckLike[];
  readonly checkIns: readonly CheckIn[];
}

export interface ReportOptions {
  /** The moment of the report, epoch ms: the period ends here. */
  readonly nowMs: number;
  /** Local time as minutes east of UTC. Default 0. */
  readonly utcOffsetMinutes?: number;
}

export interface ReportWeek {
  /** Local Monday 00:00, epoch ms. */
  readonly startMs: number;
  /** The next Monday 00:00 (exclusive). */
  readonly endMs: number;
  /** The Monday, YYYY-MM-DD. */
  readonly startDate: string;
  /** The last day covered: the Sunday, or today for the current week. */
  readonly lastDate: string;
  /** The week of the report, covered only up to `nowMs`. */
  readonly current: boolean;
}

export interface ProgrammeSummary {
  readonly stage: number;
  readonly stageName: string;
  readonly exerciseName: string;
  /** When the stage began, YYYY-MM-DD. */
  readonly sinceDate: string;
  /** Calendar week of the stage the report falls in (1 = the week it began). */
  readonly weekOfStage: number;
  /** Whole days on the stage. */
  readonly daysOnStage: number;
  /** The current dose in words ("10 holds of 12 s"), and how often. */
  readonly dose: string;
  readonly frequency: string;
  /** Progression held since this date (a red flag stopped it); null when not on hold. */
  readonly onHoldSinceDate: string | null;
  /** The latest weekly decision, for the week beginning `weekDate`. */
  readonly lastDecision: { readonly weekDate: string; readonly decision: Decision } | null;
}

export interface AdherenceWeek {
  readonly week: ReportWeek;
  /** Sessions of the exercises the programme prescribed that week. */
  readonly done: number;
  /** Sessions prescribed (for the whole week, also in the current week). */
  readonly prescribed: number;
  /** Sessions of other exercises. */
  readonly other: number;
}

export interface Adherence {
  readonly hasProgramme: boolean;
  readonly weeks: readonly AdherenceWeek[];
  readonly done: number;
  readonly prescribed: number;
  readonly other: number;
}

export interface RangePoint {
  /** Index into the report's weeks (0 = the first). */
  readonly weekIndex: number;
  readonly date: string;
  readonly valueDeg: number;
  /** The measurement's ±: the check's own (half the range of its trials) or the weekly noise band. Null when it has none. */
  readonly plusMinusDeg: number | null;
}

export interface RangeTrend {
  /** 'check': a weekly range check measure; 'exercise': the median range of a stage exercise's sessions. */
  readonly kind: 'check' | 'exercise';
  /** The measure's or the exercise's id. */
  readonly id: string;
  readonly name: string;
  /** One point per week that has a value, oldest first (never empty). */
  readonly points: readonly RangePoint[];
  /** The last point against the one before it (a range check's may lie before the period); null when there is none. */
  readonly lastChange: {
    readonly fromDate: string;
    readonly changeDeg: number;
    /** Changes smaller than this are within the measurement's error. */
    readonly errorDeg: number;
    readonly beyondError: boolean;
  } | null;
}

export interface RangeSection {
  /** Range check measures with a value in the period, in the range check's order. */
  readonly checks: readonly RangeTrend[];
  /** Range checks on record at any date up to now. */
  readonly checksOnRecord: number;
  /** Stage exercises (or, without a programme, the exercises done most) with measured sessions in the period. */
  readonly exercises: readonly RangeTrend[];
}

export interface SnapshotSummary {
  readonly date: string;
  readonly inPeriod: boolean;
  readonly headForwardDeg: number | null;
  readonly headForwardPlusMinusDeg: number | null;
  /** Why there is no head-forward number, as the snapshot said. */
  readonly headForwardRefused: string | null;
  readonly trunkExtensionDeg: number | null;
  readonly trunkExtensionPlusMinusDeg: number | null;
  readonly trunkExtensionRefused: string | null;
  /** Snapshots taken in the period. */
  readonly inPeriodCount: number;
}

/** Median, lowest and highest of the answers given. */
export interface ScoreStats {
  readonly answers: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface CheckInWeek {
  readonly week: ReportWeek;
  readonly checkIns: number;
  readonly pain: ScoreStats | null;
  readonly tension: ScoreStats | null;
  readonly sleep: Readonly<Record<SleepQuality, number>>;
  readonly turning: Readonly<Record<MovementEase, number>>;
  readonly reaching: Readonly<Record<MovementEase, number>>;
}

export interface CheckInSection {
  readonly weeks: readonly CheckInWeek[];
  readonly total: number;
  /** Whether any check-in of the period answered each optional question. */
  readonly answered: { readonly tension: boolean; readonly sleep: boolean; readonly turning: boolean; readonly reaching: boolean };
}

export interface RedFlagReport {
  readonly date: string;
  readonly atMs: number;
  readonly flags: readonly RedFlag[];
  /** The flags in words ("sharp pain"). */
  readonly words: readonly string[];
  readonly pain: number;
}

export interface RedFlagSection {
  /** Check-ins in the period that reported a red flag, newest first. */
  readonly inPeriod: readonly RedFlagReport[];
  /** Red-flag check-ins before the period: how many, and the latest one's date. */
  readonly earlier: { readonly count: number; readonly lastDate: string } | null;
}

export interface ReportModel {
  /** The report's date, YYYY-MM-DD, and its moment. */
  readonly date: string;
  readonly nowMs: number;
  readonly period: { readonly fromDate: string; readonly toDate: string; readonly weeks: readonly ReportWeek[] };
  readonly programme: ProgrammeSummary | null;
  readonly adherence: Adherence;
  readonly range: RangeSection;
  readonly snapshot: SnapshotSummary | null;
  readonly checkIns: CheckInSection;
  readonly redFlags: RedFlagSection;
  /** Nothing at all on record (no sets, snapshots, range checks, check-ins or programme). */
  readonly empty: boolean;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function reportWeeks(nowMs: number, offset: number): ReportWeek[] {
  const current = isoWeekOf(nowMs, offset);
  return Array.from({ length: REPORT_WEEKS }, (_, i) => {
    // A moment inside the week (a day in), so a daylight-saving shift cannot land on the edge.
    const week = isoWeekOf(current.startMs - (REPORT_WEEKS - 1 - i) * WEEK_MS + DAY_MS, offset);
    const isCurrent = week.startMs === current.startMs;
    return {
      startMs: week.startMs,
      endMs: week.endMs,
      startDate: localDate(week.startMs, offset),
      lastDate: localDate(isCurrent ? nowMs : week.endMs - 1, offset),
      current: isCurrent,
    };
  });
}

function programmeSummary(state: ProgrammeState, nowMs: number, offset: number): ProgrammeSummary {
  const step = ladderStep(state.stage);
  const last = state.history[state.history.length - 1];
  return {
    stage: state.stage,
    stageName: step.name,
    exerciseName: step.exerciseName,
    sinceDate: localDate(state.stageStartedAtMs, offset),
    weekOfStage: Math.max(1, weeksBetween(isoWeekOf(state.stageStartedAtMs, offset), isoWeekOf(nowMs, offset)) + 1),
    daysOnStage: Math.max(0, Math.floor((nowMs - state.stageStartedAtMs) / DAY_MS)),
    dose: describeDose(state.dose),
    frequency: step.frequency,
    onHoldSinceDate: state.onHoldSinceMs === null ? null : localDate(state.onHoldSinceMs, offset),
    lastDecision: last ? { weekDate: localDate(last.weekStartMs, offset), decision: last.decision } : null,
  };
}

/** Exercises the programme prescribed at some point of the period, in the order of its stages. */
function programmeExercises(programme: ProgrammeState | null, fromMs: number, toMs: number, offset: number): string[] {
  if (!programme) return [];
  const ids = stagePeriods(programme, offset)
    .filter((p) => p.fromMs <= toMs && (p.toMs === null || p.toMs > fromMs))
    .map((p) => p.exerciseId);
  return [...new Set(ids)];
}

function adherence(sets: readonly SetLike[], programme: ProgrammeState | null, weeks: readonly ReportWeek[], offset: number): Adherence {
  const exerciseIds = [...new Set(sets.map((s) => s.exerciseId))];
  const prescribedIds = programme ? [...new Set(stagePeriods(programme, offset).map((p) => p.exerciseId))] : [];
  const rows = weeks.map((w): AdherenceWeek => {
    const iso = isoWeekOf(w.startMs + DAY_MS, offset);
    let done = 0;
    let prescribed = 0;
    let other = 0;
    for (const id of new Set([...prescribedIds, ...exerciseIds])) {
      const sessions = groupSessions(sets, id).filter((s) => s.startMs >= w.startMs && s.startMs < w.endMs).length;
      const forIt = prescribedSessions(programme, id, iso, offset);
      prescribed += forIt;
      if (forIt > 0) done += sessions;
      else other += sessions;
    }
    return { week: w, done, prescribed, other };
  });
  const sum = (f: (r: AdherenceWeek) => number) => rows.reduce((n, r) => n + f(r), 0);
  return { hasProgramme: programme !== null, weeks: rows, done: sum((r) => r.done), prescribed: sum((r) => r.prescribed), other: sum((r) => r.other) };
}

function weekIndexOf(weeks: readonly ReportWeek[], ms: number): number {
  return weeks.findIndex((w) => ms >= w.startMs && ms < w.endMs);
}

function rangeChecks(checks: readonly RangeCheckLike[], weeks: readonly ReportWeek[], nowMs: number, offset: number): RangeTrend[] {
  const upToNow = checks.filter((c) => finite(c.takenAtMs) && c.takenAtMs <= nowMs);
  const series = rangeWeeks(upToNow, { fromMs: weeks[0].startMs, toMs: nowMs, utcOffsetMinutes: offset });
  return series.flatMap((s): RangeTrend[] => {
    if (s.weeks.length === 0) return [];
    const last = s.weeks[s.weeks.length - 1];
    const p = last.previous;
    return [
      {
        kind: 'check',
        id: s.measure,
        name: MEASURE_NAMES[s.measure as RangeMeasureId],
        points: s.weeks.map((w) => ({
          weekIndex: weekIndexOf(weeks, w.week.startMs),
          date: localDate(w.takenAtMs, offset),
          valueDeg: w.valueDeg,
          plusMinusDeg: w.spreadDeg,
        })),
        lastChange: p ? { fromDate: localDate(p.fromWeek.startMs, offset), changeDeg: p.gainDeg, errorDeg: p.errorDeg, beyondError: p.change !== 'within-error' } : null,
      },
    ];
  });
}

function exerciseTrends(sets: readonly SetLike[], programme: ProgrammeState | null, weeks: readonly ReportWeek[], nowMs: number, offset: number): RangeTrend[] {
  const fromMs = weeks[0].startMs;
  const inPeriod = sets.filter((s) => s.startedAt >= fromMs && s.startedAt <= nowMs);
  const measured = (id: string) => groupSessions(inPeriod, id).filter((s) => s.rangeDeg !== null).length;
  let ids = programmeExercises(programme, fromMs, nowMs, offset);
  // The current stage's exercise first.
  ids = ids.reverse().filter((id) => measured(id) > 0);
  if (!programme) {
    const all = [...new Set(inPeriod.map((s) => s.exerciseId))].filter((id) => measured(id) > 0);
    ids = all.sort((a, b) => measured(b) - measured(a) || a.localeCompare(b));
  }
  return ids.slice(0, MAX_EXERCISE_TRENDS).map((id): RangeTrend => {
    const summaries = weeklySummaries(inPeriod, { exerciseId: id, fromMs, toMs: nowMs, sessionsPerWeek: 0, utcOffsetMinutes: offset });
    const measuredWeeks = summaries.filter((w) => w.medianRangeDeg !== null);
    const points = measuredWeeks.map((w): RangePoint => {
      const weekIndex = weekIndexOf(weeks, w.week.startMs);
      return { weekIndex, date: weeks[weekIndex].startDate, valueDeg: w.medianRangeDeg as number, plusMinusDeg: NOISE_BAND_DEG };
    });
    const gain = measuredWeeks[measuredWeeks.length - 1].gainDeg;
    // Weekly gains compare with the week just before only (metrics.ts): after a gap there is no change.
    const before = gain !== null ? points[points.length - 2] : undefined;
    return {
      kind: 'exercise',
      id,
      name: getExercise(id)?.name ?? id,
      points,
      lastChange: gain !== null && before ? { fromDate: before.date, changeDeg: gain, errorDeg: NOISE_BAND_DEG, beyondError: Math.abs(gain) >= NOISE_BAND_DEG } : null,
    };
  });
}

function snapshotSummary(snapshots: readonly SnapshotLike[], fromMs: number, nowMs: number, offset: number): SnapshotSummary | null {
  const upToNow = snapshots.filter((s) => finite(s.takenAtMs) && s.takenAtMs <= nowMs).sort((a, b) => a.takenAtMs - b.takenAtMs);
  const latest = upToNow[upToNow.length - 1];
  if (!latest) return null;
  const hf = finite(latest.headForwardDeg) ? latest.headForwardDeg : null;
  const tr = finite(latest.trunkExtensionDeg) ? latest.trunkExtensionDeg : null;
  return {
    date: localDate(latest.takenAtMs, offset),
    inPeriod: latest.takenAtMs >= fromMs,
    headForwardDeg: hf,
    headForwardPlusMinusDeg: hf !== null && finite(latest.headForwardSpreadDeg) ? latest.headForwardSpreadDeg : null,
    headForwardRefused: hf === null ? (latest.refusals?.headForward?.message ?? null) : null,
    trunkExtensionDeg: tr,
    trunkExtensionPlusMinusDeg: tr !== null && finite(latest.trunkExtensionSpreadDeg) ? latest.trunkExtensionSpreadDeg : null,
    trunkExtensionRefused: tr === null ? (latest.refusals?.trunkExtension?.message ?? null) : null,
    inPeriodCount: upToNow.filter((s) => s.takenAtMs >= fromMs).length,
  };
}

function stats(values: readonly number[]): ScoreStats | null {
  if (values.length === 0) return null;
  return { answers: values.length, median: median(values) as number, min: Math.min(...values), max: Math.max(...values) };
}

const count = <K extends string>(keys: readonly K[], values: readonly (K | undefined)[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;

const SLEEP: readonly SleepQuality[] = ['poor', 'fair', 'good'];
const EASE: readonly MovementEase[] = ['harder', 'same', 'easier'];

function checkInSection(checkIns: readonly CheckIn[], weeks: readonly ReportWeek[], nowMs: number): CheckInSection {
  const rows = weeks.map((w): CheckInWeek => {
    const mine = checkIns.filter((c) => c.atMs >= w.startMs && c.atMs < w.endMs && c.atMs <= nowMs);
    return {
      week: w,
      checkIns: mine.length,
      pain: stats(mine.map(painOf)),
      tension: stats(mine.flatMap((c) => (finite(c.tension) ? [Math.min(10, Math.max(0, c.tension))] : []))),
      sleep: count(SLEEP, mine.map((c) => c.sleep)),
      turning: count(EASE, mine.map((c) => c.turning)),
      reaching: count(EASE, mine.map((c) => c.reaching)),
    };
  });
  const any = (f: (r: CheckInWeek) => number) => rows.some((r) => f(r) > 0);
  const sumOf = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);
  return {
    weeks: rows,
    total: rows.reduce((n, r) => n + r.checkIns, 0),
    answered: {
      tension: any((r) => r.tension?.answers ?? 0),
      sleep: any((r) => sumOf(r.sleep)),
      turning: any((r) => sumOf(r.turning)),
      reaching: any((r) => sumOf(r.reaching)),
    },
  };
}

function redFlagSection(checkIns: readonly CheckIn[], fromMs: number, nowMs: number, offset: number): RedFlagSection {
  const flagged = checkIns.filter((c) => c.atMs <= nowMs && c.redFlags.some((f) => RED_FLAGS.includes(f))).sort((a, b) => b.atMs - a.atMs);
  const inPeriod = flagged
    .filter((c) => c.atMs >= fromMs)
    .map((c): RedFlagReport => {
      const flags = RED_FLAGS.filter((f) => c.redFlags.includes(f));
      return { date: localDate(c.atMs, offset), atMs: c.atMs, flags, words: flags.map((f) => RED_FLAG_WORDS[f]), pain: painOf(c) };
    });
  const earlier = flagged.filter((c) => c.atMs < fromMs);
  return { inPeriod, earlier: earlier.length ? { count: earlier.length, lastDate: localDate(earlier[0].atMs, offset) } : null };
}

/** The report as of `nowMs`, from the person's records. */
export function buildReport(records: ReportRecords, options: ReportOptions): ReportModel {
  const { nowMs } = options;
  const offset = options.utcOffsetMinutes ?? 0;
  const weeks = reportWeeks(nowMs, offset);
  const fromMs = weeks[0].startMs;
  const sets = records.sets.filter((s) => finite(s.startedAt) && s.startedAt <= nowMs);
  const checkIns = records.checkIns.filter((c) => finite(c.atMs));
  return {
    date: localDate(nowMs, offset),
    nowMs,
    period: { fromDate: weeks[0].startDate, toDate: localDate(nowMs, offset), weeks },
    programme: records.programme ? programmeSummary(records.programme, nowMs, offset) : null,
    adherence: adherence(sets, records.programme, weeks, offset),
    range: {
      checks: rangeChecks(records.rangeChecks, weeks, nowMs, offset),
      checksOnRecord: records.rangeChecks.filter((c) => finite(c.takenAtMs) && c.takenAtMs <= nowMs).length,
      exercises: exerciseTrends(sets, records.programme, weeks, nowMs, offset),
    },
    snapshot: snapshotSummary(records.snapshots, fromMs, nowMs, offset),
    checkIns: checkInSection(checkIns, weeks, nowMs),
    redFlags: redFlagSection(checkIns, fromMs, nowMs, offset),
    empty:
      records.programme === null &&
      !records.sets.some((s) => s.summary.reps > 0) &&
      records.snapshots.length === 0 &&
      records.rangeChecks.length === 0 &&
      records.checkIns.length === 0,
  };
}
