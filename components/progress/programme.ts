import { applyDecision, decideWeek, isoWeekOf, startProgramme, type ProgrammeState } from '@/lib/progression';
import type { LadderStage } from '@/lib/exercise/types';
import type { PostureDb } from '@/lib/storage/db';
import { listRangeChecks } from '@/lib/storage/range-checks';
import { getProgramme, listCheckIns, listSets, saveProgramme } from '@/lib/storage/records';

/** Minutes east of UTC for this device, as lib/progression expects. */
export function localUtcOffsetMinutes(atMs: number): number {
  return -new Date(atMs).getTimezoneOffset();
}

export interface ProgrammeView {
  readonly programme: ProgrammeState;
  readonly growthPercent: number;
}

/**
 * The programme as of `nowMs`, with the weekly decision for the last full week applied if it
 * has not been yet (decisions are made lazily, when the person next opens the app).
 */
export async function currentProgramme(db: PostureDb, nowMs: number): Promise<ProgrammeView | null> {
  const stored = await getProgramme(db);
  if (!stored) return null;
  let programme = stored.state;
  const offset = localUtcOffsetMinutes(nowMs);
  const lastFullWeekStart = isoWeekOf(nowMs, offset).startMs - 7 * 86_400_000;
  const decided = programme.history.some((d) => d.weekStartMs === lastFullWeekStart);
  const stageBegunBefore = isoWeekOf(programme.stageStartedAtMs, offset).startMs <= lastFullWeekStart;
  if (!decided && stageBegunBefore) {
    // Range checks: the judged week's, against earlier ones, decide the range gain when there is one.
    const [sets, checkIns, rangeChecks] = await Promise.all([listSets(db), listCheckIns(db), listRangeChecks(db)]);
    const result = decideWeek({ state: programme, sets, checkIns, rangeChecks, atMs: nowMs, utcOffsetMinutes: offset, growthPercent: stored.growthPercent });
    programme = applyDecision(programme, result, nowMs);
    await saveProgramme(db, { state: programme, growthPercent: stored.growthPercent });
  }
  return { programme, growthPercent: stored.growthPercent };
}

export async function beginProgramme(db: PostureDb, nowMs: number, stage: LadderStage, growthPercent: number): Promise<ProgrammeView> {
  const programme = startProgramme(nowMs, stage);
  await saveProgramme(db, { state: programme, growthPercent });
  return { programme, growthPercent };
}
