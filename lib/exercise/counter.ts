// Rep, hold and timed counters as pure reducers: (state, sample) -> { state, events }.
// The state is plain JSON, so a set can be autosaved and restored after a reload, and a
// recorded trace replays to the same events. Time only ever comes from the samples.
import { median, robustSpread } from '../angles/stats';
import {
  DEFAULT_CALIBRATION_MS,
  DEFAULT_GRACE_MS,
  DEFAULT_MIN_AMPLITUDE_DEG,
  DEFAULT_MIN_REP_MS,
  DEFAULT_REST_SECONDS,
  depthOf,
  directionOf,
  needsBaseline,
  type Direction,
} from './rules';
import type { CounterEvent, Exercise, ExerciseSample, HoldRecord, SetSummary } from './types';

export const COUNTER_STATE_VERSION = 1;
/** Frames further apart than this are a break (camera stalled, page reloaded): nothing in progress survives it. */
export const MAX_FRAME_GAP_MS = 1000;
/** A neutral stance that spreads more than this (robust SD) was not still: measure again. */
export const CALIBRATION_MAX_SPREAD_DEG = 4;
/** Fewest frames behind a baseline (2 s at 5 fps gives 10). */
const CALIBRATION_MIN_SAMPLES = 5;
/**
 * At rest, standing still at least this far forward of the neutral for DRIFT_MS means the
 * neutral no longer holds (the camera was moved, or the person stands differently now): it is
 * measured again. Only forward: hovering a little back, short of a hold, is someone trying.
 */
export const DRIFT_DEG = 4;
export const DRIFT_MS = 4000;
/** Within this of the peak still counts as "at the top" for the lowering time (smoothed jitter is 1-2 deg). */
export const LOWERING_PEAK_MARGIN_DEG = 5;
/**
 * A rep's top (a bridge held up, say) is the span its angle stays within this share of the
 * rep's range of the peak (and at least LOWERING_PEAK_MARGIN_DEG): a held top wobbles by a
 * few degrees, a movement passes through in a frame or two.
 */
export const TOP_SHARE = 0.25;

/** First and last time of `trace` within the top margin of `peakDeg` (depth units, larger is further in). */
function topSpan(trace: readonly (readonly [number, number])[], peakDepth: number, restDepth: number, dir: Direction): { startMs: number; endMs: number } | null {
  const margin = Math.max(LOWERING_PEAK_MARGIN_DEG, TOP_SHARE * (peakDepth - restDepth));
  const near = trace.filter(([, v]) => depthOf(dir, v) >= peakDepth - margin);
  return near.length ? { startMs: near[0][0], endMs: near[near.length - 1][0] } : null;
}

/** Appends to a bounded trace: past the limit every other entry is dropped. */
function traced(trace: readonly (readonly [number, number])[] | undefined, atMs: number, value: number): readonly (readonly [number, number])[] {
  const next = [...(trace ?? []), [atMs, value] as const];
  return next.length > MAX_SAMPLED_VALUES ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1) : next;
}

export interface CounterOptions {
  /** Reps (holds) that complete the set. Default the dose's reps; null: no target. Timed sets end by time. */
  readonly targetReps?: number | null;
  /** How long the neutral stance is measured (trunk-extension). Default 2000 ms; 0: no calibration, absolute angles. */
  readonly calibrationMs?: number;
  /** A neutral baseline already known (trunk-extension): no calibration. */
  readonly baselineDeg?: number;
  /** Dropouts and dips shorter than this are bridged. Default 500 ms. */
  readonly graceMs?: number;
}

interface RepProgress {
  readonly phase: 'rest' | 'in';
  /** The most rest-ward value since the last rep: where the range of the next one is measured from. */
  readonly restDeg: number;
  /** The last time the signal was on the rest side of exitDeg: the start of the rep. */
  readonly restMs: number;
  readonly peakDeg: number | null;
  /** The last time the signal was within LOWERING_PEAK_MARGIN_DEG of its peak: the lowering starts here. */
  readonly nearPeakMs: number | null;
  /** [time, value] while in the rep (every frame, thinned past MAX_SAMPLED_VALUES), for its top. */
  readonly trace?: readonly (readonly [number, number])[];
}

/**
 * Every `stride`-th value offered so far, at most MAX_SAMPLED_VALUES of them: a long hold's
 * median stays cheap to keep in a state that is copied every frame.
 */
interface Sampled {
  readonly values: readonly number[];
  readonly stride: number;
  readonly seen: number;
}

const MAX_SAMPLED_VALUES = 600;
const EMPTY_SAMPLED: Sampled = { values: [], stride: 1, seen: 0 };

function addSampled(r: Sampled, additions: readonly number[]): Sampled {
  if (!additions.length) return r;
  let { stride, seen } = r;
  let values = [...r.values];
  for (const v of additions) {
    if (seen % stride === 0) values.push(v);
    seen++;
    if (values.length > MAX_SAMPLED_VALUES) {
      // Element i was offered as value i * stride; keeping the even ones doubles the stride.
      values = values.filter((_, i) => i % 2 === 0);
      stride *= 2;
    }
  }
  return { values, stride, seen };
}

interface HoldProgress {
  readonly startMs: number;
  /** Furthest into the hold so far (every value, not only the sampled ones). */
  readonly peakDeg: number;
  readonly values: Sampled;
  readonly headForward: Sampled;
  readonly completeFired: boolean;
  /** When the signal dropped out or dipped past exitDeg; null while it holds. */
  readonly lapseSinceMs: number | null;
  /** The lapse saw the signal past exitDeg (not only missing frames). */
  readonly lapseDipped: boolean;
  /** Values seen during the lapse: kept if the hold recovers, dropped if it ends. */
  readonly lapseValues: readonly number[];
  readonly lapseHeadForward: readonly number[];
  readonly restSkippedMs: number | null;
}

export interface CounterState {
  readonly version: typeof COUNTER_STATE_VERSION;
  readonly exercise: Exercise;
  readonly targetReps: number | null;
  readonly graceMs: number;
  readonly calibrationMs: number;
  /** Neutral stance (trunk-extension), subtracted from every value; null until calibrated or when not needed. */
  readonly baselineDeg: number | null;
  readonly calibration: { readonly announced: boolean; readonly startMs: number | null; readonly values: readonly number[] } | null;
  /** At rest after calibration: since when, and the values, the stance has sat DRIFT_DEG or more forward of neutral. */
  readonly drift?: { readonly sinceMs: number; readonly values: readonly number[] } | null;
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  readonly pause: { readonly reason: 'no-person' | 'user'; readonly sinceMs: number } | null;
  readonly noPersonSinceMs: number | null;
  /** Holds: the signal has been seen on the rest side, so the next crossing of enterDeg is a start. */
  readonly armed: boolean;
  readonly rep: RepProgress | null;
  readonly hold: HoldProgress | null;
  readonly restUntilMs: number | null;
  /** Timed: active (unpaused) time since the first measured frame. */
  readonly timerStarted: boolean;
  readonly activeMs: number;
  readonly reps: number;
  readonly holds: readonly HoldRecord[];
  readonly shortHolds: number;
  readonly repTimesMs: readonly number[];
  readonly loweringTimesMs: readonly number[];
  /** Peaks of counted reps (reps, timed). */
  readonly repPeaksDeg: readonly number[];
  readonly framesWithoutPose: number;
  readonly complete: boolean;
  /** The last frame's value as counted (baseline-relative for trunk-extension); null when not measured. */
  readonly lastValueDeg: number | null;
}

export interface CounterStep {
  readonly state: CounterState;
  readonly events: CounterEvent[];
}

type Draft = { -readonly [K in keyof CounterState]: CounterState[K] };

export function createCounter(exercise: Exercise, options: CounterOptions = {}): CounterState {
  if (exercise.enterDeg === exercise.exitDeg) throw new Error(`${exercise.id}: enterDeg and exitDeg must differ`);
  const calibrationMs = Math.max(0, options.calibrationMs ?? DEFAULT_CALIBRATION_MS);
  const calibrate = needsBaseline(exercise) && options.baselineDeg === undefined && calibrationMs > 0;
  const baselineDeg = needsBaseline(exercise) ? (options.baselineDeg ?? (calibrate ? null : 0)) : null;
  const targetReps = options.targetReps !== undefined ? options.targetReps : (exercise.dose?.reps ?? null);
  return {
    version: COUNTER_STATE_VERSION,
    exercise,
    targetReps,
    graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    calibrationMs,
    baselineDeg,
    calibration: calibrate ? { announced: false, startMs: null, values: [] } : null,
    firstMs: null,
    lastMs: null,
    pause: null,
    noPersonSinceMs: null,
    armed: false,
    rep: null,
    hold: null,
    restUntilMs: null,
    timerStarted: false,
    activeMs: 0,
    reps: 0,
    holds: [],
    shortHolds: 0,
    repTimesMs: [],
    loweringTimesMs: [],
    repPeaksDeg: [],
    framesWithoutPose: 0,
    complete: false,
    lastValueDeg: null,
  };
}

const direction = (s: CounterState): Direction => directionOf(s.exercise);
/** The value furthest into the rep. */
const extreme = (dir: Direction, values: readonly number[]): number => (dir === 'below' ? Math.min(...values) : Math.max(...values));

function completeSet(s: Draft, events: CounterEvent[], atMs: number): void {
  if (s.complete) return;
  s.complete = true;
  events.push({ type: 'set-complete', atMs });
}

function reachedTarget(s: Draft): boolean {
  return s.exercise.kind !== 'timed' && s.targetReps !== null && s.reps >= s.targetReps;
}

/** Closes the hold in progress at `endMs`: a completed hold (a rep) or a short one. */
function endHold(s: Draft, events: CounterEvent[], endMs: number, atMs: number, rest: boolean): void {
  const h = s.hold;
  if (!h) return;
  s.hold = null;
  const dir = direction(s);
  const end = Math.max(h.startMs, endMs);
  const hold: HoldRecord = {
    startMs: h.startMs,
    endMs: end,
    durationMs: end - h.startMs,
    peakDeg: h.peakDeg,
    medianDeg: median(h.values.values),
    completed: h.completeFired,
    headForwardDeg: h.headForward.values.length ? median(h.headForward.values) : null,
    ...(h.restSkippedMs !== null && h.restSkippedMs > 0 ? { restSkippedMs: h.restSkippedMs } : {}),
  };
  s.holds = [...s.holds, hold];
  events.push({ type: 'hold-end', atMs, hold });
  if (!hold.completed) {
    s.shortHolds++;
    events.push({ type: 'short-hold', atMs, durationMs: hold.durationMs });
    return;
  }
  s.reps++;
  s.repTimesMs = [...s.repTimesMs, hold.durationMs];
  if (reachedTarget(s)) return completeSet(s, events, atMs);
  if (!rest || s.exercise.kind !== 'hold') return;
  const untilMs = end + (s.exercise.restSeconds ?? DEFAULT_REST_SECONDS) * 1000;
  if (untilMs > atMs) {
    s.restUntilMs = untilMs;
    events.push({ type: 'rest-start', atMs, untilMs });
  }
}

function pauseNow(s: Draft, events: CounterEvent[], reason: 'no-person' | 'user', atMs: number): void {
  if (s.hold) endHold(s, events, s.hold.lapseSinceMs ?? atMs, atMs, false);
  s.rep = null;
  if (s.calibration) s.calibration = { ...s.calibration, startMs: null, values: [] };
  s.pause = { reason, sinceMs: atMs };
  s.noPersonSinceMs = null;
  events.push({ type: 'paused', atMs, reason });
}

function resumeNow(s: Draft, events: CounterEvent[], atMs: number): void {
  const pause = s.pause;
  if (!pause) return;
  s.pause = null;
  events.push({ type: 'resumed', atMs });
  if (s.restUntilMs === null) return;
  // The rest clock stood still while paused.
  if (atMs >= pause.sinceMs) {
    s.restUntilMs += atMs - pause.sinceMs;
    events.push({ type: 'rest-start', atMs, untilMs: s.restUntilMs });
  } else {
    s.restUntilMs = null;
    events.push({ type: 'rest-end', atMs });
  }
}

/** A jump in time (backwards, or a long stall): whatever was in progress ended with the last frame. */
function breakContinuity(s: Draft, events: CounterEvent[], prevMs: number, atMs: number): void {
  if (s.hold) endHold(s, events, s.hold.lapseSinceMs ?? prevMs, atMs, false);
  s.rep = null;
  s.noPersonSinceMs = null;
  if (s.calibration) s.calibration = { ...s.calibration, startMs: null, values: [] };
  if (atMs < prevMs) {
    if (s.restUntilMs !== null) {
      s.restUntilMs = null;
      events.push({ type: 'rest-end', atMs });
    }
    if (s.pause && s.pause.sinceMs > atMs) s.pause = { ...s.pause, sinceMs: atMs };
  }
}

function calibrate(s: Draft, events: CounterEvent[], value: number | null, atMs: number): void {
  const c = s.calibration!;
  let { announced, startMs, values } = c;
  if (!announced) {
    events.push({ type: 'calibrating', atMs });
    announced = true;
  }
  if (value !== null) {
    startMs ??= atMs;
    values = [...values, value];
    if (atMs - startMs >= s.calibrationMs && values.length >= CALIBRATION_MIN_SAMPLES) {
      if (robustSpread(values) <= CALIBRATION_MAX_SPREAD_DEG) {
        s.baselineDeg = median(values);
        s.calibration = null;
        events.push({ type: 'calibrated', atMs, baselineDeg: s.baselineDeg });
        return;
      }
      // Moving while the neutral stance was measured: start again from this frame.
      events.push({ type: 'calibrating', atMs });
      startMs = atMs;
      values = [value];
    }
  }
  s.calibration = { announced, startMs, values };
}

/** Notices a neutral that no longer holds (see DRIFT_DEG) and starts measuring it again; true when it did. */
function watchDrift(s: Draft, events: CounterEvent[], value: number, atMs: number): boolean {
  if (value > -DRIFT_DEG) {
    s.drift = null;
    return false;
  }
  const drift = s.drift ?? { sinceMs: atMs, values: [] };
  const values = [...drift.values, value];
  if (atMs - drift.sinceMs < DRIFT_MS || robustSpread(values) > CALIBRATION_MAX_SPREAD_DEG) {
    s.drift = { sinceMs: drift.sinceMs, values: values.length > MAX_SAMPLED_VALUES ? values.slice(-MAX_SAMPLED_VALUES) : values };
    return false;
  }
  s.drift = null;
  s.armed = false;
  s.calibration = { announced: true, startMs: null, values: [] };
  events.push({ type: 'calibrating', atMs, drift: true });
  return true;
}

function stepRep(s: Draft, events: CounterEvent[], value: number, atMs: number): void {
  const ex = s.exercise;
  if (ex.kind === 'hold') return;
  const dir = direction(s);
  const p = depthOf(dir, value);
  const exit = depthOf(dir, ex.exitDeg);
  const enter = depthOf(dir, ex.enterDeg);
  const r = s.rep;
  if (!r) {
    // Armed once seen on the rest side: a rep needs a start.
    if (p <= exit) s.rep = { phase: 'rest', restDeg: value, restMs: atMs, peakDeg: null, nearPeakMs: null };
    return;
  }
  if (r.phase === 'rest') {
    if (p <= exit) s.rep = { ...r, restDeg: p < depthOf(dir, r.restDeg) ? value : r.restDeg, restMs: atMs };
    else if (p >= enter) s.rep = { ...r, phase: 'in', peakDeg: value, nearPeakMs: atMs, trace: [[atMs, value]] };
    return;
  }
  const peak = depthOf(dir, r.peakDeg!);
  const peakDeg = p > peak ? value : r.peakDeg!;
  const nearPeakMs = p >= Math.max(p, peak) - LOWERING_PEAK_MARGIN_DEG ? atMs : r.nearPeakMs!;
  if (p > exit) {
    s.rep = { ...r, peakDeg, nearPeakMs, trace: traced(r.trace, atMs, value) };
    return;
  }
  // Back past exitDeg: the rep is over. Count it if it was big enough and not implausibly fast.
  s.rep = { phase: 'rest', restDeg: value, restMs: atMs, peakDeg: null, nearPeakMs: null };
  const durationMs = atMs - r.restMs;
  const amplitude = depthOf(dir, peakDeg) - depthOf(dir, r.restDeg);
  if (amplitude < (ex.minAmplitudeDeg ?? DEFAULT_MIN_AMPLITUDE_DEG) || durationMs < (ex.minRepMs ?? DEFAULT_MIN_REP_MS)) return;
  s.reps++;
  s.repTimesMs = [...s.repTimesMs, durationMs];
  s.repPeaksDeg = [...s.repPeaksDeg, peakDeg];
  const loweringMs = ex.kind === 'reps' && ex.measureLowering ? atMs - nearPeakMs : undefined;
  if (loweringMs !== undefined) s.loweringTimesMs = [...s.loweringTimesMs, loweringMs];
  const top = r.trace ? topSpan(r.trace, depthOf(dir, peakDeg), depthOf(dir, r.restDeg), dir) : null;
  events.push({
    type: 'rep',
    atMs,
    count: s.reps,
    durationMs,
    peakDeg,
    ...(loweringMs !== undefined ? { loweringMs } : {}),
    ...(top ? { topStartMs: top.startMs, topEndMs: top.endMs } : {}),
  });
  if (reachedTarget(s)) completeSet(s, events, atMs);
}

function stepHold(s: Draft, events: CounterEvent[], value: number | null, headForwardDeg: number | null, atMs: number): void {
  const ex = s.exercise;
  if (ex.kind !== 'hold') return;
  const dir = direction(s);
  const exit = depthOf(dir, ex.exitDeg);
  const h = s.hold;
  if (!h) {
    if (value === null) return;
    const p = depthOf(dir, value);
    if (!s.armed) {
      s.armed = p <= exit;
      return;
    }
    if (p < depthOf(dir, ex.enterDeg)) return;
    let restSkippedMs: number | null = null;
    if (s.restUntilMs !== null) {
      // Started before the rest was over: it counts, and the skipped rest is recorded.
      restSkippedMs = s.restUntilMs - atMs;
      s.restUntilMs = null;
      events.push({ type: 'rest-end', atMs });
    }
    s.hold = {
      startMs: atMs,
      peakDeg: value,
      values: addSampled(EMPTY_SAMPLED, [value]),
      headForward: addSampled(EMPTY_SAMPLED, headForwardDeg === null ? [] : [headForwardDeg]),
      completeFired: false,
      lapseSinceMs: null,
      lapseDipped: false,
      lapseValues: [],
      lapseHeadForward: [],
      restSkippedMs,
    };
    events.push({ type: 'hold-start', atMs });
    return;
  }
  const withHead = (list: readonly number[]) => (headForwardDeg === null ? list : [...list, headForwardDeg]);
  // After a dip past exitDeg, hovering just inside it is not enough to carry on: jitter around a
  // relaxed stance would otherwise keep a released hold alive. Back halfway to enterDeg is.
  const holdsAt = h.lapseDipped ? (exit + depthOf(dir, ex.enterDeg)) / 2 : exit;
  if (value !== null && depthOf(dir, value) > holdsAt) {
    let completeFired = h.completeFired;
    if (!completeFired && atMs - h.startMs >= ex.targetSeconds * 1000) {
      completeFired = true;
      events.push({ type: 'hold-complete', atMs, count: s.reps + 1 });
    }
    s.hold = {
      ...h,
      peakDeg: extreme(dir, [h.peakDeg, ...h.lapseValues, value]),
      values: addSampled(h.values, [...h.lapseValues, value]),
      headForward: addSampled(h.headForward, withHead(h.lapseHeadForward)),
      completeFired,
      lapseSinceMs: null,
      lapseDipped: false,
      lapseValues: [],
      lapseHeadForward: [],
    };
    return;
  }
  // Dropped out, or dipped past exitDeg: the hold ends where the lapse began, unless it recovers within the grace.
  const lapseSinceMs = h.lapseSinceMs ?? atMs;
  if (atMs - lapseSinceMs > s.graceMs) return endHold(s, events, lapseSinceMs, atMs, true);
  s.hold = {
    ...h,
    lapseSinceMs,
    lapseDipped: h.lapseDipped || value !== null,
    lapseValues: value === null ? h.lapseValues : [...h.lapseValues, value],
    lapseHeadForward: withHead(h.lapseHeadForward),
  };
}

/** One frame. Frames whose status is not 'ok' never advance a count; duplicates (same timestamp) are ignored. */
export function stepCounter(state: CounterState, sample: ExerciseSample): CounterStep {
  const atMs = sample.timestampMs;
  if (!Number.isFinite(atMs) || atMs === state.lastMs) return { state, events: [] };
  const s: Draft = { ...state };
  const events: CounterEvent[] = [];
  const prevMs = state.lastMs;
  const wasPaused = state.pause !== null;
  s.firstMs ??= atMs;
  s.lastMs = atMs;
  if (sample.status === 'no-person') s.framesWithoutPose++;
  const continuous = prevMs === null || (atMs > prevMs && atMs - prevMs <= MAX_FRAME_GAP_MS);
  if (!continuous) breakContinuity(s, events, prevMs!, atMs);

  const ok = sample.status === 'ok' && sample.valueDeg !== null && Number.isFinite(sample.valueDeg);
  s.lastValueDeg = null;
  if (s.pause?.reason === 'user' || (s.complete && s.exercise.kind === 'timed')) return { state: s, events };

  if (sample.status === 'no-person') s.noPersonSinceMs ??= atMs;
  else {
    s.noPersonSinceMs = null;
    if (s.pause) resumeNow(s, events, atMs);
  }
  if (s.pause) return { state: s, events };

  let value: number | null = ok ? sample.valueDeg! : null;
  const headForwardDeg = sample.headForwardDeg ?? null;
  if (s.calibration) {
    calibrate(s, events, value, atMs);
    if (s.calibration) value = null;
  }
  if (value !== null && s.baselineDeg !== null) value -= s.baselineDeg;
  if (value !== null && needsBaseline(s.exercise) && !s.calibration && !s.hold && watchDrift(s, events, value, atMs)) value = null;
  s.lastValueDeg = value;

  // A timed exercise's clock runs only while it is being done (measured, in position).
  if (s.exercise.kind === 'timed' && !wasPaused && continuous && s.timerStarted && value !== null) s.activeMs += atMs - prevMs!;
  if (s.restUntilMs !== null && atMs >= s.restUntilMs) {
    s.restUntilMs = null;
    events.push({ type: 'rest-end', atMs });
  }

  if (s.exercise.kind === 'hold') stepHold(s, events, value, headForwardDeg, atMs);
  else if (value !== null) stepRep(s, events, value, atMs);

  if (s.exercise.kind === 'timed') {
    if (value !== null) s.timerStarted = true;
    if (s.activeMs >= s.exercise.durationSeconds * 1000) completeSet(s, events, atMs);
  }
  if (s.noPersonSinceMs !== null && atMs - s.noPersonSinceMs > s.graceMs) pauseNow(s, events, 'no-person', atMs);
  return { state: s, events };
}

/** The user's pause key: ends a hold in progress, drops a rep in progress, stops the clocks. */
export function pauseCounterStep(state: CounterState, atMs: number): CounterStep {
  if (state.pause?.reason === 'user') return { state, events: [] };
  const s: Draft = { ...state };
  const events: CounterEvent[] = [];
  if (s.pause) s.pause = null;
  pauseNow(s, events, 'user', atMs);
  return { state: s, events };
}

export function resumeCounterStep(state: CounterState, atMs: number): CounterStep {
  if (!state.pause) return { state, events: [] };
  const s: Draft = { ...state };
  const events: CounterEvent[] = [];
  resumeNow(s, events, atMs);
  if (s.lastMs === null || atMs > s.lastMs) s.lastMs = atMs;
  return { state: s, events };
}

/** `pauseCounterStep` without the events (the caller shows the pause itself). */
export const pauseCounter = (state: CounterState, atMs: number): CounterState => pauseCounterStep(state, atMs).state;
export const resumeCounter = (state: CounterState, atMs: number): CounterState => resumeCounterStep(state, atMs).state;

/**
 * End of input (the set is ended, the file is over): a hold in progress ends at its lapse or at
 * `atMs` (default: the last frame) and is recorded; a rep in progress is not counted.
 */
export function finishCounter(state: CounterState, atMs: number | null = state.lastMs): CounterStep {
  if (!state.hold && !state.rep) return { state, events: [] };
  const s: Draft = { ...state };
  const events: CounterEvent[] = [];
  const at = atMs ?? state.hold?.startMs ?? 0;
  if (s.hold) endHold(s, events, s.hold.lapseSinceMs ?? at, at, false);
  s.rep = null;
  return { state: s, events };
}

export function summarizeCounter(state: CounterState): SetSummary {
  const dir = direction(state);
  const peaks = state.exercise.kind === 'hold' ? state.holds.filter((h) => h.completed).map((h) => h.peakDeg) : state.repPeaksDeg;
  return {
    exerciseId: state.exercise.id,
    kind: state.exercise.kind,
    reps: state.reps,
    targetReps: state.targetReps,
    holds: state.holds,
    shortHolds: state.shortHolds,
    repTimesMs: state.repTimesMs,
    loweringTimesMs: state.loweringTimesMs,
    framesWithoutPose: state.framesWithoutPose,
    baselineDeg: state.baselineDeg,
    peakDeg: peaks.length ? extreme(dir, peaks) : null,
    medianDeg: peaks.length ? median(peaks) : null,
    startedAtMs: state.firstMs,
    endedAtMs: state.lastMs,
    complete: state.complete,
  };
}
