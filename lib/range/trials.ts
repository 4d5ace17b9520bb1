// Trials from a stream of readings: a pure reducer (state, reading) -> { state, events }, time
// only from the readings. Two kinds of trial:
// - a still reading (head position): a second of accepted frames that agree, its median;
// - a movement out and back (extension, reach, rotation): from leaving the rest zone to
//   returning, its peak (the highest centred median of three accepted frames, so one stray
//   frame cannot make a trial).
// A trial is refused, with the reason, when the gate refused most of it, when it has too few
// accepted frames, or (rotation) when the hips turned with the shoulders.
import type { Refusal, RefusalCode } from '../angles/refusals';
import { refusal } from '../angles/refusals';
import { MAX_HIPS_TURN_DEG } from '../angles/range';
import { median, mode } from '../angles/stats';
import { MEASURES_OF_TEST, TRIALS_PER_MEASURE, type RangeMeasureId, type RangeReading, type RangeTestId, type RangeTrial, type RefusedTrial } from './types';

/** When a movement trial starts and ends, in the test's degrees (from neutral where it has one). */
export interface MovementRule {
  readonly kind: 'movement';
  /** Leaving rest: the value passes this (rotation: either way). */
  readonly startDeg: number;
  /** Back at rest: the value falls under this, or under `endFraction` of the trial's peak, whichever is larger. */
  readonly endDeg: number;
  readonly endFraction: number;
  /** Signed tests (rotation) report a measure per side. */
  readonly signed: boolean;
}

export interface StillRule {
  readonly kind: 'still';
  /** A reading lasts this long. */
  readonly windowMs: number;
  /** Its frames agree within this (max - min), or it is not still. */
  readonly maxRangeDeg: number;
  /** A pause between readings, so three readings are three, not one split in three. */
  readonly gapMs: number;
}

export type TrialRule = MovementRule | StillRule;

/**
 * The rules, with why:
 * - extension starts at 3° from neutral, the measure's noise floor (TRUNK_NOISE_DEG), and ends
 *   back within 2°, or under 40 % of the peak;
 * - reach starts with the arm 60° up from the side (above anything a relaxed stance reads) and
 *   ends when it is back under 45°;
 * - rotation starts 10° from neutral (about twice its error on still renders) and ends back
 *   under 8° or under 40 % of the peak, so a return that stops short still ends the trial.
 */
export const TRIAL_RULES: Readonly<Record<RangeTestId, TrialRule>> = {
  'head-position': { kind: 'still', windowMs: 1000, maxRangeDeg: 6, gapMs: 600 },
  'standing-extension': { kind: 'movement', startDeg: 3, endDeg: 2, endFraction: 0.4, signed: false },
  'overhead-reach': { kind: 'movement', startDeg: 60, endDeg: 45, endFraction: 0, signed: false },
  rotation: { kind: 'movement', startDeg: 10, endDeg: 8, endFraction: 0.4, signed: true },
};

/** A movement with refused frames for this long is over: the person left, or turned away. */
export const LOST_MS = 2000;
/** Accepted frames a trial needs at the least. */
export const MIN_TRIAL_FRAMES = 3;
/** How many frames at rest give the lean a trial's arch is measured from (their median). */
export const REST_LEAN_FRAMES = 5;

interface Accepted {
  readonly t: number;
  readonly v: number;
  readonly lean: number | null;
  readonly hips: number | null;
}

export interface TrialsState {
  readonly test: RangeTestId;
  readonly trials: readonly RangeTrial[];
  readonly refused: readonly RefusedTrial[];
  /** The movement under way, or the still reading being gathered. */
  readonly current: { readonly startMs: number; readonly accepted: readonly Accepted[]; readonly refusedCodes: readonly RefusalCode[]; readonly lastGoodMs: number; readonly startLean?: number | null } | null;
  /** Movements: the trunk's lean in the last frame at rest (reach: what an arch is measured from). */
  /** The trunk's lean on the last frames well inside the rest zone (at most REST_LEAN_FRAMES). */
  readonly restLeans: readonly number[];
  /** Still readings: none before this moment (the gap after the last). */
  readonly restUntilMs: number;
  /** Movements: a new one may start (false after one ends until the value is back under the start line). */
  readonly armed: boolean;
  readonly done: boolean;
}

export type TrialEvent =
  | { readonly type: 'trial'; readonly trial: RangeTrial }
  | { readonly type: 'refused'; readonly refused: RefusedTrial }
  | { readonly type: 'done' };

export function startTrials(test: RangeTestId): TrialsState {
  return { test, trials: [], refused: [], current: null, restUntilMs: -Infinity, armed: true, restLeans: [], done: false };
}

/** How many trials `measure` has counted. */
export const trialsOf = (state: TrialsState, measure: RangeMeasureId) => state.trials.filter((t) => t.measure === measure).length;

/** The measures of the test still short of three trials. */
export function measuresWanted(state: TrialsState): RangeMeasureId[] {
  return MEASURES_OF_TEST[state.test].filter((m) => trialsOf(state, m) < TRIALS_PER_MEASURE);
}

const mostCommon = (codes: readonly RefusalCode[]): Refusal => refusal(mode(codes) ?? 'no-person');

function measureOf(test: RangeTestId, signedPeak: number): RangeMeasureId {
  if (test === 'rotation') return signedPeak >= 0 ? 'rotation-left' : 'rotation-right';
  return MEASURES_OF_TEST[test][0];
}

/** The peak of a movement: the accepted frame whose centred median of three is largest (by size for signed tests). */
function peakOf(accepted: readonly Accepted[], signed: boolean): { value: number; index: number } {
  let best = { value: 0, index: -1 };
  for (let i = 0; i < accepted.length; i++) {
    const around = accepted.slice(Math.max(0, i - 1), i + 2).map((a) => a.v);
    if (around.length < 3) continue;
    const m = median(around);
    if (best.index < 0 || (signed ? Math.abs(m) > Math.abs(best.value) : m > best.value)) best = { value: m, index: i };
  }
  return best;
}

function finish(state: TrialsState, events: TrialEvent[]): TrialsState {
  const done = measuresWanted(state).length === 0;
  if (done && !state.done) events.push({ type: 'done' });
  return { ...state, done };
}

/** A movement is over: count it, or refuse it with the reason. */
function closeMovement(state: TrialsState, endMs: number, events: TrialEvent[]): TrialsState {
  const cur = state.current!;
  const rule = TRIAL_RULES[state.test] as MovementRule;
  const next = { ...state, current: null, armed: false };
  const peak = peakOf(cur.accepted, rule.signed);
  const refuse = (r: Refusal, measure: RangeMeasureId) => {
    const refused: RefusedTrial = { measure, atMs: endMs, refusal: r };
    events.push({ type: 'refused', refused });
    return finish({ ...next, refused: [...state.refused, refused] }, events);
  };
  // A blip over the start line and back, with nothing refused: not an attempt at all.
  if (cur.accepted.length < MIN_TRIAL_FRAMES && cur.refusedCodes.length === 0) return next;
  if (cur.accepted.length < MIN_TRIAL_FRAMES || peak.index < 0 || cur.refusedCodes.length > cur.accepted.length) {
    // The side is not known from too few frames: the attempt is booked to the side being asked for.
    return refuse(mostCommon(cur.refusedCodes), measuresWanted(state)[0] ?? MEASURES_OF_TEST[state.test][0]);
  }
  const measure = measureOf(state.test, peak.value);
  const near = cur.accepted.slice(Math.max(0, peak.index - 1), peak.index + 2);
  if (state.test === 'rotation') {
    // The hips over the top of the turn (within 70 % of its peak), where a pelvis turn adds most.
    const top = cur.accepted.filter((a) => Math.abs(a.v) >= 0.7 * Math.abs(peak.value));
    const hips = top.map((a) => a.hips).filter((h): h is number => h !== null);
    if (hips.length === 0) return refuse(refusal('parts-not-visible', ['left knee', 'right knee']), measure);
    if (Math.max(...hips.map(Math.abs)) > MAX_HIPS_TURN_DEG) return refuse(refusal('hips-turned'), measure);
  }
  // The trunk's lean at the peak against the last moment at rest before it: what an arch added.
  const startLean = cur.startLean ?? cur.accepted[0].lean;
  const leans = startLean === null ? [] : near.map((a) => a.lean).filter((l): l is number => l !== null).map((l) => l - startLean);
  const hipsAt = near.map((a) => a.hips).filter((h): h is number => h !== null);
  const trial: RangeTrial = {
    measure,
    valueDeg: Math.abs(peak.value),
    startMs: cur.startMs,
    endMs,
    ...(leans.length ? { trunkLeanDeg: median(leans) } : {}),
    ...(hipsAt.length ? { hipsTurnDeg: median(hipsAt) } : {}),
  };
  events.push({ type: 'trial', trial });
  return finish({ ...next, trials: [...state.trials, trial] }, events);
}

function stepMovement(state: TrialsState, r: RangeReading, rule: MovementRule, events: TrialEvent[]): TrialsState {
  const cur = state.current;
  if (r.valueDeg === null) {
    if (!cur) return state;
    const withRefusal = { ...cur, refusedCodes: r.refusal ? [...cur.refusedCodes, r.refusal.code] : cur.refusedCodes };
    if (r.timestampMs - cur.lastGoodMs > LOST_MS) return closeMovement({ ...state, current: withRefusal }, r.timestampMs, events);
    return { ...state, current: withRefusal };
  }
  const size = rule.signed ? Math.abs(r.valueDeg) : r.valueDeg;
  const entry: Accepted = { t: r.timestampMs, v: r.valueDeg, lean: r.trunkLeanDeg ?? null, hips: r.hipsTurnDeg ?? null };
  if (!cur) {
    // The lean at rest is taken from frames well inside the rest zone (reach: arms within 30° of
    // the sides), before an arch that comes with the raise has begun.
    // The median of the last few such frames, so one noisy frame (a slow camera gives few) does
    // not shift every lean of the next trial.
    if (size < rule.startDeg) return { ...state, armed: true, restLeans: size < rule.startDeg / 2 && entry.lean !== null ? [...state.restLeans, entry.lean].slice(-REST_LEAN_FRAMES) : state.restLeans };
    if (!state.armed) return state;
    const startLean = state.restLeans.length ? median(state.restLeans) : null;
    return { ...state, current: { startMs: r.timestampMs, accepted: [entry], refusedCodes: [], lastGoodMs: r.timestampMs, startLean } };
  }
  const peak = peakOf(cur.accepted, rule.signed);
  const peakSize = peak.index < 0 ? 0 : Math.abs(peak.value);
  const reversed = rule.signed && cur.accepted.length > 0 && Math.sign(r.valueDeg) !== Math.sign(cur.accepted[0].v) && size >= rule.endDeg;
  if (size < Math.max(rule.endDeg, rule.endFraction * peakSize) || reversed) {
    const closed = closeMovement(state, r.timestampMs, events);
    // Straight through to the other side: that is the next trial's start.
    return reversed && size >= rule.startDeg && !closed.done
      ? { ...closed, armed: true, current: { startMs: r.timestampMs, accepted: [entry], refusedCodes: [], lastGoodMs: r.timestampMs } }
      : closed;
  }
  return { ...state, current: { ...cur, accepted: [...cur.accepted, entry], lastGoodMs: r.timestampMs } };
}

function stepStill(state: TrialsState, r: RangeReading, rule: StillRule, events: TrialEvent[]): TrialsState {
  if (r.timestampMs < state.restUntilMs) return state;
  const cur = state.current;
  if (r.valueDeg === null) {
    // A refused frame breaks a reading under way; it is refused with the reason once it has begun.
    if (!cur || cur.accepted.length === 0) return state;
    const refused: RefusedTrial = { measure: MEASURES_OF_TEST[state.test][0], atMs: r.timestampMs, refusal: r.refusal ?? refusal('no-person') };
    events.push({ type: 'refused', refused });
    return { ...state, current: null, refused: [...state.refused, refused], restUntilMs: r.timestampMs + rule.gapMs };
  }
  const entry: Accepted = { t: r.timestampMs, v: r.valueDeg, lean: null, hips: null };
  const accepted = cur ? [...cur.accepted, entry] : [entry];
  const values = accepted.map((a) => a.v);
  if (Math.max(...values) - Math.min(...values) > rule.maxRangeDeg) {
    // Not still: begin again from this frame (no refusal: the person is settling).
    return { ...state, current: { startMs: r.timestampMs, accepted: [entry], refusedCodes: [], lastGoodMs: r.timestampMs } };
  }
  const startMs = cur?.startMs ?? r.timestampMs;
  if (r.timestampMs - startMs >= rule.windowMs && accepted.length >= MIN_TRIAL_FRAMES) {
    const trial: RangeTrial = { measure: MEASURES_OF_TEST[state.test][0], valueDeg: median(values), startMs, endMs: r.timestampMs };
    events.push({ type: 'trial', trial });
    return finish({ ...state, current: null, trials: [...state.trials, trial], restUntilMs: r.timestampMs + rule.gapMs }, events);
  }
  return { ...state, current: { startMs, accepted, refusedCodes: [], lastGoodMs: r.timestampMs } };
}

/** One reading into the test's trials. After 'done' further readings change nothing. */
export function stepTrials(state: TrialsState, reading: RangeReading): { state: TrialsState; events: TrialEvent[] } {
  if (state.done) return { state, events: [] };
  const events: TrialEvent[] = [];
  const rule = TRIAL_RULES[state.test];
  const next = rule.kind === 'still' ? stepStill(state, reading, rule, events) : stepMovement(state, reading, rule, events);
  return { state: next, events };
}

/** The readings run out (the clip ends, or the person stops the test): close a movement under way. */
export function endTrials(state: TrialsState, atMs: number): { state: TrialsState; events: TrialEvent[] } {
  const events: TrialEvent[] = [];
  if (state.done || !state.current || TRIAL_RULES[state.test].kind !== 'movement' || state.current.accepted.length === 0) return { state: { ...state, current: null }, events };
  return { state: closeMovement(state, atMs, events), events };
}
