// How the person says it felt: pain 0-10, red flags, comfortable or not. Red flags and the
// pain thresholds come from DESIGN.md and seeds/002 (sharp pain, burning, tingling and
// nerve-like symptoms are red flags); the numbers for "pain-free" and "rising" are ours.
import { DAY_MS, isoWeekOf, MAX_SUMMARY_WEEKS, WEEK_MS, type IsoWeek } from './metrics';

export type RedFlag = 'sharp-pain' | 'burning' | 'tingling' | 'nerve-symptoms';

export const RED_FLAGS: readonly RedFlag[] = ['sharp-pain', 'burning', 'tingling', 'nerve-symptoms'];

export const RED_FLAG_WORDS: Readonly<Record<RedFlag, string>> = {
  'sharp-pain': 'sharp pain',
  burning: 'burning',
  tingling: 'tingling',
  'nerve-symptoms': 'nerve-like symptoms',
};

export interface CheckIn {
  /** When it was given, epoch ms. */
  readonly atMs: number;
  /** 0 (none) to 10 (worst imaginable). */
  readonly pain: number;
  readonly redFlags: readonly RedFlag[];
  /** The exercise felt comfortable. */
  readonly comfortable: boolean;
  readonly note?: string;
  /**
   * Progress beyond pain (DESIGN.md, seeds/000), each optional: upper-back tension or stiffness
   * 0 (none) to 10 (worst), last night's sleep, and how easy two daily movements felt compared
   * with before (turning to look behind, reaching overhead).
   */
  readonly tension?: number;
  readonly sleep?: SleepQuality;
  readonly turning?: MovementEase;
  readonly reaching?: MovementEase;
}

export type SleepQuality = 'poor' | 'fair' | 'good';
export const SLEEP_QUALITIES: readonly SleepQuality[] = ['poor', 'fair', 'good'];
/** How a daily movement felt compared with before. */
export type MovementEase = 'harder' | 'same' | 'easier';
export const MOVEMENT_EASES: readonly MovementEase[] = ['harder', 'same', 'easier'];

/** Pain-free means 0 or 1 out of 10: no more than a passing awareness. */
export const PAIN_FREE_MAX = 1;
/** Pain at or above this in a week means back off. */
export const BACK_OFF_PAIN = 4;
/** Rising: the week's highest pain up by this many points on the week before's highest. */
export const RISING_WEEKLY_POINTS = 2;
/** Rising: this many check-ins in a row, each more painful than the one before... */
export const RISING_STREAK = 3;
/** ...the last of them above pain-free (so 0, 0.5, 1 is not "rising"). */
export const RISING_STREAK_MIN_PAIN = PAIN_FREE_MAX + 1;

/** Pain clamped to 0-10 (a stray value cannot make a week look better or worse than 0-10 allows). */
export function painOf(checkIn: CheckIn): number {
  return Number.isFinite(checkIn.pain) ? Math.min(10, Math.max(0, checkIn.pain)) : 0;
}

/** Check-ins with fromMs <= atMs < toMs, oldest first. */
export function checkInsBetween(checkIns: readonly CheckIn[], fromMs: number, toMs: number): CheckIn[] {
  return checkIns.filter((c) => c.atMs >= fromMs && c.atMs < toMs).sort((a, b) => a.atMs - b.atMs);
}

export function maxPain(checkIns: readonly CheckIn[]): number | null {
  return checkIns.length ? Math.max(...checkIns.map(painOf)) : null;
}

/** Check-ins that report at least one red flag. */
export function withRedFlags(checkIns: readonly CheckIn[]): CheckIn[] {
  return checkIns.filter((c) => c.redFlags.length > 0);
}

/** The distinct red flags reported, in RED_FLAGS order. */
export function redFlagsOf(checkIns: readonly CheckIn[]): RedFlag[] {
  const seen = new Set(checkIns.flatMap((c) => c.redFlags));
  return RED_FLAGS.filter((f) => seen.has(f));
}

/**
 * The last RISING_STREAK check-ins before `toMs` when their pain rises strictly each time and
 * ends above pain-free, with the last one at or after `latestFromMs` (in the week judged);
 * otherwise null.
 */
export function risingStreak(checkIns: readonly CheckIn[], latestFromMs: number, toMs: number): CheckIn[] | null {
  const before = checkInsBetween(checkIns, -Infinity, toMs);
  if (before.length < RISING_STREAK) return null;
  const streak = before.slice(-RISING_STREAK);
  if (streak[streak.length - 1].atMs < latestFromMs) return null;
  for (let i = 1; i < streak.length; i++) if (painOf(streak[i]) <= painOf(streak[i - 1])) return null;
  return painOf(streak[streak.length - 1]) >= RISING_STREAK_MIN_PAIN ? streak : null;
}

// Progress beyond pain: tension, sleep and how daily movements felt, summarised per week for
// the decision's reasons and for Trends. They inform; no rule decides on them.

/** Tension clamped to 0-10; null when the check-in did not give it (or gave something that is not a number). */
export function tensionOf(checkIn: CheckIn): number | null {
  const t = checkIn.tension;
  return typeof t === 'number' && Number.isFinite(t) ? Math.min(10, Math.max(0, t)) : null;
}

/** How many answers of each kind. */
export type AnswerCounts<K extends string> = Readonly<Record<K, number>>;

export interface FeelSummary {
  readonly checkIns: number;
  /** Highest pain (the pain rules' measure); null without check-ins. */
  readonly maxPain: number | null;
  /** Mean tension of the check-ins that gave one; null when none did. */
  readonly meanTension: number | null;
  readonly tensionAnswers: number;
  /**
   * Nights rated: "last night's sleep" is about the night before the day it was given, so two
   * check-ins on one local day rate one night; the day's last answer counts.
   */
  readonly sleep: AnswerCounts<SleepQuality>;
  readonly nights: number;
  /** Every answer counts (each compares with the week before). */
  readonly turning: AnswerCounts<MovementEase>;
  readonly reaching: AnswerCounts<MovementEase>;
  readonly turningAnswers: number;
  readonly reachingAnswers: number;
}

const zeroSleep = (): Record<SleepQuality, number> => ({ poor: 0, fair: 0, good: 0 });
const zeroEase = (): Record<MovementEase, number> => ({ harder: 0, same: 0, easier: 0 });
const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Tension, sleep and movement answers of some check-ins (any order), with local days at `utcOffsetMinutes`. */
export function summarizeFeel(checkIns: readonly CheckIn[], utcOffsetMinutes = 0): FeelSummary {
  const tensions = checkIns.map(tensionOf).filter((t): t is number => t !== null);
  const byNight = new Map<number, CheckIn>();
  for (const c of checkIns) {
    if (c.sleep === undefined || !SLEEP_QUALITIES.includes(c.sleep)) continue;
    const day = Math.floor((c.atMs + utcOffsetMinutes * 60_000) / DAY_MS);
    const kept = byNight.get(day);
    if (!kept || c.atMs >= kept.atMs) byNight.set(day, c);
  }
  const sleep = zeroSleep();
  for (const c of byNight.values()) sleep[c.sleep!]++;
  const turning = zeroEase();
  const reaching = zeroEase();
  for (const c of checkIns) {
    if (c.turning !== undefined && MOVEMENT_EASES.includes(c.turning)) turning[c.turning]++;
    if (c.reaching !== undefined && MOVEMENT_EASES.includes(c.reaching)) reaching[c.reaching]++;
  }
  return {
    checkIns: checkIns.length,
    maxPain: maxPain(checkIns),
    meanTension: tensions.length ? tensions.reduce((a, b) => a + b, 0) / tensions.length : null,
    tensionAnswers: tensions.length,
    sleep,
    nights: sum(sleep),
    turning,
    reaching,
    turningAnswers: sum(turning),
    reachingAnswers: sum(reaching),
  };
}

/** Whether any check-in gave tension, sleep or a movement answer. */
export function hasFeelAnswers(s: FeelSummary): boolean {
  return s.tensionAnswers + s.nights + s.turningAnswers + s.reachingAnswers > 0;
}

export interface FeelWeek extends FeelSummary {
  readonly week: IsoWeek;
}

/**
 * One summary per local ISO week, oldest first, from the week of the first check-in in
 * [fromMs, toMs] to the week of `toMs` (empty weeks included, so gaps show); at most
 * MAX_SUMMARY_WEEKS weeks, the latest. No check-in in the period: no weeks.
 */
export function weeklyFeel(checkIns: readonly CheckIn[], options: { fromMs: number; toMs: number; utcOffsetMinutes?: number }): FeelWeek[] {
  const offset = options.utcOffsetMinutes ?? 0;
  const inPeriod = checkInsBetween(checkIns, options.fromMs, options.toMs + 1);
  if (inPeriod.length === 0) return [];
  const last = isoWeekOf(options.toMs, offset);
  const first = isoWeekOf(Math.max(inPeriod[0].atMs, last.startMs - (MAX_SUMMARY_WEEKS - 1) * WEEK_MS), offset);
  const weeks: FeelWeek[] = [];
  for (let start = first.startMs; start <= last.startMs; start += WEEK_MS) {
    const week = isoWeekOf(start, offset);
    weeks.push({ week, ...summarizeFeel(checkInsBetween(inPeriod, week.startMs, week.endMs), offset) });
  }
  return weeks;
}
