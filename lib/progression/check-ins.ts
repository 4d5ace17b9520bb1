// How the person says it felt: pain 0-10, red flags, comfortable or not. Red flags and the
// pain thresholds come from DESIGN.md and seeds/002 (sharp pain, burning, tingling and
// nerve-like symptoms are red flags); the numbers for "pain-free" and "rising" are ours.

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
