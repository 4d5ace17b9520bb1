import { createStore } from 'zustand/vanilla';
import type { QualityCheck } from '../angles/quality';
import type { Exercise } from '../exercise/types';
import { IDLE, type SetMachineState } from '../session/set-machine';
import type { SetRecord } from '../storage/set-record';

/**
 * What the session screen shows of a set. The machine's state changes on events; the numbers
 * (angle, clock) are refreshed a few times a second, never per frame.
 */
export interface SetViewState {
  machine: SetMachineState;
  exercise: Exercise | null;
  targetReps: number | null;
  reps: number;
  shortHolds: number;
  /** The counted angle (baseline-relative for trunk extension); null when not measured. */
  valueDeg: number | null;
  /** Why there is no angle right now, in words; null when there is one. */
  whyNoValue: string | null;
  /** People in view in the latest frame (the main one is counted). */
  peopleInView: number;
  /** The latest setup check, item by item. */
  checks: readonly QualityCheck[];
  /** Time counted in the set so far (timed exercises: active time only). */
  elapsedMs: number;
  /** Frame time of the latest refresh, for the hold and rest clocks. */
  clockMs: number | null;
  /** The set as saved at its end (null before, or when nothing was saved). */
  finished: SetRecord | null;
  /** The last autosave failed: the set is kept in memory and saving is retried. */
  autosaveError: string | null;
  muted: boolean;
}

export type SetStore = ReturnType<typeof createSetStore>;

export const INITIAL_SET_VIEW: SetViewState = {
  machine: IDLE,
  exercise: null,
  targetReps: null,
  reps: 0,
  shortHolds: 0,
  valueDeg: null,
  whyNoValue: null,
  peopleInView: 0,
  checks: [],
  elapsedMs: 0,
  clockMs: null,
  finished: null,
  autosaveError: null,
  muted: false,
};

export function createSetStore() {
  return createStore<SetViewState & { update(patch: Partial<SetViewState>): void }>()((set) => ({
    ...INITIAL_SET_VIEW,
    update: (patch) => set(patch),
  }));
}
