import { describe, expect, it } from 'vitest';
import type { Dose } from '../exercise/types';
import {
  backOffDose,
  BACK_OFF_PERCENT,
  clampGrowthPercent,
  DEFAULT_GROWTH_PERCENT,
  describeDose,
  describeDoseChange,
  grownQuantity,
  MAX_GROWTH_PERCENT,
  MIN_GROWTH_PERCENT,
  nextDose,
} from './dose';
import { ladderStep } from './ladder';

const HOLD: Dose = { sets: 1, reps: 10, holdSeconds: 10, perDay: 2 };
const CAT_COW: Dose = { sets: 1, durationSeconds: 30, perDay: 3 };
const PULLOVER: Dose = { sets: 3, reps: 10, repsMax: 20, everyNDays: 2 };
const BRIDGE: Dose = { sets: 4, reps: 5, repsMax: 16, perWeek: 1 };
const CAT_COW_MAX_S = 60;

const holdAfter = (weeks: number, percent: number, from: Dose = HOLD) => {
  const out: number[] = [];
  let d = from;
  for (let i = 0; i < weeks; i++) {
    d = nextDose(d, percent);
    out.push(d.holdSeconds!);
  }
  return out;
};

describe('clampGrowthPercent', () => {
  it('keeps 5-10 %, clamps outside it and defaults to 7.5 %', () => {
    expect(clampGrowthPercent(8)).toBe(8);
    expect(clampGrowthPercent(20)).toBe(MAX_GROWTH_PERCENT);
    expect(clampGrowthPercent(2)).toBe(MIN_GROWTH_PERCENT);
    expect(clampGrowthPercent(-5)).toBe(MIN_GROWTH_PERCENT);
    expect(clampGrowthPercent(undefined)).toBe(DEFAULT_GROWTH_PERCENT);
    expect(clampGrowthPercent(Number.NaN)).toBe(DEFAULT_GROWTH_PERCENT);
    expect(DEFAULT_GROWTH_PERCENT).toBe(7.5);
  });
});

describe('nextDose', () => {
  it('grows hold seconds for holds, duration for timed work, reps otherwise', () => {
    expect(grownQuantity(HOLD)).toBe('holdSeconds');
    expect(grownQuantity(CAT_COW)).toBe('durationSeconds');
    expect(grownQuantity(PULLOVER)).toBe('reps');
    expect(grownQuantity({ sets: 2 })).toBeNull();
    expect(nextDose(HOLD, 10)).toEqual({ ...HOLD, holdSeconds: 11 });
    expect(nextDose(CAT_COW, 10)).toEqual({ ...CAT_COW, durationSeconds: 33 });
    expect(nextDose(PULLOVER, 10)).toEqual({ ...PULLOVER, reps: 11 });
    expect(nextDose({ sets: 2 }, 10)).toEqual({ sets: 2 });
  });

  it('rounds to whole seconds: 10 s at 7.5 % is 10.75 s, so 11 s', () => {
    expect(nextDose(HOLD).holdSeconds).toBe(11);
    expect(nextDose(HOLD, 7.5).holdSeconds).toBe(11);
    // 11.825 -> 12, 12.9 -> 13, 13.975 -> 14, 15.05 -> 15, 16.125 -> 16, 17.2 -> 17, 18.275 -> 18
    expect(holdAfter(8, 7.5)).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
  });

  it('rounds to the nearest unit above 10 units, so growth stays near the percent', () => {
    // 20 x 1.075 = 21.5 -> 22; 40 x 1.075 = 43; 40 x 1.05 = 42; 40 x 1.1 = 44
    expect(nextDose({ ...HOLD, holdSeconds: 20 }, 7.5).holdSeconds).toBe(22);
    expect(nextDose({ ...HOLD, holdSeconds: 40 }, 7.5).holdSeconds).toBe(43);
    expect(nextDose({ ...HOLD, holdSeconds: 40 }, 5).holdSeconds).toBe(42);
    expect(nextDose({ ...HOLD, holdSeconds: 40 }, 10).holdSeconds).toBe(44);
    // 30 s of cat-cow: 31.5 -> 32 at 5 %, 32.25 -> 32 at 7.5 %, 33 at 10 %
    expect([5, 7.5, 10].map((p) => nextDose(CAT_COW, p).durationSeconds)).toEqual([32, 32, 33]);
  });

  it('always adds at least one unit, even where the percent is less than one', () => {
    // 5 reps x 1.05 = 5.25 rounds back to 5: a whole rep more instead.
    expect(nextDose(BRIDGE, 5).reps).toBe(6);
    expect(nextDose({ sets: 1, reps: 1 }, 5).reps).toBe(2);
  });

  it('clamps the percent before applying it', () => {
    expect(nextDose({ ...HOLD, holdSeconds: 40 }, 50).holdSeconds).toBe(44);
    expect(nextDose({ ...HOLD, holdSeconds: 40 }, 1).holdSeconds).toBe(42);
  });

  it('never passes the stage\'s upper bound', () => {
    expect(nextDose({ ...PULLOVER, reps: 19 }, 10).reps).toBe(20);
    expect(nextDose({ ...PULLOVER, reps: 20 }, 10)).toEqual({ ...PULLOVER, reps: 20 });
    expect(nextDose({ ...BRIDGE, reps: 15 }, 10).reps).toBe(16);
    expect(nextDose({ ...BRIDGE, reps: 16 }, 10).reps).toBe(16);
    expect(nextDose({ ...CAT_COW, durationSeconds: 58 }, 10, CAT_COW_MAX_S).durationSeconds).toBe(CAT_COW_MAX_S);
    expect(nextDose({ ...CAT_COW, durationSeconds: 60 }, 10, CAT_COW_MAX_S).durationSeconds).toBe(CAT_COW_MAX_S);
  });

  it('has no bound where none is given', () => {
    expect(nextDose({ ...HOLD, holdSeconds: 100 }, 7.5).holdSeconds).toBe(108);
    expect(nextDose({ ...CAT_COW, durationSeconds: 60 }, 10).durationSeconds).toBe(66);
    // An explicit null lifts the repsMax bound too.
    expect(nextDose({ ...PULLOVER, reps: 20 }, 10, null).reps).toBe(22);
  });

  it('grows stage 5 from 5 to 16 reps, one rep at a time at first, then holds', () => {
    const reps: number[] = [];
    let d = ladderStep(5).dose;
    for (let week = 0; week < 13; week++) {
      d = nextDose(d, DEFAULT_GROWTH_PERCENT, ladderStep(5).growth.max);
      reps.push(d.reps!);
    }
    expect(reps).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 16, 16]);
  });
});

describe('backOffDose', () => {
  it(`cuts the grown quantity by ${BACK_OFF_PERCENT} %, rounded, at least one unit`, () => {
    expect(backOffDose({ ...HOLD, holdSeconds: 13 }).holdSeconds).toBe(10); // 10.4 -> 10
    expect(backOffDose({ ...HOLD, holdSeconds: 20 }).holdSeconds).toBe(16);
    expect(backOffDose({ ...PULLOVER, reps: 14 }).reps).toBe(11); // 11.2 -> 11
    expect(backOffDose({ sets: 1, reps: 3 }).reps).toBe(2); // 2.4 -> 2
    expect(backOffDose({ sets: 1, reps: 2 }).reps).toBe(1); // 1.6 rounds to 2: at least one less
  });

  it('never goes below the floor', () => {
    expect(backOffDose({ ...HOLD, holdSeconds: 6 }, 5).holdSeconds).toBe(5);
    expect(backOffDose({ ...HOLD, holdSeconds: 5 }, 5)).toEqual({ ...HOLD, holdSeconds: 5 });
    expect(backOffDose({ sets: 1, reps: 1 })).toEqual({ sets: 1, reps: 1 });
  });
});

describe('describeDose', () => {
  it('says the amount in words', () => {
    expect(describeDose(HOLD)).toBe('10 holds of 10 s');
    expect(describeDose(CAT_COW)).toBe('30 s');
    expect(describeDose(ladderStep(3).dose)).toBe('2 x 10 reps');
    expect(describeDose(PULLOVER)).toBe('3 x 10 reps (up to 20)');
    expect(describeDose({ ...PULLOVER, reps: 20 })).toBe('3 x 20 reps');
    expect(describeDose({ sets: 2 })).toBe('2 sets');
  });

  it('says what changed', () => {
    expect(describeDoseChange(HOLD, nextDose(HOLD))).toBe('each hold from 10 s to 11 s');
    expect(describeDoseChange(CAT_COW, nextDose(CAT_COW, 10))).toBe('each round from 30 s to 33 s');
    expect(describeDoseChange(PULLOVER, nextDose(PULLOVER))).toBe('the reps from 10 to 11 a set');
  });
});
