import type { ProgrammeState } from '../progression';

export const PROGRAMME_KEY = 'current';

/** The one programme (stage, dose, decision history) and its chosen weekly growth. */
export interface ProgrammeRecord {
  readonly id: typeof PROGRAMME_KEY;
  readonly state: ProgrammeState;
  /** Weekly dose growth in percent (lib/progression clamps it to 5-10). */
  readonly growthPercent: number;
}
