// Defaults shared by the catalogue, the validator and the counter.
import type { Exercise } from './types';

export const DEFAULT_REST_SECONDS = 5;
export const DEFAULT_MIN_AMPLITUDE_DEG = 10;
export const DEFAULT_MIN_REP_MS = 400;
/** Neutral stance measured before trunk-extension counting: about 2 s of standing still. */
export const DEFAULT_CALIBRATION_MS = 2000;
/**
 * Brief dropouts and dips shorter than this do not end a hold, and nobody in view for longer
 * pauses the set: about two blinks of a 5-10 fps camera, a few frames at 30 fps.
 */
export const DEFAULT_GRACE_MS = 500;
/** Smallest gap between enterDeg and exitDeg: less lets 1-2 deg of jitter start and stop a rep. */
export const MIN_HYSTERESIS_DEG = 2;

/** 'below': a rep goes below enterDeg (knee bends); 'above': it goes above (arching back). */
export type Direction = 'below' | 'above';

export function directionOf(exercise: Pick<Exercise, 'enterDeg' | 'exitDeg'>): Direction {
  return exercise.enterDeg < exercise.exitDeg ? 'below' : 'above';
}

/** The signal as "depth into the rep": larger is further in, whichever the direction. */
export function depthOf(direction: Direction, valueDeg: number): number {
  return direction === 'below' ? -valueDeg : valueDeg;
}

/** Whether the exercise measures against the person's own neutral stance. */
export const needsBaseline = (exercise: Exercise): boolean => exercise.signal.type === 'trunk-extension';
