// Generated training histories for the progression tests: saved sets shaped like
// lib/storage's SetRecord, with realistic SetSummary values (completed holds with peaks spread
// around the week's range level, one released-early hold a set, rep times, lowering times,
// baselines) and check-ins, week by week, following the programme's own decisions.
//
// Peaks in a session are spread symmetrically around the week's level, so a session's median
// (and so the week's median) equals the level exactly and tests can state gains to the tenth.
import type { Dose, HoldRecord, LadderStage, SetSummary } from '../exercise/types';
import type { CheckIn, RedFlag } from './check-ins';
import { applyDecision, decideWeek, startProgramme, type ProgrammeState, type WeekDecision } from './decide';
import { ladderStep } from './ladder';
import { DAY_MS, WEEK_MS, type SetLike } from './metrics';
import type { RangeCheckLike } from './range-weeks';
import type { RangeMeasureId, RangeMeasureResult } from '../range/types';

const HOUR_MS = 3_600_000;
const SET_REST_MS = 90_000;
/** Spread of peaks around the level within a session, degrees per step. */
const PEAK_STEP_DEG = 0.35;

/** One week of a generated history. */
export interface WeekPlan {
  /** The level measured peaks sit around this week, degrees. */
  readonly rangeDeg: number;
  /** Sessions (sittings) this week. Default: the stage's prescription, rounded up. */
  readonly sessions?: number;
  /** Pain of each check-in, spread over the week. Default: two pain-free check-ins. */
  readonly pain?: readonly number[];
  /** Default true. */
  readonly comfortable?: boolean;
  /** Reported with the week's last check-in. */
  readonly redFlags?: readonly RedFlag[];
}

/** A saved set in lib/storage's SetRecord shape. */
export interface GeneratedSet extends SetLike {
  readonly id: string;
  readonly exerciseName: string;
  readonly updatedAt: number;
  readonly status: 'complete';
  readonly source: 'camera';
  readonly engine: null;
  readonly model: null;
  readonly targetReps: number | null;
  readonly counterState: null;
}

/** Epoch ms of local midnight on a calendar date (month 1-12) at a fixed UTC offset. */
export function localMidnightMs(year: number, month: number, day: number, utcOffsetMinutes = 0): number {
  return Date.UTC(year, month - 1, day) - utcOffsetMinutes * 60_000;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n offsets whose median is exactly 0: 0 (or 0, 0), then pairs +-k steps, shuffled. */
function symmetricOffsets(n: number, stepDeg: number, random: () => number): number[] {
  const out = n % 2 ? [0] : [0, 0];
  for (let k = 1; out.length < n; k++) out.push(-k * stepDeg, k * stepDeg);
  const values = out.slice(0, Math.max(n, 0));
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

/** Session start times (local hours) in a week for a dose's frequency. */
function sessionSlots(dose: Dose, weekStartMs: number, sessions: number): number[] {
  const hours = dose.perDay === 3 ? [8, 13, 19] : dose.perDay === 2 ? [8, 19] : [18];
  const days = dose.everyNDays ? [0, 2, 4, 6, 1, 3, 5] : dose.perWeek !== undefined ? [1, 4, 6, 0, 2, 3, 5] : [0, 1, 2, 3, 4, 5, 6];
  const slots: number[] = [];
  if (dose.everyNDays || dose.perWeek !== undefined) {
    for (const d of days) slots.push(weekStartMs + d * DAY_MS + hours[0] * HOUR_MS);
    return slots.slice(0, sessions).sort((a, b) => a - b);
  }
  for (const d of days) for (const h of hours) slots.push(weekStartMs + d * DAY_MS + h * HOUR_MS);
  if (sessions >= slots.length) return slots;
  return Array.from({ length: sessions }, (_, k) => slots[Math.floor((k * slots.length) / sessions)]);
}

interface SetSpec {
  readonly stage: LadderStage;
  readonly dose: Dose;
  readonly startedAt: number;
  readonly medianDeg: number;
  readonly holdOffsets: readonly number[];
  readonly random: () => number;
  readonly id: string;
}

function holdSet({ dose, startedAt, medianDeg, holdOffsets, random }: SetSpec): { summary: Omit<SetSummary, 'exerciseId' | 'kind'>; durationMs: number } {
  const holdMs = (dose.holdSeconds ?? 10) * 1000;
  const restMs = 5000;
  const holds: HoldRecord[] = [];
  let t = startedAt + 4000; // calibration: a couple of seconds of neutral stance
  // One hold released early, with a lower peak: recorded, but not completed.
  const earlyAt = Math.floor(random() * holdOffsets.length);
  holdOffsets.forEach((offset, i) => {
    if (i === earlyAt) {
      const shortMs = Math.round(holdMs * 0.4);
      holds.push({ startMs: t, endMs: t + shortMs, durationMs: shortMs, peakDeg: medianDeg - 3, medianDeg: medianDeg - 4, completed: false, headForwardDeg: 47 });
      t += shortMs + restMs;
    }
    const durationMs = holdMs + Math.round(random() * 800);
    const peakDeg = medianDeg + offset;
    holds.push({ startMs: t, endMs: t + durationMs, durationMs, peakDeg, medianDeg: peakDeg - 1.2, completed: true, headForwardDeg: 48 + random() * 2 });
    t += durationMs + restMs;
  });
  const peaks = holds.filter((h) => h.completed).map((h) => h.peakDeg);
  return {
    summary: {
      reps: holdOffsets.length,
      targetReps: dose.reps ?? null,
      holds,
      shortHolds: 1,
      repTimesMs: [],
      loweringTimesMs: [],
      framesWithoutPose: Math.floor(random() * 6),
      baselineDeg: 3 + random() * 3,
      peakDeg: Math.max(...peaks),
      medianDeg,
      startedAtMs: startedAt,
      endedAtMs: t,
      complete: true,
    },
    durationMs: t - startedAt,
  };
}

function repSet({ stage, dose, startedAt, medianDeg, random }: SetSpec): { summary: Omit<SetSummary, 'exerciseId' | 'kind'>; durationMs: number } {
  const timed = dose.durationSeconds !== undefined;
  // Cat-cow: one cycle per breath, about 5 s; rep stages: the dose's reps.
  const reps = timed ? Math.round((dose.durationSeconds ?? 30) / 5) : (dose.reps ?? 10);
  const repTimesMs = Array.from({ length: reps }, () => (timed ? 5000 : 2400) + Math.round((random() - 0.5) * 600));
  const loweringTimesMs = stage === 3 ? repTimesMs.map((ms) => Math.round(ms * 0.55) + 1200) : [];
  const durationMs = repTimesMs.reduce((a, b) => a + b, 0) + 3000;
  return {
    summary: {
      reps,
      targetReps: timed ? null : (dose.reps ?? null),
      holds: [],
      shortHolds: 0,
      repTimesMs,
      loweringTimesMs,
      framesWithoutPose: Math.floor(random() * 6),
      baselineDeg: null,
      peakDeg: medianDeg + 2 + random() * 2,
      medianDeg,
      startedAtMs: startedAt,
      endedAtMs: startedAt + durationMs,
      complete: true,
    },
    durationMs,
  };
}

export interface WeekOptions {
  readonly weekStartMs: number;
  readonly stage: LadderStage;
  readonly dose: Dose;
  readonly plan: WeekPlan;
  readonly seed?: number;
}

/** One week's saved sets and check-ins for a stage at a dose. */
export function generateWeek({ weekStartMs, stage, dose, plan, seed = 1 }: WeekOptions): { sets: GeneratedSet[]; checkIns: CheckIn[] } {
  const step = ladderStep(stage);
  const random = seededRandom(seed ^ Math.floor(weekStartMs / DAY_MS));
  const sessions = plan.sessions ?? Math.ceil(step.sessionsPerWeek);
  const sets: GeneratedSet[] = [];
  for (const [s, sessionStart] of sessionSlots(dose, weekStartMs, sessions).entries()) {
    // Sets in a session sit symmetrically around the level too (rep stages use their medians).
    const setOffsets = symmetricOffsets(dose.sets, 0.4, random);
    let t = sessionStart;
    for (let k = 0; k < dose.sets; k++) {
      const spec: SetSpec = {
        stage,
        dose,
        startedAt: t,
        medianDeg: step.kind === 'hold' ? plan.rangeDeg : plan.rangeDeg + setOffsets[k],
        holdOffsets: step.kind === 'hold' ? symmetricOffsets(dose.reps ?? 10, PEAK_STEP_DEG, random) : [],
        random,
        id: `${weekStartMs}-${s}-${k}`,
      };
      const { summary, durationMs } = step.kind === 'hold' ? holdSet(spec) : repSet(spec);
      sets.push({
        id: `set-${spec.id}`,
        exerciseId: step.exerciseId,
        exerciseName: step.exerciseName,
        startedAt: t,
        updatedAt: t + durationMs,
        status: 'complete',
        source: 'camera',
        engine: null,
        model: null,
        targetReps: summary.targetReps,
        summary: { exerciseId: step.exerciseId, kind: step.kind, ...summary },
        counterState: null,
      });
      t += durationMs + SET_REST_MS;
    }
  }
  const pains = plan.pain ?? [0, 0];
  const checkIns = pains.map((pain, k): CheckIn => {
    const day = Math.floor(((k + 1) * 7) / (pains.length + 1));
    const last = k === pains.length - 1;
    return {
      atMs: weekStartMs + day * DAY_MS + 20 * HOUR_MS + k * 60_000,
      pain,
      redFlags: last ? (plan.redFlags ?? []) : [],
      comfortable: plan.comfortable ?? true,
    };
  });
  return { sets, checkIns };
}

export interface SimulateOptions {
  /** Local Monday 00:00 (epoch ms) of the first week. */
  readonly startMs: number;
  readonly plans: readonly WeekPlan[];
  readonly stage?: LadderStage;
  readonly utcOffsetMinutes?: number;
  readonly growthPercent?: number;
  readonly seed?: number;
  /** Range checks the decisions read (any dates). Default: none given. */
  readonly rangeChecks?: readonly RangeCheckLike[];
  /** Decide the last week too. Default true; false leaves it trained but undecided (the app decides it when next opened). */
  readonly decideLast?: boolean;
}

export interface Simulation {
  readonly state: ProgrammeState;
  readonly decisions: readonly WeekDecision[];
  /** The dose trained in each week. */
  readonly doses: readonly Dose[];
  readonly stages: readonly LadderStage[];
  readonly sets: readonly GeneratedSet[];
  readonly checkIns: readonly CheckIn[];
}

/**
 * Runs a programme week by week: each week is trained at the programme's current stage and
 * dose, then decided and applied at the next Monday 00:00.
 */
export function simulateProgramme({ startMs, plans, stage = 1, utcOffsetMinutes = 0, growthPercent, seed = 1, rangeChecks, decideLast = true }: SimulateOptions): Simulation {
  let state = startProgramme(startMs, stage);
  const sets: GeneratedSet[] = [];
  const checkIns: CheckIn[] = [];
  const decisions: WeekDecision[] = [];
  const doses: Dose[] = [];
  const stages: LadderStage[] = [];
  plans.forEach((plan, i) => {
    const weekStartMs = startMs + i * WEEK_MS;
    doses.push(state.dose);
    stages.push(state.stage);
    const week = generateWeek({ weekStartMs, stage: state.stage, dose: state.dose, plan, seed: seed + i });
    sets.push(...week.sets);
    checkIns.push(...week.checkIns);
    if (!decideLast && i === plans.length - 1) return;
    const atMs = weekStartMs + WEEK_MS;
    const decision = decideWeek({ state, sets, checkIns, atMs, utcOffsetMinutes, growthPercent, rangeChecks });
    decisions.push(decision);
    state = applyDecision(state, decision, atMs);
  });
  return { state, decisions, doses, stages, sets, checkIns };
}

/** Week plans whose range rises by `gainDeg` a week from `fromDeg`. */
export function steadyPlans(weeks: number, fromDeg: number, gainDeg: number, extra: Partial<WeekPlan> = {}): WeekPlan[] {
  return Array.from({ length: weeks }, (_, i) => ({ ...extra, rangeDeg: fromDeg + i * gainDeg }));
}

/**
 * A range check in lib/storage's RangeCheckRecord shape: each given measure's three trials sit at
 * value - spread, value and value + spread, so its median is the value and its ± the spread.
 */
export function rangeCheckOf(
  takenAtMs: number,
  values: Partial<Record<RangeMeasureId, number | null>>,
  spreadDeg = 1,
  id = `range-check-${takenAtMs}`,
): RangeCheckLike & { readonly id: string; readonly engine: 'mediapipe'; readonly model: 'full'; readonly results: readonly RangeMeasureResult[] } {
  const results = Object.entries(values).map(([measure, v]): RangeMeasureResult => ({
    measure: measure as RangeMeasureId,
    trialsDeg: v === null || v === undefined ? [] : [v - spreadDeg, v + spreadDeg, v],
    medianDeg: v ?? null,
    spreadDeg: v === null || v === undefined ? null : spreadDeg,
    refusals: [],
  }));
  return { id, takenAtMs, engine: 'mediapipe', model: 'full', results };
}
