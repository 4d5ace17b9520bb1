// Weekly dose growth (DESIGN.md rules, seeds/001: raise weight, time or reps 5-10 % a week)
// and back-off. Doses are whole seconds or whole reps.
//
// Rounding: the grown amount is q x (1 + percent / 100) rounded to the nearest whole unit,
// but at least q + 1, so growth never stalls on small numbers (10 s at 7.5 % -> 10.75 -> 11 s;
// 14 s -> 15.05 -> 15 s; 5 reps -> 5.375 -> 6 reps). Below 10 units that +1 is more than 10 %:
// the smallest step a whole unit allows. The result never passes the stage's upper bound.
import type { Dose } from '../exercise/types';
import type { DoseQuantity } from './ladder';

export const MIN_GROWTH_PERCENT = 5;
export const MAX_GROWTH_PERCENT = 10;
export const DEFAULT_GROWTH_PERCENT = 7.5;
/**
 * Back-off cuts the grown quantity by 20 %: about three weeks of growth at 7.5 %, enough to
 * drop below the load that brought the pain on. Our choice; the sources give no number.
 */
export const BACK_OFF_PERCENT = 20;

/** The growth percent clamped to [5, 10]; the default (7.5) when missing or not a number. */
export function clampGrowthPercent(percent: number | undefined): number {
  if (percent === undefined || !Number.isFinite(percent)) return DEFAULT_GROWTH_PERCENT;
  return Math.min(MAX_GROWTH_PERCENT, Math.max(MIN_GROWTH_PERCENT, percent));
}

/** Which quantity grows: hold seconds for holds, duration for timed work, else reps. */
export function grownQuantity(dose: Dose): DoseQuantity | null {
  if (dose.holdSeconds !== undefined) return 'holdSeconds';
  if (dose.durationSeconds !== undefined) return 'durationSeconds';
  if (dose.reps !== undefined) return 'reps';
  return null;
}

/** The upper bound for a dose's grown quantity: `max` when given (null: none), else repsMax for reps. */
function upperBound(dose: Dose, quantity: DoseQuantity, max: number | null | undefined): number {
  if (max !== undefined) return max ?? Infinity;
  return quantity === 'reps' && dose.repsMax !== undefined ? dose.repsMax : Infinity;
}

/**
 * Next week's dose: the grown quantity up by `percent` (clamped to 5-10), rounded as above,
 * never past `max` (the stage's bound in the quantity's unit; default: repsMax for reps, no
 * bound otherwise; null: no bound). A dose already at or past its bound stays as it is.
 */
export function nextDose(dose: Dose, percent: number = DEFAULT_GROWTH_PERCENT, max?: number | null): Dose {
  const quantity = grownQuantity(dose);
  if (!quantity) return dose;
  const q = dose[quantity] as number;
  const bound = upperBound(dose, quantity, max);
  if (q >= bound) return dose;
  const p = clampGrowthPercent(percent);
  const grown = Math.max(q + 1, Math.round((q * (100 + p)) / 100));
  return { ...dose, [quantity]: Math.min(bound, grown) };
}

/**
 * A lighter dose after pain: the grown quantity down by 20 % (rounded to the nearest whole
 * unit, at least 1 less), never below `floor` (default 1). A dose at or below the floor stays.
 */
export function backOffDose(dose: Dose, floor = 1): Dose {
  const quantity = grownQuantity(dose);
  if (!quantity) return dose;
  const q = dose[quantity] as number;
  if (q <= floor) return dose;
  const cut = Math.min(q - 1, Math.round((q * (100 - BACK_OFF_PERCENT)) / 100));
  return { ...dose, [quantity]: Math.max(floor, cut) };
}

/** The grown quantity's value, or null when the dose has none. */
export function doseAmount(dose: Dose): number | null {
  const quantity = grownQuantity(dose);
  return quantity ? (dose[quantity] as number) : null;
}

/** The amount in words: "10 holds of 11 s", "30 s", "3 x 12 reps (up to 20)". */
export function describeDose(dose: Dose): string {
  const sets = dose.sets > 1 ? `${dose.sets} x ` : '';
  if (dose.holdSeconds !== undefined) {
    return `${sets}${dose.reps ?? 1} ${dose.reps === 1 ? 'hold' : 'holds'} of ${dose.holdSeconds} s`;
  }
  if (dose.durationSeconds !== undefined) return `${sets}${dose.durationSeconds} s`;
  if (dose.reps !== undefined) {
    const upTo = dose.repsMax !== undefined && dose.repsMax > dose.reps ? ` (up to ${dose.repsMax})` : '';
    return `${sets}${dose.reps} reps${upTo}`;
  }
  return `${dose.sets} ${dose.sets === 1 ? 'set' : 'sets'}`;
}

/** "the hold from 11 s to 12 s", "the reps from 10 to 11 a set": a change of the grown quantity. */
export function describeDoseChange(from: Dose, to: Dose): string {
  const quantity = grownQuantity(from);
  const a = doseAmount(from);
  const b = doseAmount(to);
  if (!quantity || a === null || b === null) return 'the dose';
  switch (quantity) {
    case 'holdSeconds':
      return `each hold from ${a} s to ${b} s`;
    case 'durationSeconds':
      return `each round from ${a} s to ${b} s`;
    case 'reps':
      return `the reps from ${a} to ${b} a set`;
  }
}
