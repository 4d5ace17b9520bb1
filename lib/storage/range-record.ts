import type { RangeMeasureResult } from '../range/types';
import type { EngineKind, ModelVariant } from '../pose/types';

/**
 * One range check: the results of the tests done in one sitting (a test skipped or not
 * finished is absent, or present with fewer than three trials and a null median). Read by
 * Trends (range charts per measure) and by the weekly decision.
 */
export interface RangeCheckRecord {
  readonly id: string;
  /** When the check finished (epoch ms). */
  readonly takenAtMs: number;
  readonly engine: EngineKind;
  readonly model: ModelVariant;
  readonly results: readonly RangeMeasureResult[];
}
