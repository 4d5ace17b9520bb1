// What the programme prescribed, week by week: only from the day it started, only for the
// exercise of the stage the person was on, and nothing while progression was on hold.
import type { ProgrammeState } from './decide';
import { ladderStep } from './ladder';
import { DAY_MS, isoWeekOf, WEEK_MS, type IsoWeek } from './metrics';
import type { LadderStage } from '../exercise/types';

export interface StagePeriod {
  readonly stage: LadderStage;
  readonly exerciseId: string;
  readonly fromMs: number;
  /** Exclusive; null while it lasts. */
  readonly toMs: number | null;
}

/**
 * The stages the programme went through, oldest first. A programme with no decisions yet began
 * when its stage did; otherwise it began in the week its first decided stage started (decisions
 * record the week of the stage, not the minute it began).
 */
export function stagePeriods(programme: ProgrammeState, utcOffsetMinutes = 0): StagePeriod[] {
  const first = programme.history[0];
  let stage: LadderStage = first ? first.stage : programme.stage;
  let fromMs = first ? Math.min(isoWeekOf(first.weekStartMs, utcOffsetMinutes).startMs - (first.weekOfStage - 1) * WEEK_MS, programme.stageStartedAtMs) : programme.stageStartedAtMs;
  const periods: StagePeriod[] = [];
  for (const d of programme.history) {
    if (d.decision === 'advance' && d.nextStage !== d.stage && d.stage === stage) {
      periods.push({ stage, exerciseId: ladderStep(stage).exerciseId, fromMs, toMs: d.atMs });
      stage = d.nextStage;
      fromMs = d.atMs;
    }
  }
  periods.push({ stage, exerciseId: ladderStep(stage).exerciseId, fromMs, toMs: null });
  return periods;
}

/**
 * Sessions of `exerciseId` the programme prescribed in `week`: the stage's sessions a week,
 * for the days of the week the stage covered (a week begun mid-way gets its share, at least
 * one session), none before the programme began, none for other exercises, none while on hold.
 */
export function prescribedSessions(programme: ProgrammeState | null, exerciseId: string, week: IsoWeek, utcOffsetMinutes = 0): number {
  if (!programme) return 0;
  const offsetMs = utcOffsetMinutes * 60_000;
  let days = 0;
  let perWeek = 0;
  for (const p of stagePeriods(programme, utcOffsetMinutes)) {
    if (p.exerciseId !== exerciseId) continue;
    let to = Math.min(week.endMs, p.toMs ?? Infinity);
    if (programme.onHoldSinceMs !== null) to = Math.min(to, Math.max(programme.onHoldSinceMs, week.startMs));
    const from = Math.max(week.startMs, p.fromMs);
    if (to <= from) continue;
    // Local days touched, the first one whole.
    const dayStart = Math.floor((from + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
    days += Math.ceil((to - dayStart) / DAY_MS);
    perWeek = ladderStep(p.stage).sessionsPerWeek;
  }
  if (days === 0) return 0;
  return Math.max(1, Math.round((perWeek * Math.min(7, days)) / 7));
}
