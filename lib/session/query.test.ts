import { describe, expect, it } from 'vitest';
import { getExercise } from '../exercise/catalogue';
import { dosed, parseSessionQuery, sessionHref } from './query';

describe('session query', () => {
  it('round-trips the Today page link', () => {
    const href = sessionHref('wall-extension-hold', { sets: 1, reps: 10, holdSeconds: 11, perDay: 2 });
    expect(href).toBe('/session?exercise=wall-extension-hold&target=10&hold=11');
    const q = parseSessionQuery(new URLSearchParams(href.split('?')[1]));
    expect(q).toEqual({ exerciseId: 'wall-extension-hold', target: 10, holdSeconds: 11, durationSeconds: null });
    const ex = dosed(getExercise('wall-extension-hold')!, q);
    expect(ex.kind === 'hold' && ex.targetSeconds).toBe(11);
  });

  it('reads Next.js searchParams objects and ignores nonsense', () => {
    expect(parseSessionQuery({ exercise: 'squat', target: '12' })).toMatchObject({ exerciseId: 'squat', target: 12 });
    expect(parseSessionQuery({ exercise: ['squat', 'x'], target: ['3'] })).toMatchObject({ exerciseId: 'squat', target: 3 });
    expect(parseSessionQuery({ exercise: '<script>', target: '-1', hold: '1e9', duration: '0' })).toEqual({
      exerciseId: null,
      target: null,
      holdSeconds: null,
      durationSeconds: null,
    });
    expect(parseSessionQuery({ target: '101' }).target).toBeNull();
  });
});
