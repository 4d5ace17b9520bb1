// Measured range from saved sets, never typed in: sessions, ISO weeks, weekly medians, gains
// and adherence.
//
// A session is one sitting: sets of the same exercise, each starting within 30 minutes of the
// previous one's end (stages 1 and 2 prescribe 2-3 sittings a day, so a calendar day is too
// coarse). A set counts when it has at least one completed rep, hold or cycle. A session's
// range is the median of its completed holds' peaks (holds; baseline-relative, as the counter
// records them), or the median of its sets' median rep peaks (reps and timed cycles, from
// `SetSummary.medianDeg`); null when none was measured. A week's range is the median of its
// sessions' ranges, and its gain is its range minus the previous week's (null when either
// week has none: a missed week never counts as a plateau).
//
// Weeks are ISO weeks (Monday 00:00 to Monday 00:00) in local time given as a fixed UTC offset
// in minutes east of UTC (+60 for Central European winter time, -300 for New York winter
// time; the negative of JavaScript's getTimezoneOffset()).
import type { SetSummary } from '../exercise/types';

/** Week-to-week changes under about 3 deg are measurement noise (DESIGN.md, Measurements). */
export const NOISE_BAND_DEG = 3;
/** Sets further apart than this belong to different sessions. */
export const SESSION_GAP_MS = 30 * 60_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
const MINUTE_MS = 60_000;

/**
 * What progression needs of a saved set: lib/storage's SetRecord has this shape (checked in
 * metrics.test.ts; the pure core may not import lib/storage).
 */
export interface SetLike {
  readonly exerciseId: string;
  /** Wall-clock start, epoch ms. */
  readonly startedAt: number;
  readonly summary: SetSummary;
}

export interface IsoWeek {
  /** ISO week-numbering year (the year of the week's Thursday). */
  readonly isoYear: number;
  /** 1-53. */
  readonly isoWeek: number;
  /** Local Monday 00:00 as epoch ms. */
  readonly startMs: number;
  /** The next Monday 00:00 as epoch ms (exclusive). */
  readonly endMs: number;
}

/** Median of a list; null when it is empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The ISO week that contains `ms` in local time at `utcOffsetMinutes`. */
export function isoWeekOf(ms: number, utcOffsetMinutes = 0): IsoWeek {
  const offsetMs = utcOffsetMinutes * MINUTE_MS;
  const day = Math.floor((ms + offsetMs) / DAY_MS);
  // Day 0 (1970-01-01) was a Thursday: index 3 counting from Monday.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const monday = day - weekday;
  const thursday = monday + 3;
  const isoYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(isoYear, 0, 1) / DAY_MS;
  const startMs = monday * DAY_MS - offsetMs;
  return { isoYear, isoWeek: Math.floor((thursday - jan1) / 7) + 1, startMs, endMs: startMs + WEEK_MS };
}

/** "2026-W03". */
export function isoWeekLabel(week: IsoWeek): string {
  return `${week.isoYear}-W${String(week.isoWeek).padStart(2, '0')}`;
}

/** The local calendar date of `ms` as YYYY-MM-DD. */
export function localDate(ms: number, utcOffsetMinutes = 0): string {
  return new Date(ms + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}

/** Whole weeks from `from`'s week to `to`'s week (0 when the same, negative when earlier). */
export function weeksBetween(from: IsoWeek, to: IsoWeek): number {
  return Math.round((to.startMs - from.startMs) / WEEK_MS);
}

export interface Session {
  readonly startMs: number;
  readonly endMs: number;
  readonly sets: readonly SetLike[];
  /** Median peak (see the file comment); null when nothing was measured. */
  readonly rangeDeg: number | null;
}

/** A set's end on the wall clock: its start plus the summary's own duration. */
function setEndMs(set: SetLike): number {
  const { startedAtMs, endedAtMs } = set.summary;
  return startedAtMs !== null && endedAtMs !== null && endedAtMs >= startedAtMs ? set.startedAt + (endedAtMs - startedAtMs) : set.startedAt;
}

/** Peaks a set contributes: completed holds' peaks, or its median rep peak. */
function setPeaks(summary: SetSummary): number[] {
  if (summary.kind === 'hold') return summary.holds.filter((h) => h.completed && Number.isFinite(h.peakDeg)).map((h) => h.peakDeg);
  return summary.medianDeg !== null && Number.isFinite(summary.medianDeg) ? [summary.medianDeg] : [];
}

/** A session's range: the median of the peaks its sets contribute. */
export function sessionRangeDeg(sets: readonly SetLike[]): number | null {
  return median(sets.flatMap((s) => setPeaks(s.summary)));
}

/** Sets of `exerciseId` with work done, grouped into sessions, oldest first. */
export function groupSessions(sets: readonly SetLike[], exerciseId: string): Session[] {
  const done = sets.filter((s) => s.exerciseId === exerciseId && s.summary.reps > 0).sort((a, b) => a.startedAt - b.startedAt);
  const groups: SetLike[][] = [];
  let lastEnd = -Infinity;
  for (const set of done) {
    if (set.startedAt - lastEnd > SESSION_GAP_MS || groups.length === 0) groups.push([set]);
    else groups[groups.length - 1].push(set);
    lastEnd = Math.max(lastEnd, setEndMs(set));
  }
  return groups.map((g) => ({
    startMs: g[0].startedAt,
    endMs: Math.max(...g.map(setEndMs)),
    sets: g,
    rangeDeg: sessionRangeDeg(g),
  }));
}

export interface WeekSummary {
  readonly week: IsoWeek;
  /** Sessions started in the week. */
  readonly sessions: number;
  readonly sessionsPrescribed: number;
  /** sessions / prescribed, raw (may pass 1). */
  readonly adherence: number;
  /** The same, capped at 1 for display. */
  readonly adherenceShown: number;
  /** Each measured session's range, in time order. */
  readonly sessionRangesDeg: readonly number[];
  readonly medianRangeDeg: number | null;
  /** This week's median minus last week's; null when either is missing. */
  readonly gainDeg: number | null;
}

export interface WeeklyOptions {
  readonly exerciseId: string;
  /** Any moment in the first week to summarize. */
  readonly fromMs: number;
  /** Any moment in the last week to summarize. */
  readonly toMs: number;
  /** The prescription's sessions a week (ladder step's sessionsPerWeek). */
  readonly sessionsPerWeek: number;
  /** Sessions prescribed in a given week, when it varies (see `prescribedSessions`); overrides `sessionsPerWeek`. */
  readonly prescribedFor?: (week: IsoWeek) => number;
  readonly utcOffsetMinutes?: number;
  /**
   * Weeks starting before this moment's week count as empty (no sessions, no range): keeps a
   * stage's gains from reaching into weeks before it began. Default: none.
   */
  readonly notBeforeMs?: number;
}

/** One summary per ISO week from `fromMs`'s week to `toMs`'s week, missed weeks included. */
/**
 * The most weeks one summary covers (20 years): a record dated centuries back (a damaged or
 * forged one) must not make a chart walk through millions of weeks.
 */
export const MAX_SUMMARY_WEEKS = 1043;

export function weeklySummaries(sets: readonly SetLike[], options: WeeklyOptions): WeekSummary[] {
  const offset = options.utcOffsetMinutes ?? 0;
  const last = isoWeekOf(options.toMs, offset);
  const first = isoWeekOf(Math.max(options.fromMs, last.startMs - MAX_SUMMARY_WEEKS * WEEK_MS + DAY_MS), offset);
  const floorMs = options.notBeforeMs === undefined ? -Infinity : isoWeekOf(options.notBeforeMs, offset).startMs;
  const sessions = groupSessions(sets, options.exerciseId);
  const out: WeekSummary[] = [];
  // Start one week early so the first week has a gain when the week before it has data.
  let previousMedian: number | null = null;
  for (let i = -1; i <= weeksBetween(first, last); i++) {
    const week = isoWeekOf(first.startMs + i * WEEK_MS + DAY_MS, offset);
    const inWeek = week.startMs < floorMs ? [] : sessions.filter((s) => s.startMs >= week.startMs && s.startMs < week.endMs);
    const ranges = inWeek.flatMap((s) => (s.rangeDeg === null ? [] : [s.rangeDeg]));
    const medianRangeDeg = median(ranges);
    if (i >= 0) {
      const prescribed = options.prescribedFor ? options.prescribedFor(week) : options.sessionsPerWeek;
      const adherence = prescribed > 0 ? inWeek.length / prescribed : 0;
      out.push({
        week,
        sessions: inWeek.length,
        sessionsPrescribed: prescribed,
        adherence,
        adherenceShown: Math.min(1, adherence),
        sessionRangesDeg: ranges,
        medianRangeDeg,
        gainDeg: medianRangeDeg !== null && previousMedian !== null ? medianRangeDeg - previousMedian : null,
      });
    }
    previousMedian = medianRangeDeg;
  }
  return out;
}

/** A set as the Today page sees it: `status` tells a set that reached its target. */
export interface TodaySet extends SetLike {
  readonly status?: 'in-progress' | 'complete' | 'ended';
}

export interface TodaysSessions {
  /** Sessions that reached the dose. */
  readonly complete: number;
  /** Sessions with work done that fell short of the dose, each in words ("4 of 10 holds"). */
  readonly partial: readonly { readonly startMs: number; readonly text: string }[];
}

/**
 * Sessions of `exerciseId` among `sets` (say, today's), split into done and partial. A set with
 * nothing counted (no rep, no hold) is not a session at all. A session is done when one of its
 * sets reached its target, or its completed reps (holds) together reach the dose's reps; for a
 * timed exercise, when a set ran its full time.
 */
export function todaysSessions(sets: readonly TodaySet[], exerciseId: string, dose: { readonly reps?: number }): TodaysSessions {
  const worked = sets
    .filter((s) => s.exerciseId === exerciseId && s.summary.reps + s.summary.holds.length > 0)
    .sort((a, b) => a.startedAt - b.startedAt);
  const groups: TodaySet[][] = [];
  let lastEnd = -Infinity;
  for (const set of worked) {
    if (groups.length === 0 || set.startedAt - lastEnd > SESSION_GAP_MS) groups.push([set]);
    else groups[groups.length - 1].push(set);
    lastEnd = Math.max(lastEnd, setEndMs(set));
  }
  let complete = 0;
  const partial: { startMs: number; text: string }[] = [];
  for (const g of groups) {
    const reps = g.reduce((n, s) => n + s.summary.reps, 0);
    const kind = g[0].summary.kind;
    const target = dose.reps ?? g.find((s) => s.summary.targetReps !== null)?.summary.targetReps ?? null;
    const reached = g.some((s) => s.status === 'complete' || s.summary.complete) || (kind !== 'timed' && target !== null && reps >= target);
    if (reached) {
      complete++;
      continue;
    }
    const unit = kind === 'hold' ? 'holds' : kind === 'timed' ? 'cycles' : 'reps';
    const short = g.reduce((n, s) => n + s.summary.shortHolds, 0);
    const text =
      kind === 'timed'
        ? `a set stopped before its time (${reps} ${unit})`
        : `${reps}${target !== null ? ` of ${target}` : ''} ${unit}${short ? `, ${short} short` : ''}`;
    partial.push({ startMs: g[0].startedAt, text });
  }
  return { complete, partial };
}
