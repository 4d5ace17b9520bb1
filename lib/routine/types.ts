// The routine as saved with its session (lib/storage/session-record.ts `routine`).

/** complete: every step done; partial: ended early, or a step skipped or cut short. */
export type RoutineStatus = 'in-progress' | 'complete' | 'partial';

export interface RoutineInfo {
  readonly status: RoutineStatus;
  /** The step under way (for carrying on after a reload); the step count once over. */
  readonly index: number;
  /** The planned time, seconds. */
  readonly plannedSeconds: number;
  readonly steps: readonly RoutineStepRecord[];
}

export interface RoutineStepRecord {
  /** The step's key in the plan ("cat-cow", "table-top-twist:right", "stage:2"). */
  readonly key: string;
  readonly name: string;
  readonly kind: 'counted' | 'timed';
  /** The catalogue exercise that counted it; null for a timed step. */
  readonly exerciseId: string | null;
  /** Reps, breaths or holds to count, or seconds. */
  readonly target: number;
  readonly unit: string;
  readonly status: 'pending' | 'done' | 'partial' | 'skipped';
  readonly count: number | null;
  readonly seconds: number;
  readonly setId: string | null;
}
