import { describe, expect, it } from 'vitest';
import { CATALOGUE, getExercise } from './catalogue';
import { createCounter } from './counter';
import { directionOf } from './rules';
import { run, trace } from './test-traces';
import type { HoldExercise, TimedExercise } from './types';

const FPS = 15;

/**
 * Typical angles from the literature and the catalogue notes: where a rep starts, how far a
 * person doing it properly goes, and a half-hearted attempt that must not count.
 */
const MOVEMENT: Record<string, { rest: number; full: number; partial: number }> = {
  'cat-cow': { rest: -40, full: 30, partial: 0 },
  'wall-extension-hold': { rest: 0, full: 9, partial: 4 },
  'wall-facing-squat': { rest: 170, full: 120, partial: 140 },
  // Signed: draped over the ball the hips are above the shoulder-knee line (225 = 135 of bend).
  'swiss-ball-hip-extension-lowering': { rest: 225, full: 182, partial: 202 },
  'dumbbell-pullover': { rest: 90, full: 165, partial: 130 },
  // Signed shoulder-hip-ankle: about 185 lying, 225 with the hips up.
  'back-bridge': { rest: 185, full: 225, partial: 200 },
  // Each arm's horizontal abduction, estimated from the wrists' spread: 5-15 in front, 65-80 out.
  'band-pull-apart': { rest: 8, full: 70, partial: 35 },
  // The higher upper arm's elevation: threaded under -50, twisted up +60, half-way up +20.
  'table-top-twist': { rest: -50, full: 60, partial: 20 },
  // Signed shoulder-hip-knee: sitting back on the hands about 95, hips lifted about 175.
  'thoracic-bridge': { rest: 95, full: 175, partial: 140 },
  squat: { rest: 170, full: 95, partial: 130 },
  'push-up': { rest: 170, full: 90, partial: 125 },
};

describe('CATALOGUE', () => {
  it('has the ladder of DESIGN.md, one exercise per stage, and the extra exercises', () => {
    const stages = Object.fromEntries(CATALOGUE.filter((e) => e.stage !== null).map((e) => [e.stage, e.id]));
    expect(stages).toEqual({ 1: 'cat-cow', 2: 'wall-extension-hold', 3: 'swiss-ball-hip-extension-lowering', 4: 'dumbbell-pullover', 5: 'back-bridge' });
    expect(CATALOGUE.map((e) => e.id).sort()).toEqual(Object.keys(MOVEMENT).sort());
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length);
  });

  it('doses as the ladder states them', () => {
    const dose = (id: string) => getExercise(id)!.dose;
    expect(dose('cat-cow')).toEqual({ sets: 1, durationSeconds: 45, perDay: 3 });
    expect(dose('wall-extension-hold')).toEqual({ sets: 1, reps: 10, holdSeconds: 10, perDay: 2 });
    expect(dose('swiss-ball-hip-extension-lowering')).toEqual({ sets: 2, reps: 10, perDay: 1 });
    expect(dose('dumbbell-pullover')).toEqual({ sets: 3, reps: 10, repsMax: 20, everyNDays: 2 });
    expect(dose('back-bridge')).toEqual({ sets: 4, reps: 5, repsMax: 16, perWeek: 1, perWeekMax: 2 });
    const wall = getExercise('wall-extension-hold') as HoldExercise;
    expect([wall.kind, wall.targetSeconds, wall.restSeconds, wall.signal.type]).toEqual(['hold', 10, 5, 'trunk-extension']);
    const catCow = getExercise('cat-cow') as TimedExercise;
    expect([catCow.kind, catCow.durationSeconds]).toEqual(['timed', 45]);
    expect(getExercise('swiss-ball-hip-extension-lowering')).toMatchObject({ kind: 'reps', measureLowering: true });
    expect(getExercise('band-pull-apart')!.camera).toBe('front');
    // The routine's doses: 8 twists a side (a set per side), 10 bridges alternating, 15 pull-aparts.
    expect(dose('table-top-twist')).toEqual({ sets: 2, reps: 8 });
    expect(dose('thoracic-bridge')).toEqual({ sets: 1, reps: 10 });
    expect(dose('band-pull-apart')).toEqual({ sets: 1, reps: 15 });
    expect(CATALOGUE.filter((e) => e.perSide).map((e) => [e.id, e.perSide])).toEqual([
      ['table-top-twist', 'each'],
      ['thoracic-bridge', 'alternating'],
    ]);
  });

  it('watches the angles the issue names', () => {
    const landmarks = (id: string) => {
      const signal = getExercise(id)!.signal;
      return signal.type === 'joint-angle' ? signal.landmarks : signal.type;
    };
    expect(landmarks('squat')).toEqual(['near_hip', 'near_knee', 'near_ankle']);
    expect(landmarks('wall-facing-squat')).toEqual(['near_hip', 'near_knee', 'near_ankle']);
    expect(landmarks('push-up')).toEqual(['near_shoulder', 'near_elbow', 'near_wrist']);
    expect(landmarks('dumbbell-pullover')).toEqual(['near_hip', 'near_shoulder', 'near_elbow']);
    expect(landmarks('back-bridge')).toEqual(['near_shoulder', 'near_hip', 'near_ankle']);
    expect(directionOf(getExercise('squat')!)).toBe('below');
    expect(directionOf(getExercise('back-bridge')!)).toBe('above');
    const signed = (id: string) => {
      const signal = getExercise(id)!.signal;
      return signal.type === 'joint-angle' ? (signal.signed ?? null) : null;
    };
    expect(signed('back-bridge')).toBe('up');
    expect(signed('swiss-ball-hip-extension-lowering')).toBe('up');
    expect(signed('squat')).toBeNull();
    expect(signed('thoracic-bridge')).toBe('up');
    expect(landmarks('thoracic-bridge')).toEqual(['near_shoulder', 'near_hip', 'near_knee']);
    expect(getExercise('band-pull-apart')!.signal).toEqual({ type: 'arm-spread' });
    expect(getExercise('table-top-twist')!.signal).toEqual({ type: 'segment-elevation', landmarks: ['near_shoulder', 'near_elbow'], lengthTrunks: 0.6, eitherSide: true });
  });

  it('says where the body must be for every exercise', () => {
    const position = (id: string) => getExercise(id)!.position;
    expect(position('cat-cow')).toEqual(['all-fours']);
    expect(position('wall-extension-hold')).toEqual(['standing']);
    expect(position('swiss-ball-hip-extension-lowering')).toEqual(['prone']);
    expect(position('dumbbell-pullover')).toEqual(['supine']);
    expect(position('back-bridge')).toEqual(['supine']);
    expect(position('squat')).toEqual(['standing']);
    expect(position('push-up')).toEqual(['prone', 'all-fours']);
    expect(position('band-pull-apart')).toEqual(['standing']);
    expect(position('table-top-twist')).toEqual(['forearms-and-knees', 'all-fours']);
    expect(position('thoracic-bridge')).toEqual(['reverse-table-top']);
    for (const e of CATALOGUE) expect(e.position?.length, e.id).toBeGreaterThan(0);
  });

  it.each(CATALOGUE.map((e) => [e.id, e] as const))('%s: a typical movement counts once, a half-hearted one not at all', (id, exercise) => {
    const { rest, full, partial } = MOVEMENT[id];
    const holdMs = exercise.kind === 'hold' ? exercise.targetSeconds * 1000 + 1000 : 300;
    const movement = (peak: number) => trace(rest, [[1000, rest], [1500, peak], [holdMs, peak], [1500, rest], [1000, rest]], FPS);
    const options = { baselineDeg: 0 };
    expect(run(createCounter(exercise, options), movement(full)).state.reps).toBe(1);
    const half = run(createCounter(exercise, options), movement(partial)).state;
    expect(half.reps).toBe(0);
    expect(half.holds).toEqual([]);
  });
});
