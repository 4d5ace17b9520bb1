// The set machine driven as the page drives it: the real tracker on synthetic traces, its
// events fed in, effects collected. Checks what the screen says and what is saved.
import { describe, expect, it } from 'vitest';
import { getExercise } from '../exercise/catalogue';
import { createExerciseTracker, type ExerciseTracker } from '../exercise/tracker';
import { noPersonSample, trace, type Segment } from '../exercise/test-traces';
import type { Exercise, ExerciseSample } from '../exercise/types';
import { can, IDLE, messageOf, NOTE_MS, SETUP_STABLE_MS, stepSet, type SetEffect, type SetEvent, type SetMachineState } from './set-machine';

const FPS = 30;
const WALL = getExercise('wall-extension-hold')!;
const SQUAT = getExercise('squat')!;

/** The page's shell in miniature: machine + tracker, effects carried out where they touch the counter. */
class Harness {
  state: SetMachineState = IDLE;
  effects: SetEffect[] = [];
  readonly tracker: ExerciseTracker;
  constructor(readonly exercise: Exercise, targetReps: number) {
    this.tracker = createExerciseTracker(exercise, { targetReps, smoothing: false });
  }
  get hasWork() {
    const s = this.tracker.summary();
    return s.reps + s.holds.length > 0;
  }
  dispatch(event: SetEvent) {
    const step = stepSet(this.state, event);
    this.state = step.state;
    for (const effect of step.effects) {
      this.effects.push(effect);
      const now = this.state.nowMs ?? 0;
      if (effect.type === 'pause-counter') this.tracker.pause(now).forEach((e) => this.dispatch({ type: 'counter', event: e }));
      if (effect.type === 'resume-counter') this.tracker.resume(now).forEach((e) => this.dispatch({ type: 'counter', event: e }));
    }
  }
  start() {
    this.dispatch({ type: 'start', source: 'camera', kind: this.exercise.kind, calibrates: this.exercise.signal.type === 'trunk-extension' });
    this.dispatch({ type: 'camera-ready' });
  }
  /** Frames in place: the setup check passes on each, then they are counted. */
  feed(samples: readonly ExerciseSample[]) {
    for (const sample of samples) {
      if (this.state.phase === 'setup') this.dispatch({ type: 'setup-frame', atMs: sample.timestampMs, ok: sample.status === 'ok', hint: sample.status === 'ok' ? null : 'Step into the picture.' });
      else if (this.state.phase === 'running') {
        this.dispatch({ type: 'frame', atMs: sample.timestampMs });
        for (const e of this.tracker.pushSample(sample)) this.dispatch({ type: 'counter', event: e });
      }
    }
  }
  end() {
    for (const e of this.tracker.finish(this.state.nowMs ?? undefined)) this.dispatch({ type: 'counter', event: e });
    this.dispatch({ type: 'end', hasWork: this.hasWork });
  }
  of<T extends SetEffect['type']>(type: T) {
    return this.effects.filter((e): e is Extract<SetEffect, { type: T }> => e.type === type);
  }
}

/** Neutral for 3 s, then `holds` holds of `seconds` at +10 deg with 6 s rests. */
function wallHolds(holds: number, seconds: number, startMs = 0): ExerciseSample[] {
  const segments: Segment[] = [[3000, 0]];
  for (let i = 0; i < holds; i++) segments.push([300, 10], [seconds * 1000, 10], [300, 0], [6000, 0]);
  return trace(0, segments, FPS, startMs);
}

const STALE = /Carrying on|nobody in view|Go again|Welcome back|Hold it|Rest\.|Arch your|Released after/;

describe('set machine', () => {
  it('a full wall-hold set: setup check, neutral, ten holds, then the camera stops and the set is saved as complete', () => {
    const h = new Harness(WALL, 10);
    h.start();
    expect(h.of('start-camera')).toHaveLength(1);
    expect(h.state.phase).toBe('setup');
    h.feed(wallHolds(10, 11));
    expect(h.state.phase).toBe('done');
    expect(h.tracker.summary().reps).toBe(10);
    expect(h.state.cueCount).toBe(10);
    expect(h.of('stop-camera')).toHaveLength(1);
    expect(h.of('persist')).toEqual([{ type: 'persist', status: 'complete' }]);
    expect(h.of('discard')).toHaveLength(0);
    expect(h.effects.at(-1)).toEqual({ type: 'focus', target: 'summary' });
    const m = messageOf(h.state, h.state.nowMs! + 1);
    expect(m.cue).toBe('Set complete. Well done.');
    expect(m.detail).toBe('Saving…');
    h.dispatch({ type: 'saved' });
    expect(messageOf(h.state).detail).toBe('Saved in this browser.');
    // Announcements are the counts and key cues, not every frame.
    expect(h.of('announce').length).toBeLessThanOrEqual(15);
  });

  it('counting waits for the setup check to hold for half a second', () => {
    const h = new Harness(SQUAT, 10);
    h.start();
    h.feed([noPersonSample(0), noPersonSample(33)]);
    expect(h.state.phase).toBe('setup');
    expect(messageOf(h.state).detail).toBe('Step into the picture.');
    h.feed(trace(170, [[SETUP_STABLE_MS - 100, 170]], FPS, 66));
    expect(h.state.phase).toBe('setup');
    h.feed(trace(170, [[400, 170]], FPS, 66 + SETUP_STABLE_MS));
    expect(h.state.phase).toBe('running');
    expect(messageOf(h.state).cue).toBe('Go when you are ready.');
  });

  it('ending with nothing counted saves nothing, and says so', () => {
    const h = new Harness(WALL, 10);
    h.start();
    h.feed(trace(0, [[4000, 0]], FPS));
    expect(h.state.activity).toBe('ready');
    h.end();
    expect(h.state.done).toEqual({ status: 'empty', save: 'nothing', error: null });
    expect(h.of('persist')).toHaveLength(0);
    expect(h.of('discard')).toHaveLength(1);
    expect(h.of('stop-camera')).toHaveLength(1);
    expect(messageOf(h.state).cue).toBe('Nothing was counted, so nothing was saved.');
  });

  it('a short hold alone is kept (ended, not complete)', () => {
    const h = new Harness(WALL, 10);
    h.start();
    h.feed(wallHolds(1, 4));
    h.end();
    expect(h.tracker.summary().shortHolds).toBe(1);
    expect(h.of('persist')).toEqual([{ type: 'persist', status: 'ended' }]);
  });

  it('nothing from the running set is left on screen after the end', () => {
    for (const tail of ['away', 'paused', 'rest', 'short'] as const) {
      const h = new Harness(WALL, 10);
      h.start();
      h.feed(wallHolds(tail === 'short' ? 0 : 2, 11));
      if (tail === 'short') h.feed(wallHolds(1, 3, h.state.nowMs! + 33).slice(90));
      if (tail === 'away') h.feed(Array.from({ length: 40 }, (_, i) => noPersonSample(h.state.nowMs! + 33 * (i + 1))));
      if (tail === 'paused') h.dispatch({ type: 'pause' });
      const before = messageOf(h.state, h.state.nowMs);
      expect(`${before.cue} ${before.detail}`, tail).toMatch(tail === 'short' ? /Released after|Arch/ : /.+/);
      h.end();
      const after = messageOf(h.state, h.state.nowMs);
      expect(`${after.cue} ${after.detail}`, tail).not.toMatch(STALE);
      expect(h.state.holdStartMs).toBeNull();
      expect(h.state.restUntilMs).toBeNull();
    }
  });

  it('camera denied: no set starts, nothing is saved', () => {
    const h = new Harness(SQUAT, 10);
    h.dispatch({ type: 'start', source: 'camera', kind: 'reps', calibrates: false });
    h.dispatch({ type: 'camera-failed' });
    expect(h.state).toEqual({ ...IDLE, kind: 'reps' });
    expect(h.of('persist')).toHaveLength(0);
    expect(can(h.state, 'end')).toBe(false);
    expect(can(h.state, 'start')).toBe(true);
    expect(messageOf(h.state).cue).toBe('');
  });

  it('a start that came to nothing without a word from the camera says why, until the next start', () => {
    const h = new Harness(SQUAT, 10);
    h.dispatch({ type: 'start', source: 'camera', kind: 'reps', calibrates: false });
    h.dispatch({ type: 'camera-failed', reason: 'The camera did not start.' });
    expect(h.state).toMatchObject({ phase: 'idle', startProblem: 'The camera did not start.' });
    expect(messageOf(h.state).cue).toBe('The camera did not start.');
    h.dispatch({ type: 'start', source: 'camera', kind: 'reps', calibrates: false });
    expect(h.state).toMatchObject({ phase: 'starting', startProblem: null });
  });

  it('pause and resume by key; a hold in progress ends at the pause', () => {
    const h = new Harness(WALL, 10);
    h.start();
    h.feed(trace(0, [[3000, 0], [300, 10], [2000, 10]], FPS));
    expect(h.state.activity).toBe('holding');
    h.dispatch({ type: 'toggle-pause' });
    expect(h.state.phase).toBe('paused');
    expect(h.of('pause-counter')).toHaveLength(1);
    expect(h.tracker.summary().shortHolds).toBe(1);
    expect(messageOf(h.state).detail).toMatch(/space bar/);
    expect(can(h.state, 'pause')).toBe(false);
    h.dispatch({ type: 'toggle-pause' });
    expect(h.state.phase).toBe('running');
    expect(h.of('resume-counter')).toHaveLength(1);
    expect(messageOf(h.state).cue).toBe('Carrying on.');
    expect(messageOf(h.state, h.state.nowMs! + NOTE_MS).cue).toBe('Arch your upper back and hold.');
  });

  it('stop camera mid-set: paused with the set kept; resume turns the camera on and checks the setup again', () => {
    const h = new Harness(WALL, 10);
    h.start();
    h.feed(wallHolds(2, 11));
    h.dispatch({ type: 'stop-camera' });
    expect(h.state).toMatchObject({ phase: 'paused', pausedBy: 'camera-off', cameraOn: false });
    expect(h.of('stop-camera')).toHaveLength(1);
    expect(can(h.state, 'stop-camera')).toBe(false);
    h.dispatch({ type: 'resume' });
    expect(h.state.phase).toBe('starting');
    expect(h.of('start-camera')).toHaveLength(2);
    h.dispatch({ type: 'camera-ready' });
    expect(h.state.phase).toBe('setup');
    h.feed(trace(0, [[1000, 0]], FPS, h.state.nowMs! + 33));
    expect(h.state.phase).toBe('running');
    expect(h.state.activity).toBe('ready');
    expect(h.tracker.summary().reps).toBe(2);
  });

  it('a lost camera pauses the set; a failed restart keeps it paused, not dropped', () => {
    const h = new Harness(SQUAT, 10);
    h.start();
    h.feed(trace(170, [[1000, 170], [1000, 90], [1000, 170]], FPS));
    expect(h.tracker.summary().reps).toBe(1);
    h.dispatch({ type: 'camera-lost' });
    expect(h.state).toMatchObject({ phase: 'paused', pausedBy: 'camera-lost' });
    h.dispatch({ type: 'resume' });
    h.dispatch({ type: 'camera-failed' });
    expect(h.state).toMatchObject({ phase: 'paused', pausedBy: 'camera-lost' });
    h.end();
    expect(h.of('persist')).toEqual([{ type: 'persist', status: 'ended' }]);
  });

  it('another tab taking the camera pauses the set with its count, and Resume takes it back', () => {
    const h = new Harness(SQUAT, 10);
    h.start();
    h.feed(trace(170, [[1000, 170], [1000, 90], [1000, 170]], FPS));
    h.dispatch({ type: 'camera-taken' });
    expect(h.state).toMatchObject({ phase: 'paused', pausedBy: 'other-tab', cameraOn: false });
    expect(messageOf(h.state).detail).toMatch(/in use in another tab/);
    expect(h.tracker.summary().reps).toBe(1);
    h.dispatch({ type: 'resume' });
    expect(h.state.phase).toBe('starting');
  });

  it('hidden page pauses a running set', () => {
    const h = new Harness(SQUAT, 10);
    h.start();
    h.feed(trace(170, [[1000, 170]], FPS));
    h.dispatch({ type: 'hidden' });
    expect(h.state).toMatchObject({ phase: 'paused', pausedBy: 'hidden', cameraOn: true });
    h.dispatch({ type: 'stop-camera' });
    expect(h.state.cameraOn).toBe(false);
  });

  it('somebody leaving the picture: "away", then back', () => {
    const h = new Harness(SQUAT, 10);
    h.start();
    h.feed(trace(170, [[1000, 170]], FPS));
    const t = h.state.nowMs!;
    h.feed(Array.from({ length: 30 }, (_, i) => noPersonSample(t + 33 * (i + 1))));
    expect(h.state.activity).toBe('away');
    expect(messageOf(h.state).cue).toBe('Paused: nobody in view.');
    h.feed(trace(170, [[500, 170]], FPS, t + 33 * 31));
    expect(h.state.activity).toBe('ready');
  });

  it('a restored set waits paused; Resume starts the camera and the setup check', () => {
    let s = stepSet(IDLE, { type: 'start', source: 'camera', kind: 'hold', calibrates: true, restored: true }).state;
    expect(s).toMatchObject({ phase: 'paused', pausedBy: 'restored' });
    expect(messageOf(s).detail).toMatch(/Set restored/);
    const step = stepSet(s, { type: 'resume' });
    expect(step.effects).toEqual([{ type: 'start-camera' }]);
    s = stepSet(step.state, { type: 'camera-ready' }).state;
    expect(s.phase).toBe('setup');
  });

  it('a failed save can be retried, and only then', () => {
    const h = new Harness(SQUAT, 1);
    h.start();
    h.feed(trace(170, [[1000, 170], [1000, 90], [1000, 170]], FPS));
    expect(h.state.phase).toBe('done');
    expect(can(h.state, 'retry-save')).toBe(false);
    h.dispatch({ type: 'save-failed', message: 'The browser has no space left.' });
    expect(messageOf(h.state).detail).toMatch(/no space left/);
    h.dispatch({ type: 'retry-save' });
    expect(h.of('persist')).toHaveLength(2);
    h.dispatch({ type: 'close' });
    expect(h.state.phase).toBe('idle');
  });

  it('a video is counted without a setup check and cannot be paused mid-recording', () => {
    let s = stepSet(IDLE, { type: 'start', source: 'video', kind: 'reps', calibrates: false }).state;
    expect(s.phase).toBe('starting');
    s = stepSet(s, { type: 'camera-ready' }).state;
    expect(s).toMatchObject({ phase: 'running', cameraOn: false });
    const r = stepSet(IDLE, { type: 'start', source: 'recording', kind: 'reps', calibrates: false }).effects;
    expect(r.some((e) => e.type === 'start-camera')).toBe(false);
  });
});
