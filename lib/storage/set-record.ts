import type { SetSummary } from '../exercise/types';
import type { EngineKind, ModelVariant } from '../pose/types';

export type SetStatus = 'in-progress' | 'complete' | 'ended';

/** One set of one exercise, autosaved while it runs so a reload can pick it up again. */
export interface SetRecord {
  readonly id: string;
  readonly exerciseId: string;
  readonly exerciseName: string;
  /** Wall-clock start (epoch ms), for history and grouping into days and weeks. */
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly status: SetStatus;
  /** timer: a timed routine step the camera does not judge (a foam roll). */
  readonly source: 'camera' | 'video' | 'recording' | 'timer';
  readonly engine: EngineKind | null;
  readonly model: ModelVariant | null;
  readonly targetReps: number | null;
  readonly summary: SetSummary;
  /** The counter's own state (plain JSON) while in progress, to resume after a reload. */
  readonly counterState: unknown | null;
  /**
   * The sitting this set belongs to (schema v3). Every stored set has one: `saveSet` and
   * `createOrJoinSession` assign it, and the v3 upgrade gave one to every older set.
   */
  readonly sessionId?: string;
}
