import { describe, expect, it } from 'vitest';
import type { LadderStage } from '../exercise/types';
import { FIRST_STAGE, LADDER, LAST_STAGE, ladderStep, nextStage, sessionsPerWeek, stageOfExercise } from './ladder';

const STAGE_COUNT = 5;
const DAYS_PER_WEEK = 7;

describe('LADDER', () => {
  it('has the five stages in order, each with its exercise', () => {
    expect(LADDER).toHaveLength(STAGE_COUNT);
    expect(LADDER.map((s) => s.stage)).toEqual([1, 2, 3, 4, 5]);
    expect(LADDER.map((s) => s.exerciseId)).toEqual([
      'cat-cow',
      'wall-extension-hold',
      'swiss-ball-hip-extension-lowering',
      'dumbbell-pullover',
      'back-bridge',
    ]);
    expect(LADDER.map((s) => s.kind)).toEqual(['timed', 'hold', 'reps', 'reps', 'reps']);
    expect([FIRST_STAGE, LAST_STAGE]).toEqual([1, 5]);
  });

  it('starts each stage at the dose the ladder states', () => {
    expect(ladderStep(1).dose).toEqual({ sets: 1, durationSeconds: 30, perDay: 3 });
    expect(ladderStep(2).dose).toEqual({ sets: 1, reps: 10, holdSeconds: 10, perDay: 2 });
    expect(ladderStep(3).dose).toEqual({ sets: 2, reps: 10, perDay: 1 });
    expect(ladderStep(4).dose).toEqual({ sets: 3, reps: 10, repsMax: 20, everyNDays: 2 });
    expect(ladderStep(5).dose).toEqual({ sets: 4, reps: 5, repsMax: 16, perWeek: 1 });
  });

  it('grows the right quantity up to each stage\'s bound', () => {
    expect(LADDER.map((s) => s.growth)).toEqual([
      { quantity: 'durationSeconds', max: 60 },
      { quantity: 'holdSeconds', max: null },
      { quantity: 'reps', max: null },
      { quantity: 'reps', max: 20 },
      { quantity: 'reps', max: 16 },
    ]);
  });

  it('derives sessions a week from the frequency', () => {
    expect(LADDER.map((s) => s.sessionsPerWeek)).toEqual([3 * DAYS_PER_WEEK, 2 * DAYS_PER_WEEK, DAYS_PER_WEEK, DAYS_PER_WEEK / 2, 1]);
    expect(LADDER.map((s) => s.sessionsPerWeekMax)).toEqual([21, 14, 7, 3.5, 2]);
    expect(sessionsPerWeek({ sets: 1 })).toBe(DAYS_PER_WEEK);
    expect(sessionsPerWeek({ sets: 1, everyNDays: 3 })).toBeCloseTo(DAYS_PER_WEEK / 3);
  });

  it('says what the camera measures', () => {
    for (const s of LADDER) expect(s.measures.length).toBeGreaterThan(0);
    expect(ladderStep(2).measures).toContain('hold seconds');
    expect(ladderStep(4).measures).toContain('shoulder-flexion range');
  });
});

describe('stage helpers', () => {
  it('steps up to the last stage and no further', () => {
    expect([1, 2, 3, 4, 5].map((s) => nextStage(s as LadderStage))).toEqual([2, 3, 4, 5, null]);
  });

  it('finds the stage of an exercise', () => {
    expect(stageOfExercise('dumbbell-pullover')).toBe(4);
    expect(stageOfExercise('squat')).toBeNull();
  });

  it('refuses a stage that is not on the ladder', () => {
    expect(() => ladderStep(6 as LadderStage)).toThrow(/no ladder stage 6/);
  });
});
