// The range check page's bookkeeping, kept out of the components: what each test ended as,
// the record saved from them, the earlier result a measure is compared with, and the words
// for counts. No React, no storage.
import { formatDeg } from '@/lib/angles/format';
import {
  MEASURES_OF_TEST,
  summarizeMeasure,
  trialsOf,
  TRIALS_PER_MEASURE,
  type RangeMeasureId,
  type RangeMeasureResult,
  type RangeRunState,
  type RangeTestId,
} from '@/lib/range';
import type { EngineKind, ModelVariant } from '@/lib/pose/types';
import type { RangeCheckRecord } from '@/lib/storage/range-record';

/** A week: a range check is offered again when none was done in the last one. */
export const RANGE_CHECK_EVERY_MS = 7 * 86_400_000;

/**
 * How a test ended: all its trials counted (done), the person skipped it or stopped the check
 * during it (its trials so far are kept), or the check was stopped before it (not reached).
 */
export interface TestOutcome {
  readonly test: RangeTestId;
  readonly ended: 'done' | 'skipped' | 'stopped' | 'not-reached';
  readonly run: RangeRunState | null;
}

/** Whether a test left anything worth keeping: a counted trial or a refused attempt. */
export function hasData(run: RangeRunState | null): boolean {
  return run !== null && (run.trials.trials.length > 0 || run.trials.refused.length > 0);
}

/**
 * The results of one check: every measure of each test that was done or attempted (a test
 * skipped before anything happened is absent). A measure with fewer than three trials has a
 * null median: shown and stored as not measured.
 */
export function resultsOf(outcomes: readonly TestOutcome[]): RangeMeasureResult[] {
  const out: RangeMeasureResult[] = [];
  for (const o of outcomes) {
    if (!o.run || (o.ended !== 'done' && !hasData(o.run))) continue;
    for (const m of MEASURES_OF_TEST[o.test]) out.push(summarizeMeasure(m, o.run.trials.trials, o.run.trials.refused));
  }
  return out;
}

export function recordOf(id: string, takenAtMs: number, engine: EngineKind, model: ModelVariant, outcomes: readonly TestOutcome[]): RangeCheckRecord | null {
  const results = resultsOf(outcomes);
  return results.length === 0 ? null : { id, takenAtMs, engine, model, results };
}

/** The latest earlier check in which `measure` was measured (history oldest first), with its result. */
export function previousResult(
  history: readonly RangeCheckRecord[],
  measure: RangeMeasureId,
  current: { id: string; takenAtMs: number },
): { record: RangeCheckRecord; result: RangeMeasureResult } | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const record = history[i];
    if (record.id === current.id || record.takenAtMs > current.takenAtMs) continue;
    const result = record.results.find((r) => r.measure === measure && r.medianDeg !== null);
    if (result) return { record, result };
  }
  return null;
}

/** The last check, and whether one is due (none in the last week). */
export function rangeCheckDue(history: readonly RangeCheckRecord[], nowMs: number): { last: RangeCheckRecord | null; due: boolean; dueFromMs: number | null } {
  const last = history.length ? history.reduce((a, b) => (b.takenAtMs > a.takenAtMs ? b : a)) : null;
  if (!last) return { last, due: true, dueFromMs: null };
  const dueFromMs = last.takenAtMs + RANGE_CHECK_EVERY_MS;
  return { last, due: nowMs >= dueFromMs, dueFromMs };
}

export const SIDE_WORD: Partial<Record<RangeMeasureId, string>> = { 'rotation-left': 'Left', 'rotation-right': 'Right' };

/** Counted trials per measure of the test under way. */
export function countsOf(run: RangeRunState): { measure: RangeMeasureId; done: number }[] {
  return MEASURES_OF_TEST[run.test].map((measure) => ({ measure, done: Math.min(trialsOf(run.trials, measure), TRIALS_PER_MEASURE) }));
}

/** "Trial 2 of 3" (the one under way) or "Left 2 of 3 · Right 1 of 3" (counted per side). */
export function countWords(run: RangeRunState): string {
  const counts = countsOf(run);
  if (counts.length === 1) {
    const done = counts[0].done;
    return done >= TRIALS_PER_MEASURE ? `${TRIALS_PER_MEASURE} of ${TRIALS_PER_MEASURE} trials counted` : `Trial ${done + 1} of ${TRIALS_PER_MEASURE}`;
  }
  return counts.map((c) => `${SIDE_WORD[c.measure] ?? c.measure} ${c.done} of ${TRIALS_PER_MEASURE}`).join(' · ');
}

/** A live reading in words: rotation by side (+ = to the person's left), the others as degrees. */
export function valueWords(test: RangeTestId, valueDeg: number | null): string {
  if (valueDeg === null) return '–';
  if (test === 'rotation') return Math.round(valueDeg) === 0 ? '0°' : `${formatDeg(Math.abs(valueDeg))} ${valueDeg > 0 ? 'left' : 'right'}`;
  return formatDeg(valueDeg);
}

/** "44° ± 2°", "44° ± 0.5°" or "not measured". */
export function medianWords(r: RangeMeasureResult): string {
  if (r.medianDeg === null) return 'not measured';
  const spread = r.spreadDeg ?? 0;
  // A spread under a degree keeps its decimal: "± 0°" would claim a precision the camera lacks.
  return `${formatDeg(r.medianDeg)} ± ${formatDeg(spread, spread < 1 ? 1 : 0)}`;
}
