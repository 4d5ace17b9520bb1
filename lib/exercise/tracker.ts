// Smoother + counter behind one object, for callers that hold a set in progress.
import type { Pose } from '../pose/types';
import {
  createCounter,
  finishCounter,
  MAX_FRAME_GAP_MS,
  pauseCounterStep,
  resumeCounterStep,
  stepCounter,
  summarizeCounter,
  type CounterOptions,
  type CounterState,
  type CounterStep,
} from './counter';
import { sampleFromPose } from './signal';
import { createSignalSmoother, type SmootherOptions } from './smoothing';
import type { CounterEvent, Exercise, ExerciseSample, SetSummary } from './types';

export interface ExerciseTrackerOptions extends CounterOptions {
  /** One Euro filter settings, or false to count the raw signal. */
  readonly smoothing?: SmootherOptions | false;
}

export interface ExerciseTracker {
  /** One frame's pose (null: nobody found); returns what happened. */
  push(pose: Pose | null, timestampMs: number): CounterEvent[];
  /** A sample measured elsewhere; it is smoothed like a pose's. */
  pushSample(sample: ExerciseSample): CounterEvent[];
  pause(atMs: number): CounterEvent[];
  resume(atMs: number): CounterEvent[];
  /** End of input: records a hold still in progress. */
  finish(atMs?: number): CounterEvent[];
  /** Plain JSON: save it, and `restore` it after a reload. */
  readonly state: CounterState;
  summary(): SetSummary;
  /** Continue from a saved state. The smoother starts afresh (it is not part of the state). */
  restore(state: CounterState): void;
  /** The last frame's sample after smoothing (absolute degrees). */
  readonly lastSample: ExerciseSample | null;
  /** The last frame's value as counted: baseline-relative for trunk-extension; null when not measured. */
  readonly lastValueDeg: number | null;
}

export function createExerciseTracker(exercise: Exercise, options: ExerciseTrackerOptions = {}): ExerciseTracker {
  const { smoothing, ...counterOptions } = options;
  const smoother = smoothing === false ? null : createSignalSmoother(smoothing);
  let state = createCounter(exercise, counterOptions);
  let lastSample: ExerciseSample | null = null;
  // The view is judged over the set, not frame by frame: once a frame passes the view check the
  // next holds it with a margin (quality.ts, VIEW_HOLD_MARGIN_DEG), across frames without anybody
  // in view, until a break in time (the counter's MAX_FRAME_GAP_MS), a pause or a restore.
  let view: { held: boolean; atMs: number } | null = null;
  const viewHeldAt = (timestampMs: number) => view !== null && view.held && timestampMs > view.atMs && timestampMs - view.atMs <= MAX_FRAME_GAP_MS;
  const apply = (step: CounterStep) => {
    state = step.state;
    return step.events;
  };
  const pushSample = (sample: ExerciseSample) => {
    lastSample = smoother ? smoother.smooth(sample) : sample;
    return apply(stepCounter(state, lastSample));
  };
  return {
    push: (pose, timestampMs) => {
      const sample = sampleFromPose(state.exercise, pose, timestampMs, { viewHeld: viewHeldAt(timestampMs) });
      if (pose) view = { held: sample.viewHeld ?? false, atMs: timestampMs };
      return pushSample(sample);
    },
    pushSample,
    pause: (atMs) => {
      view = null;
      return apply(pauseCounterStep(state, atMs));
    },
    resume: (atMs) => {
      smoother?.reset();
      view = null;
      return apply(resumeCounterStep(state, atMs));
    },
    finish: (atMs) => apply(finishCounter(state, atMs ?? state.lastMs)),
    get state() {
      return state;
    },
    summary: () => summarizeCounter(state),
    restore(saved) {
      state = saved;
      smoother?.reset();
      view = null;
      lastSample = null;
    },
    get lastSample() {
      return lastSample;
    },
    get lastValueDeg() {
      return state.lastValueDeg;
    },
  };
}
