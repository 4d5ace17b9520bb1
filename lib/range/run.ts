// One test of the range check from frames: first the person's neutral (a second still, accepted
// by the gate), then trials (trials.ts). Pure: poses and timestamps in, state and events out.
import { refusal, type Refusal } from '../angles/refusals';
import { movementRefusal } from '../angles/snapshot';
import type { Pose } from '../pose/types';
import { frameRefusal, NEEDS_NEUTRAL, neutralOf, noNeutral, readFrame, type RangeNeutral } from './read';
import { endTrials, startTrials, stepTrials, TRIAL_RULES, type TrialEvent, type TrialsState } from './trials';
import type { RangeTestId } from './types';

/**
 * Still this long, accepted, before the trials: the neutral. Half a second gives a median over
 * 8-15 frames (15-30 fps), and is what a person keeps between attempts without being asked to wait.
 */
export const NEUTRAL_MS = 500;

export interface RangeRunState {
  readonly test: RangeTestId;
  /** The latest accepted frames, at most NEUTRAL_MS apart (for the neutral, and to retake it). */
  readonly recent: readonly { readonly pose: Pose; readonly atMs: number }[];
  readonly neutral: RangeNeutral | null;
  readonly trials: TrialsState;
  /** The latest frame's value (the test's degrees) or why there is none: for the live readout. */
  readonly valueDeg: number | null;
  readonly live: Refusal | null;
}

export type RunEvent = TrialEvent | { readonly type: 'neutral'; readonly atMs: number };

export function startRun(test: RangeTestId): RangeRunState {
  return { test, recent: [], neutral: NEEDS_NEUTRAL[test] ? null : noNeutral(test), trials: startTrials(test), valueDeg: null, live: null };
}

/** A value that would not start a trial (a still test is always at rest). */
function atRest(test: RangeTestId, valueDeg: number | null): boolean {
  const rule = TRIAL_RULES[test];
  return rule.kind === 'still' || (valueDeg !== null && Math.abs(valueDeg) < rule.startDeg);
}

/** Share of a neutral's frames that must read at rest against it (one stray frame in a half second does not spoil it). */
export const NEUTRAL_AT_REST_SHARE = 0.8;
/**
 * Rotation: a still, accepted moment at rest whose shoulders are this much wider than the
 * neutral's retakes it (3 % narrower reads as a 14° turn): the first neutral was taken turned.
 */
export const NEUTRAL_WIDER_SHARE = 0.03;

/** Whether the run still waits for the person to stand (or sit) still for the neutral. */
export const wantsNeutral = (state: RangeRunState) => state.neutral === null;

type Recent = RangeRunState['recent'];

/** The recent with this frame added and the oldest dropped while the rest still span NEUTRAL_MS. */
function rolled(recent: Recent, pose: Pose, atMs: number): Recent {
  const all = [...recent, { pose, atMs }];
  while (all.length > 1 && atMs - all[1].atMs >= NEUTRAL_MS) all.shift();
  return all;
}

/**
 * A neutral from the recent, when it spans NEUTRAL_MS of still frames that read at rest against
 * it; null, or why not ('moving', or a start this test cannot measure from), otherwise.
 */
function neutralFrom(test: RangeTestId, recent: Recent, atMs: number, wanted: (n: RangeNeutral) => boolean = () => true): RangeNeutral | Refusal | null {
  if (recent.length < 3 || atMs - recent[0].atMs < NEUTRAL_MS) return null;
  const poses = recent.map((w) => w.pose);
  const moving = movementRefusal(poses);
  if (moving) return moving;
  const neutral = neutralOf(test, poses);
  // Still, but not a start this test can measure from (rotation: not facing the camera).
  if (!neutral) return refusal('not-front-view');
  if (!wanted(neutral)) return null;
  // Still in the test's own terms too: a turn hardly moves the points the general stillness check watches.
  const resting = poses.filter((p) => atRest(test, readFrame(test, p, neutral, atMs).valueDeg)).length;
  return resting >= NEUTRAL_AT_REST_SHARE * poses.length ? neutral : refusal('moving');
}

const isNeutral = (v: RangeNeutral | Refusal | null): v is RangeNeutral => v !== null && 'test' in v;

function stepNeutral(state: RangeRunState, pose: Pose | null, timestampMs: number): { state: RangeRunState; events: RunEvent[] } {
  const refused = frameRefusal(state.test, pose);
  if (refused || !pose) return { state: { ...state, recent: [], valueDeg: null, live: refused }, events: [] };
  const recent = rolled(state.recent, pose, timestampMs);
  const found = neutralFrom(state.test, recent, timestampMs);
  if (isNeutral(found)) return { state: { ...state, neutral: found, recent: [], valueDeg: null, live: null }, events: [{ type: 'neutral', atMs: timestampMs }] };
  return { state: { ...state, recent, valueDeg: null, live: found }, events: [] };
}

/** Rotation at rest: a wider still moment than the neutral retakes it (see NEUTRAL_WIDER_SHARE). */
function retaken(state: RangeRunState, pose: Pose | null, timestampMs: number, accepted: boolean): { recent: Recent; neutral: RangeNeutral | null } {
  if (state.test !== 'rotation' || !pose || !accepted || state.trials.current !== null || state.neutral?.test !== 'rotation') return { recent: [], neutral: null };
  const recent = rolled(state.recent, pose, timestampMs);
  const widthPx = state.neutral.rotation.shoulderWidthPx;
  // Only a wider candidate is read frame by frame against itself (the costly part), not every moment at rest.
  const found = neutralFrom(state.test, recent, timestampMs, (n) => n.test === 'rotation' && n.rotation.shoulderWidthPx > widthPx * (1 + NEUTRAL_WIDER_SHARE));
  return { recent, neutral: isNeutral(found) ? found : null };
}

/** One frame (or none: no person) into the test. */
export function stepRun(state: RangeRunState, pose: Pose | null, timestampMs: number): { state: RangeRunState; events: RunEvent[] } {
  if (state.trials.done) return { state, events: [] };
  if (state.neutral === null) return stepNeutral(state, pose, timestampMs);
  const reading = readFrame(state.test, pose, state.neutral, timestampMs);
  const retake = retaken(state, pose, timestampMs, reading.valueDeg !== null);
  if (retake.neutral) {
    return { state: { ...state, neutral: retake.neutral, recent: [], valueDeg: 0, live: null }, events: [{ type: 'neutral', atMs: timestampMs }] };
  }
  const step = stepTrials(state.trials, reading);
  return { state: { ...state, recent: retake.recent, trials: step.state, valueDeg: reading.valueDeg, live: reading.valueDeg === null ? reading.refusal : null }, events: step.events };
}

/** No more frames: a movement under way is closed (counted or refused). */
export function endRun(state: RangeRunState, atMs: number): { state: RangeRunState; events: RunEvent[] } {
  const step = endTrials(state.trials, atMs);
  return { state: { ...state, trials: step.state }, events: step.events };
}
