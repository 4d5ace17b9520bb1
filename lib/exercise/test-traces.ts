// Synthetic signal traces for the counter tests: piecewise-linear angles sampled at a frame rate.
import { stepCounter, type CounterState } from './counter';
import type { CounterEvent, ExerciseSample } from './types';

/** Move linearly to `toDeg` over `ms`; a segment with the same value holds still. */
export type Segment = readonly [ms: number, toDeg: number];

export const okSample = (timestampMs: number, valueDeg: number, extra: Partial<ExerciseSample> = {}): ExerciseSample => ({
  timestampMs,
  valueDeg,
  status: 'ok',
  peopleCount: 1,
  ...extra,
});

export const noPersonSample = (timestampMs: number): ExerciseSample => ({ timestampMs, valueDeg: null, status: 'no-person', peopleCount: 0 });
export const lowVisibilitySample = (timestampMs: number): ExerciseSample => ({ timestampMs, valueDeg: null, status: 'low-visibility', peopleCount: 1 });

/** The angle at time t of a path that starts at `startDeg` at `startMs`. */
export function valueAt(startDeg: number, segments: readonly Segment[], t: number, startMs = 0): number {
  let from = startDeg;
  let at = startMs;
  for (const [ms, to] of segments) {
    if (t <= at + ms) return ms === 0 ? to : from + ((to - from) * (t - at)) / ms;
    from = to;
    at += ms;
  }
  return from;
}

export const durationOf = (segments: readonly Segment[]): number => segments.reduce((a, [ms]) => a + ms, 0);

/** Samples every 1000 / fps ms, from `startMs` up to and including the end of the path. */
export function trace(startDeg: number, segments: readonly Segment[], fps: number, startMs = 0): ExerciseSample[] {
  const total = durationOf(segments);
  const samples: ExerciseSample[] = [];
  for (let i = 0; ; i++) {
    const dt = (i * 1000) / fps;
    if (dt > total + 1e-9) break;
    samples.push(okSample(startMs + dt, valueAt(startDeg, segments, startMs + dt, startMs)));
  }
  return samples;
}

export interface Run {
  readonly state: CounterState;
  readonly events: CounterEvent[];
  /** The state after each sample. */
  readonly states: CounterState[];
}

export function run(state: CounterState, samples: readonly ExerciseSample[]): Run {
  const events: CounterEvent[] = [];
  const states: CounterState[] = [];
  for (const sample of samples) {
    const step = stepCounter(state, sample);
    state = step.state;
    events.push(...step.events);
    states.push(state);
  }
  return { state, events, states };
}

export function ofType<T extends CounterEvent['type']>(events: readonly CounterEvent[], type: T): Extract<CounterEvent, { type: T }>[] {
  return events.filter((e): e is Extract<CounterEvent, { type: T }> => e.type === type);
}

/** Deterministic uniform noise in [-amplitude, amplitude] (a small LCG, so traces replay exactly). */
export function noise(seed: number, amplitude: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return ((x / 2 ** 32) * 2 - 1) * amplitude;
  };
}
