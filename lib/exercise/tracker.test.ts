import { describe, expect, it } from 'vitest';
import { assessFrame } from '../angles/quality';
import { bodyPose } from '../angles/test-poses';
import { getExercise } from './catalogue';
import { needOf } from './need';
import { type CounterState } from './counter';
import { ofType, okSample, trace } from './test-traces';
import { createExerciseTracker } from './tracker';
import type { CounterEvent } from './types';

const SQUAT = getExercise('squat')!;
const WALL = getExercise('wall-extension-hold')!;
const FPS = 30;

/** A squat trace (170 -> 90 -> 170, 1 s each way) `n` times. */
const squats = (n: number, startMs = 0) => trace(170, Array.from({ length: n }, () => [[500, 170], [1000, 90], [1000, 170]] as const).flat(), FPS, startMs);

/**
 * A squat from poses, the knee bending to `kneeDeg` (the ankle swung forward round the knee),
 * the body turned `yawDeg` from facing the camera.
 */
function squatPose(kneeDeg: number, yawDeg: number, timestampMs: number) {
  const bend = ((180 - kneeDeg) * Math.PI) / 180;
  const knee = [0, -100] as const;
  const ankle = [knee[0] + 100 * Math.sin(bend), knee[1] - 100 * Math.cos(bend)] as const;
  return bodyPose({ body: { knee, ankle, heel: [ankle[0] - 15, ankle[1] - 10], foot: [ankle[0] + 35, ankle[1] - 10] }, worldYawDeg: yawDeg, timestampMs });
}

describe('the view over a set', () => {
  /** Three-quarter, read with the model's wobble: a still body reads 23-36° (the squats clip). */
  const WOBBLE = [34, 27, 24, 29, 33, 26, 31, 25];
  const knee = (tMs: number) => 170 - 80 * Math.max(0, Math.sin((Math.PI * (tMs % 3000)) / 2000)) * (tMs % 3000 < 2000 ? 1 : 0);

  it('holds a three-quarter view through its frame-to-frame wobble about the line, and counts every squat', () => {
    const tracker = createExerciseTracker(SQUAT, { targetReps: null });
    const refusedAlone: number[] = [];
    for (let i = 0; i <= 90; i++) {
      const t = i * 100;
      const pose = squatPose(knee(t), WOBBLE[i % WOBBLE.length], t);
      tracker.push(pose, t);
      expect(tracker.lastSample!.reason ?? null, `frame ${i}`).toBeNull();
      if (!assessFrame(pose, needOf(SQUAT)).ok) refusedAlone.push(i);
    }
    tracker.finish();
    expect(tracker.summary().reps).toBe(3);
    // Judged frame by frame, the same frames would lose every one under 30°.
    expect(refusedAlone.length).toBeGreaterThan(30);
  });

  it('a real turn to face the camera is refused at once; the view is judged afresh after a pause', () => {
    const tracker = createExerciseTracker(SQUAT, { targetReps: null });
    tracker.push(squatPose(170, 35, 0), 0);
    tracker.push(squatPose(170, 24, 100), 100);
    expect(tracker.lastSample!.status).toBe('ok');
    tracker.push(squatPose(170, 12, 200), 200);
    expect(tracker.lastSample!.reason).toBe('not-side-view');
    // Facing the camera the view is lost: turning back part way is not enough.
    tracker.push(squatPose(170, 26, 300), 300);
    expect(tracker.lastSample!.reason).toBe('not-side-view');
    tracker.push(squatPose(170, 33, 400), 400);
    expect(tracker.lastSample!.status).toBe('ok');
    tracker.pause(500);
    tracker.resume(600);
    tracker.push(squatPose(170, 26, 700), 700);
    expect(tracker.lastSample!.reason).toBe('not-side-view');
  });
});

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
