import { describe, expect, it } from 'vitest';
import { bodyPose } from '../angles/test-poses';
import { getExercise } from './catalogue';
import { type CounterState } from './counter';
import { ofType, okSample, trace } from './test-traces';
import { createExerciseTracker } from './tracker';
import type { CounterEvent } from './types';

const SQUAT = getExercise('squat')!;
const WALL = getExercise('wall-extension-hold')!;
const FPS = 30;

/** A squat trace (170 -> 90 -> 170, 1 s each way) `n` times. */
const squats = (n: number, startMs = 0) => trace(170, Array.from({ length: n }, () => [[500, 170], [1000, 90], [1000, 170]] as const).flat(), FPS, startMs);

describe('createExerciseTracker', () => {
  it('counts from poses: nobody in view is a frame without a pose', () => {
    const tracker = createExerciseTracker(SQUAT);
    expect(tracker.push(null, 0)).toEqual([]);
    tracker.push(bodyPose(), 33);
    expect(tracker.lastSample).toMatchObject({ timestampMs: 33, status: 'ok', peopleCount: 1 });
    expect(tracker.lastValueDeg).toBeCloseTo(174.28, 2);
    expect(tracker.summary()).toMatchObject({ exerciseId: 'squat', framesWithoutPose: 1, startedAtMs: 0, endedAtMs: 33 });
  });

  it('smooths before counting, or not at all with smoothing: false', () => {
    const smoothed = createExerciseTracker(SQUAT);
    const raw = createExerciseTracker(SQUAT, { smoothing: false });
    smoothed.pushSample(okSample(0, 170));
    raw.pushSample(okSample(0, 170));
    smoothed.pushSample(okSample(33, 130));
    raw.pushSample(okSample(33, 130));
    expect(raw.lastValueDeg).toBe(130);
    expect(smoothed.lastValueDeg!).toBeGreaterThan(130);
  });

  it('reports the value as counted: relative to the neutral stance for a wall hold', () => {
    const tracker = createExerciseTracker(WALL, { baselineDeg: 4, smoothing: false });
    tracker.pushSample(okSample(0, 10));
    expect(tracker.lastValueDeg).toBe(6);
    expect(tracker.lastSample!.valueDeg).toBe(10);
  });

  it('restores a saved state (as JSON) and carries on counting', () => {
    const tracker = createExerciseTracker(SQUAT, { targetReps: 3 });
    const samples = squats(3);
    const half = Math.floor(samples.length / 2);
    const events: CounterEvent[] = [];
    for (const s of samples.slice(0, half)) events.push(...tracker.pushSample(s));
    const saved = JSON.parse(JSON.stringify(tracker.state)) as CounterState;

    const reloaded = createExerciseTracker(SQUAT, { targetReps: 3 });
    reloaded.restore(saved);
    for (const s of samples.slice(half)) events.push(...reloaded.pushSample(s));
    expect(ofType(events, 'rep').map((e) => e.count)).toEqual([1, 2, 3]);
    expect(ofType(events, 'set-complete')).toHaveLength(1);
    expect(reloaded.summary().complete).toBe(true);
  });

  it('a restored set whose clock starts again from zero (a reload) keeps what was done', () => {
    const tracker = createExerciseTracker(SQUAT, { targetReps: null });
    for (const s of squats(2, 50_000)) tracker.pushSample(s);
    const saved = JSON.parse(JSON.stringify(tracker.state)) as CounterState;
    const reloaded = createExerciseTracker(SQUAT);
    reloaded.restore(saved);
    const events = squats(1, 0).flatMap((s) => reloaded.pushSample(s));
    expect(ofType(events, 'rep').map((e) => e.count)).toEqual([3]);
  });

  it('pause, resume and finish return their events', () => {
    const tracker = createExerciseTracker(WALL, { baselineDeg: 0, smoothing: false });
    for (const s of trace(0, [[1000, 0], [500, 10], [3000, 10]], FPS)) tracker.pushSample(s);
    expect(tracker.pause(4600).map((e) => e.type)).toEqual(['hold-end', 'short-hold', 'paused']);
    expect(tracker.pushSample(okSample(4700, 10))).toEqual([]);
    expect(tracker.resume(5000)).toEqual([{ type: 'resumed', atMs: 5000 }]);
    for (const s of trace(0, [[500, 0], [500, 10], [3000, 10]], FPS, 5100)) tracker.pushSample(s);
    expect(tracker.finish().map((e) => e.type)).toEqual(['hold-end', 'short-hold']);
    expect(tracker.summary().shortHolds).toBe(2);
  });
});
