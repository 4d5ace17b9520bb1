// Builds backup files of realistic histories with the app's own storage code (on an
// in-memory IndexedDB in this Node process), to load into the browser through the import page.
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { decideWeek, isoWeekOf, type ProgrammeState, type WeekDecision } from '../../lib/progression';
import { rangeCheckOf, simulateProgramme, steadyPlans } from '../../lib/progression/test-histories';
import type { RangeMeasureId } from '../../lib/range/types';
import { exportBackup } from '../../lib/storage/backup';
import { PostureDb } from '../../lib/storage/db';
import { saveRangeCheck } from '../../lib/storage/range-checks';
import { saveCheckIn, saveProgramme } from '../../lib/storage/records';
import type { SetRecord } from '../../lib/storage/set-record';
import { saveSet } from '../../lib/storage/sets';
import { saveSnapshot } from '../../lib/storage/snapshots';
import { snapshotRecord } from '../../lib/storage/test-records';

const WEEK_MS = 7 * 86_400_000;

export interface SeedSpec {
  /** Whole weeks of training that end at the start of the current week. */
  readonly weeks: number;
  readonly stage: 1 | 2 | 3 | 4 | 5;
  readonly snapshots?: number;
  /** Local time as minutes east of UTC (the browser's). */
  readonly utcOffsetMinutes: number;
  /**
   * A range check per training week (null: none that week), taken on the week's Wednesday at
   * 18:00 local time, each measure's three trials 1° apart (± 1°). Default: none.
   */
  readonly rangeChecks?: readonly (Partial<Record<RangeMeasureId, number | null>> | null)[];
  /** Leave the last week undecided, for the app to decide when it opens. Default false. */
  readonly lastWeekUndecided?: boolean;
}

export interface Seeded {
  readonly file: string;
  readonly sessions: number;
  readonly sets: number;
  readonly weeksWithSessions: number;
  /** Sessions (sittings) and ISO weeks with sessions, per exercise id. */
  readonly byExercise: Readonly<Record<string, { sessions: number; weeks: number }>>;
  readonly programme: ProgrammeState;
  /** Range checks saved. */
  readonly rangeChecks: number;
  /** With `lastWeekUndecided`: the decision the app should make for that week now (from the same records). */
  readonly pending: WeekDecision | null;
}

let n = 0;

export async function seedBackup(path: string, spec: SeedSpec, nowMs = Date.now()): Promise<Seeded> {
  const startMs = isoWeekOf(nowMs, spec.utcOffsetMinutes).startMs - spec.weeks * WEEK_MS;
  const rangeChecks = (spec.rangeChecks ?? []).flatMap((values, i) =>
    values ? [rangeCheckOf(startMs + i * WEEK_MS + 2 * 86_400_000 + 18 * 3_600_000, values, 1, `range-check-${i}`)] : [],
  );
  const sim = simulateProgramme({
    startMs,
    plans: steadyPlans(spec.weeks, 8, 1.5),
    stage: spec.stage,
    utcOffsetMinutes: spec.utcOffsetMinutes,
    rangeChecks,
    decideLast: !spec.lastWeekUndecided,
  });
  const db = new PostureDb(`seed-${process.pid}-${n++}`);
  try {
    for (const set of sim.sets) await saveSet(db, set as unknown as SetRecord);
    for (const [i, c] of sim.checkIns.entries()) await saveCheckIn(db, { ...c, id: `check-in-${i}`, sessionId: null });
    await saveProgramme(db, { state: sim.state, growthPercent: 7.5 });
    for (const check of rangeChecks) await saveRangeCheck(db, check);
    for (let i = 0; i < (spec.snapshots ?? 0); i++) {
      const takenAtMs = startMs + i * WEEK_MS + 86_400_000;
      await saveSnapshot(db, { ...snapshotRecord(`snapshot-${i}`, takenAtMs), headForwardDeg: 45 + i });
    }
    writeFileSync(path, JSON.stringify(await exportBackup(db)));
    const sessions = await db.sessions.toArray();
    const weekOf = (ms: number) => isoWeekOf(ms, spec.utcOffsetMinutes).startMs;
    const byExercise: Record<string, { sessions: number; weeks: number }> = {};
    for (const id of new Set(sessions.map((s) => s.exerciseId))) {
      const mine = sessions.filter((s) => s.exerciseId === id);
      byExercise[id] = { sessions: mine.length, weeks: new Set(mine.map((s) => weekOf(s.startedAt))).size };
    }
    const weeks = new Set(sim.sets.map((s) => weekOf(s.startedAt))).size;
    const pending = spec.lastWeekUndecided
      ? decideWeek({ state: sim.state, sets: sim.sets, checkIns: sim.checkIns, rangeChecks, atMs: nowMs, utcOffsetMinutes: spec.utcOffsetMinutes, growthPercent: 7.5 })
      : null;
    return {
      file: path,
      sessions: sessions.length,
      sets: sim.sets.length,
      weeksWithSessions: weeks,
      byExercise,
      programme: sim.state,
      rangeChecks: rangeChecks.length,
      pending,
    };
  } finally {
    await db.delete();
  }
}

/** Five weeks of range checks, none in the third; the last gains 6° to the left (Trends and the report). */
export const FIVE_WEEK_CHECKS = [
  { 'head-forward': 46, extension: 6, reach: 146, 'rotation-left': 36, 'rotation-right': 40 },
  { 'head-forward': 47, extension: 7, reach: 149, 'rotation-left': 39, 'rotation-right': 41 },
  null,
  { 'head-forward': 48, extension: 9, reach: 152, 'rotation-left': 42, 'rotation-right': 43 },
  { 'head-forward': 49, extension: 8.5, reach: 153, 'rotation-left': 48, 'rotation-right': 44 },
];
