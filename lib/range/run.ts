// One test of the range check from frames: first the person's neutral (a second still, accepted
// by the gate), then trials (trials.ts). Pure: poses and timestamps in, state and events out.
import { refusal, type Refusal } from '../angles/refusals';
import { movementRefusal } from '../angles/snapshot';
import type { Pose } from '../pose/types';
import { gateOf, NEEDS_NEUTRAL, neutralOf, readFrame, type RangeNeutral } from './read';
import { endTrials, startTrials, stepTrials, TRIAL_RULES, type TrialEvent, type TrialsState } from './trials';
import type { RangeTestId } from './types';

/**
 * Still this long, accepted, before the trials: the neutral. Half a second gives a median over
 * 8-15 frames (15-30 fps), and is what a person keeps between attempts without being asked to wait.
 */
export const NEUTRAL_MS = 500;

export interface RangeRunState {
  readonly test: RangeTestId;
  /** Accepted still frames gathered for the neutral (cleared once it is taken). */
  readonly neutralPoses: readonly Pose[];
  readonly neutralStartMs: number | null;
  readonly neutral: RangeNeutral | null;
  readonly trials: TrialsState;
  /** The latest frame's value (the test's degrees) or why there is none: for the live readout. */
  readonly valueDeg: number | null;
  readonly live: Refusal | null;
}

export type RunEvent = TrialEvent | { readonly type: 'neutral'; readonly atMs: number };

export function startRun(test: RangeTestId): RangeRunState {
  return { test, neutralPoses: [], neutralStartMs: null, neutral: NEEDS_NEUTRAL[test] ? null : { test: 'head-position' }, trials: startTrials(test), valueDeg: null, live: null };
}

/** A value that would not start a trial (a still test is always at rest). */
function atRest(test: RangeTestId, valueDeg: number | null): boolean {
  const rule = TRIAL_RULES[test];
  return rule.kind === 'still' || (valueDeg !== null && Math.abs(valueDeg) < rule.startDeg);
}

/** Whether the run still waits for the person to stand (or sit) still for the neutral. */
export const wantsNeutral = (state: RangeRunState) => state.neutral === null;

function stepNeutral(state: RangeRunState, pose: Pose | null, timestampMs: number): { state: RangeRunState; events: RunEvent[] } {
  const gate = gateOf(state.test, pose);
  if (!gate.ok || !pose) return { state: { ...state, neutralPoses: [], neutralStartMs: null, valueDeg: null, live: gate.issues[0] ?? null }, events: [] };
  let poses = [...state.neutralPoses, pose];
  let startMs = state.neutralStartMs ?? timestampMs;
  const moving = movementRefusal(poses);
  if (moving) {
    poses = [pose];
    startMs = timestampMs;
  }
  if (timestampMs - startMs >= NEUTRAL_MS && poses.length >= 3) {
    const neutral = neutralOf(state.test, poses);
    // Still in the test's own terms too: no frame of the window reads as the start of a trial
    // against it (a turn hardly moves the points the general stillness check watches).
    if (neutral && !poses.every((p) => atRest(state.test, readFrame(state.test, p, neutral, timestampMs).valueDeg))) {
      return { state: { ...state, neutralPoses: [pose], neutralStartMs: timestampMs, valueDeg: null, live: refusal('moving') }, events: [] };
    }
    if (neutral) return { state: { ...state, neutral, neutralPoses: [], neutralStartMs: null, valueDeg: null, live: null }, events: [{ type: 'neutral', atMs: timestampMs }] };
  }
  return { state: { ...state, neutralPoses: poses, neutralStartMs: startMs, valueDeg: null, live: moving }, events: [] };
}

/** One frame (or none: no person) into the test. */
export function stepRun(state: RangeRunState, pose: Pose | null, timestampMs: number): { state: RangeRunState; events: RunEvent[] } {
  if (state.trials.done) return { state, events: [] };
  if (state.neutral === null) return stepNeutral(state, pose, timestampMs);
  const reading = readFrame(state.test, pose, state.neutral, timestampMs);
  const step = stepTrials(state.trials, reading);
  return { state: { ...state, trials: step.state, valueDeg: reading.valueDeg, live: reading.valueDeg === null ? reading.refusal : null }, events: step.events };
}

/** No more frames: a movement under way is closed (counted or refused). */
export function endRun(state: RangeRunState, atMs: number): { state: RangeRunState; events: RunEvent[] } {
  const step = endTrials(state.trials, atMs);
  return { state: { ...state, trials: step.state }, events: step.events };
}
