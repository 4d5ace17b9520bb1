import { describe, expect, it } from 'vitest';
import { getExercise } from './catalogue';
import {
  createCounter,
  finishCounter,
  LOWERING_PEAK_MARGIN_DEG,
  pauseCounter,
  pauseCounterStep,
  resumeCounterStep,
  stepCounter,
  summarizeCounter,
  type CounterState,
} from './counter';
import { lowVisibilitySample, noPersonSample, ofType, okSample, run, trace, type Segment } from './test-traces';
import type { Exercise, HoldExercise, RepsExercise, TimedExercise } from './types';

const FPS = 10;
const FRAME_MS = 1000 / FPS;
const EPSILON_DEG = 1e-9;

const SQUAT = getExercise('squat') as RepsExercise;
const PULLOVER = getExercise('dumbbell-pullover') as RepsExercise;
/** The lowering exercise on an unsigned hip angle (130 draped, 178 straight), as the traces here are written. */
const LOWERING: RepsExercise = {
  ...(getExercise('swiss-ball-hip-extension-lowering') as RepsExercise),
  signal: { type: 'joint-angle', landmarks: ['near_shoulder', 'near_hip', 'near_knee'] },
  enterDeg: 165,
  exitDeg: 145,
};
const WALL = getExercise('wall-extension-hold') as HoldExercise;
const CAT_COW = getExercise('cat-cow') as TimedExercise;

/** One squat from standing (170) to `bottomDeg` and back, 1 s down, 1 s up. */
const squatRep = (bottomDeg = 90): Segment[] => [
  [1000, bottomDeg],
  [1000, 170],
  [500, 170],
];

const lastMs = (samples: readonly { timestampMs: number }[]) => samples[samples.length - 1].timestampMs;

/** Samples continuing a list at the same frame rate. */
const then = (before: readonly { timestampMs: number }[], startDeg: number, segments: Segment[]) => trace(startDeg, segments, FPS, lastMs(before) + FRAME_MS);

/** A wall hold with a known baseline: neutral at 0, holds at +10. */
const wall = (options: Parameters<typeof createCounter>[1] = {}) => createCounter(WALL, { baselineDeg: 0, ...options });
/** Neutral 1 s, up to +10 in 0.5 s, hold `holdMs`, back to 0 in 0.5 s, neutral 1 s. */
const holdPath = (holdMs: number, levelDeg = 10): Segment[] => [
  [1000, 0],
  [500, levelDeg],
  [holdMs, levelDeg],
  [500, 0],
  [1000, 0],
];

describe('reps', () => {
  it('counts a squat when the knee comes back past exitDeg, with its time and deepest angle', () => {
    const samples = trace(170, squatRep(90), FPS);
    const { state, events } = run(createCounter(SQUAT), samples);
    const reps = ofType(events, 'rep');
    expect(reps).toHaveLength(1);
    // 170 -> 90 -> 170 over 2 s: at 155 again at t = 1000 + 1000 * 65/80 = 1812.5 ms, first frame after is 1900.
    expect(reps[0].atMs).toBe(1900);
    expect(reps[0].count).toBe(1);
    expect(Math.abs(reps[0].peakDeg - 90)).toBeLessThan(EPSILON_DEG);
    // The rep started at the last frame still above 155: t = 1000 * 15/80 = 187.5 ms, frame 100.
    expect(reps[0].durationMs).toBe(1800);
    expect(reps[0].loweringMs).toBeUndefined();
    expect(state.reps).toBe(1);
    expect(summarizeCounter(state).repTimesMs).toEqual([1800]);
  });

  it('takes the direction from the order of the thresholds: a pullover goes above enterDeg', () => {
    const samples = trace(90, [[1000, 170], [1000, 90], [500, 90]], FPS);
    const { events } = run(createCounter(PULLOVER), samples);
    expect(ofType(events, 'rep').map((e) => e.peakDeg)).toEqual([170]);
    const squatEvents = run(createCounter(SQUAT), trace(170, [[1000, 90], [1000, 170]], FPS)).events;
    expect(ofType(squatEvents, 'rep').map((e) => e.peakDeg)).toEqual([90]);
  });

  it('does not count until the signal returns past exitDeg, however long it hovers between the thresholds', () => {
    const samples = trace(170, [[1000, 90], [500, 140], [3000, 150], [500, 140]], FPS);
    expect(run(createCounter(SQUAT), samples).state.reps).toBe(0);
    const more = then(samples, 140, [[300, 160]]);
    expect(run(createCounter(SQUAT), [...samples, ...more]).state.reps).toBe(1);
  });

  it('needs a start on the rest side: a trace that begins at the bottom counts only the next full rep', () => {
    const samples = trace(95, [[1000, 170], ...squatRep(90)], FPS);
    expect(ofType(run(createCounter(SQUAT), samples).events, 'rep')).toHaveLength(1);
  });

  it('ignores a rep smaller than minAmplitudeDeg, measured from the rest value to the peak', () => {
    const shallow: RepsExercise = { ...SQUAT, enterDeg: 150, exitDeg: 155, minAmplitudeDeg: 25 };
    // From 160 down to 140 and back: 20 deg, under 25.
    expect(run(createCounter(shallow), trace(160, [[1000, 140], [1000, 160]], FPS)).state.reps).toBe(0);
    // From 170 down to 140: 30 deg.
    expect(run(createCounter(shallow), trace(170, [[1000, 140], [1000, 170]], FPS)).state.reps).toBe(1);
  });

  it('ignores a rep faster than minRepMs', () => {
    const fast = trace(170, [[100, 90], [100, 170], [500, 170]], 30);
    expect(run(createCounter(SQUAT), fast).state.reps).toBe(0);
    expect(run(createCounter({ ...SQUAT, minRepMs: 100 }), fast).state.reps).toBe(1);
  });

  it('records the lowering time from the last moment near the top back to exitDeg', () => {
    // Up to 178 in 1 s, 1 s at the top, 3 s down to 130: crosses 145 at 3000 * 33/48 = 2062.5 ms into the lowering.
    const samples = trace(130, [[1000, 178], [1000, 178], [3000, 130], [500, 130]], FPS);
    const [rep] = ofType(run(createCounter(LOWERING), samples).events, 'rep');
    // Within LOWERING_PEAK_MARGIN_DEG (5 deg) of the top until 3000 * 5/48 = 312.5 ms into the lowering (frame 300).
    expect(LOWERING_PEAK_MARGIN_DEG).toBe(5);
    expect(rep.atMs).toBe(2000 + 2100);
    expect(rep.loweringMs).toBe(2100 - 300);
    expect(summarizeCounter(run(createCounter(LOWERING), samples).state).loweringTimesMs).toEqual([1800]);
  });

  it('frames that are not ok never advance a count, even with a value', () => {
    const samples = trace(170, squatRep(90), FPS).map((s) =>
      s.timestampMs >= 700 && s.timestampMs <= 1200 ? { ...s, status: 'low-visibility' as const } : s,
    );
    // Under 120 from 625 to 1375 ms: now seen only in the frame at 1300, which is enough.
    expect(run(createCounter(SQUAT), samples).state.reps).toBe(1);
    const blind = trace(170, squatRep(90), FPS).map((s) => (s.timestampMs >= 300 && s.timestampMs <= 1700 ? { ...s, status: 'low-visibility' as const } : s));
    expect(run(createCounter(SQUAT), blind).state.reps).toBe(0);
  });

  it('counts the same with several people in view', () => {
    const samples = trace(170, [...squatRep(90), ...squatRep(100)], FPS);
    const crowd = samples.map((s, i) => ({ ...s, peopleCount: 1 + (i % 3) }));
    const a = run(createCounter(SQUAT), samples);
    const b = run(createCounter(SQUAT), crowd);
    expect(b.events).toEqual(a.events);
    expect(b.state.reps).toBe(2);
  });

  it('completes the set after targetReps (default: the dose), and keeps counting after', () => {
    const samples = trace(170, [...squatRep(), ...squatRep(), ...squatRep()], FPS);
    const { events, state } = run(createCounter(SQUAT, { targetReps: 2 }), samples);
    expect(events.filter((e) => e.type === 'rep' || e.type === 'set-complete').map((e) => e.type)).toEqual(['rep', 'rep', 'set-complete', 'rep']);
    expect(state.complete).toBe(true);
    expect(createCounter(SQUAT).targetReps).toBe(10);
    expect(createCounter(SQUAT, { targetReps: null }).targetReps).toBeNull();
  });
});

describe('presence, pauses and time', () => {
  it('a dropout shorter than the grace changes nothing; a longer one pauses, and the person coming back resumes', () => {
    const before = trace(170, [[1000, 170]], FPS);
    const gone = (ms: number) => Array.from({ length: ms / FRAME_MS }, (_, i) => noPersonSample(lastMs(before) + (i + 1) * FRAME_MS));
    const short = run(createCounter(SQUAT), [...before, ...gone(400)]);
    expect(short.events).toEqual([]);
    expect(short.state.framesWithoutPose).toBe(4);
    const long = run(createCounter(SQUAT), [...before, ...gone(800)]);
    // Nobody since 1100 ms; more than 500 ms later is the frame at 1700.
    expect(long.events).toEqual([{ type: 'paused', atMs: 1700, reason: 'no-person' }]);
    const back = run(long.state, [lowVisibilitySample(1900), okSample(2000, 170)]);
    expect(back.events).toEqual([{ type: 'resumed', atMs: 1900 }]);
  });

  it('a pause drops the rep in progress: the next rep needs a fresh start', () => {
    const down = trace(170, [[1000, 90]], FPS);
    const gone = Array.from({ length: 8 }, (_, i) => noPersonSample(1100 + i * FRAME_MS));
    const up = trace(90, [[1000, 170], ...squatRep()], FPS, 2000);
    const { events } = run(createCounter(SQUAT), [...down, ...gone, ...up]);
    expect(events.map((e) => e.type)).toEqual(['paused', 'resumed', 'rep']);
    expect(ofType(events, 'rep')[0].count).toBe(1);
  });

  it('ignores a repeated timestamp, and treats time running backwards as a break', () => {
    const samples = trace(170, [[1000, 90]], FPS);
    const counter = run(createCounter(SQUAT), samples).state;
    expect(stepCounter(counter, okSample(1000, 170))).toEqual({ state: counter, events: [] });
    const rewound = run(counter, trace(90, [[1000, 170]], FPS, 0));
    expect(rewound.state.reps).toBe(0);
  });

  it('a long stall (a reload with a wall clock) ends a hold at the last frame before it', () => {
    const before = trace(0, [[1000, 0], [500, 10], [3000, 10]], FPS);
    const { state, events } = run(wall(), [...before, ...trace(10, [[12_000, 10]], FPS, 60_000)]);
    expect(ofType(events, 'hold-end')[0].hold).toMatchObject({ startMs: 1300, endMs: 4500, completed: false });
    // Still arched after the stall: a new hold from the first frame.
    expect(state.hold?.startMs).toBe(60_000);
  });

  it('the pause key ends a hold in progress, freezes counting until resumed, and says so', () => {
    const samples = trace(0, holdPath(3000), FPS).filter((s) => s.timestampMs <= 3000);
    const holding = run(wall(), samples).state;
    expect(holding.hold).not.toBeNull();
    const paused = pauseCounterStep(holding, 3050);
    expect(paused.events.map((e) => e.type)).toEqual(['hold-end', 'short-hold', 'paused']);
    expect(ofType(paused.events, 'paused')[0].reason).toBe('user');
    expect(pauseCounter(paused.state, 3100)).toBe(paused.state);
    const ignored = run(paused.state, trace(0, holdPath(11_000), FPS, 3100));
    expect(ignored.events).toEqual([]);
    const resumed = resumeCounterStep(ignored.state, 20_000);
    expect(resumed.events).toEqual([{ type: 'resumed', atMs: 20_000 }]);
    const after = run(resumed.state, trace(0, holdPath(11_000), FPS, 20_100));
    expect(after.state.reps).toBe(1);
  });

  it('resuming a state that is not paused changes nothing', () => {
    const s = createCounter(SQUAT);
    expect(resumeCounterStep(s, 100)).toEqual({ state: s, events: [] });
  });
});

describe('holds', () => {
  it('trunk extension: measures the neutral stance first (median of 2 s of good frames)', () => {
    const counter = createCounter(WALL);
    const samples = [
      okSample(0, 4),
      lowVisibilitySample(100),
      ...[5, 3, 4, 6, 4, 5, 4, 3, 5, 4, 4, 5, 4, 4, 5, 3, 4, 5, 4, 4].map((v, i) => okSample(200 + i * 100, v)),
      okSample(2200, 4),
    ];
    const { events, state } = run(counter, samples);
    expect(events[0]).toEqual({ type: 'calibrating', atMs: 0 });
    const calibrated = ofType(events, 'calibrated');
    // 2 s after the first good frame.
    expect(calibrated).toEqual([{ type: 'calibrated', atMs: 2000, baselineDeg: 4 }]);
    expect(state.baselineDeg).toBe(4);
    // Relative to it from now on.
    expect(stepCounter(state, okSample(2300, 10)).state.lastValueDeg).toBe(6);
  });

  it('measures the neutral stance again when the person moved during it', () => {
    const moving = trace(0, [[2000, 20]], FPS);
    const { events, state } = run(createCounter(WALL), moving);
    expect(ofType(events, 'calibrating').length).toBe(2);
    expect(state.baselineDeg).toBeNull();
    const still = run(state, trace(20, [[2500, 20]], FPS, 2100));
    expect(ofType(still.events, 'calibrated')[0].baselineDeg).toBe(20);
  });

  it('a given baseline, or calibrationMs 0, skips calibration; joint-angle holds never calibrate', () => {
    expect(createCounter(WALL, { baselineDeg: 3 }).baselineDeg).toBe(3);
    expect(createCounter(WALL, { calibrationMs: 0 }).baselineDeg).toBe(0);
    const knee: HoldExercise = { ...WALL, signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_knee', 'near_ankle'] }, enterDeg: 165, exitDeg: 160 };
    expect(createCounter(knee).calibration).toBeNull();
  });

  it('a completed hold: start at enterDeg, cue at the target, a rep on release, then rest', () => {
    const samples = trace(0, holdPath(11_000), FPS);
    const { events, state } = run(wall(), samples);
    // Up to +10 from 1000 ms over 500 ms: +5 at 1250 ms, first frame 1300. Down from 12_500: at +2 (exitDeg counts as out) at 12_900.
    expect(events.map((e) => e.type)).toEqual(['hold-start', 'hold-complete', 'hold-end', 'rest-start']);
    expect(ofType(events, 'hold-start')[0].atMs).toBe(1300);
    expect(ofType(events, 'hold-complete')[0]).toEqual({ type: 'hold-complete', atMs: 11_300, count: 1 });
    const [end] = ofType(events, 'hold-end');
    expect(end.hold).toMatchObject({ startMs: 1300, endMs: 12_900, durationMs: 11_600, completed: true, peakDeg: 10, medianDeg: 10 });
    // The release is confirmed when the dip outlasts the grace (500 ms): frame 13_500. The rest runs from the release.
    expect(end.atMs).toBe(13_500);
    expect(ofType(events, 'rest-start')[0]).toEqual({ type: 'rest-start', atMs: 13_500, untilMs: 17_900 });
    expect(ofType(run(state, trace(0, [[5000, 0]], FPS, 14_100)).events, 'rest-end')).toEqual([{ type: 'rest-end', atMs: 17_900 }]);
    expect(state.reps).toBe(1);
    expect(state.shortHolds).toBe(0);
    expect(summarizeCounter(state).repTimesMs).toEqual([11_600]);
  });

  it('a release before the target is a short hold: recorded, not a rep, no rest', () => {
    const { events, state } = run(wall(), trace(0, holdPath(6000), FPS));
    expect(events.map((e) => e.type)).toEqual(['hold-start', 'hold-end', 'short-hold']);
    expect(ofType(events, 'short-hold')[0].durationMs).toBe(6600);
    expect(state.reps).toBe(0);
    expect(state.shortHolds).toBe(1);
    expect(state.holds[0].completed).toBe(false);
  });

  it('hysteresis: between exitDeg and enterDeg the hold goes on', () => {
    const samples = trace(0, [[500, 0], [500, 10], [2000, 10], [500, 4], [9000, 4], [500, 0], [1000, 0]], FPS);
    const { events } = run(wall(), samples);
    expect(ofType(events, 'hold-complete')).toHaveLength(1);
    expect(ofType(events, 'hold-end')[0].hold.completed).toBe(true);
  });

  it('a dip past exitDeg or a dropout within the grace is bridged; a longer one ends the hold where it began', () => {
    const base = trace(0, holdPath(11_000), FPS);
    const dip = (from: number, to: number) => base.map((s) => (s.timestampMs >= from && s.timestampMs <= to ? okSample(s.timestampMs, 0) : s));
    const drop = (from: number, to: number) => base.map((s) => (s.timestampMs >= from && s.timestampMs <= to ? noPersonSample(s.timestampMs) : s));
    for (const samples of [dip(5000, 5400), drop(5000, 5400)]) {
      const { state } = run(wall(), samples);
      expect(state.holds).toHaveLength(1);
      expect(state.holds[0]).toMatchObject({ startMs: 1300, endMs: 12_900, completed: true });
      // Frames at 0 during the dip count in the median only if the hold goes on.
      expect(state.holds[0].peakDeg).toBe(10);
    }
    for (const samples of [dip(5000, 5600), drop(5000, 5600), base.map((s) => (s.timestampMs >= 5000 && s.timestampMs <= 5600 ? lowVisibilitySample(s.timestampMs) : s))]) {
      const { state } = run(wall(), samples);
      expect(state.holds[0]).toMatchObject({ startMs: 1300, endMs: 5000, durationMs: 3700, completed: false });
    }
  });

  it('after a dip past exitDeg the hold goes on only if the signal comes back at least halfway to enterDeg', () => {
    // Thresholds +6 and +3: halfway is +4.5. A dip to 0 for 300 ms, then back to 4 or to 5.
    const path = (back: number): Segment[] => [[1000, 0], [500, 10], [4000, 10], [0, 0], [300, 0], [0, back], [8000, back], [500, 0], [1000, 0]];
    const sagging = run(wall(), trace(0, path(4), FPS)).state;
    expect(sagging.holds[0]).toMatchObject({ startMs: 1300, endMs: 5600, completed: false });
    const holding = run(wall(), trace(0, path(5), FPS)).state;
    expect(holding.holds).toHaveLength(1);
    expect(holding.holds[0].completed).toBe(true);
    // Missing frames alone do not raise the bar: a sagging hold at +4 survives a 300 ms dropout.
    const samples = trace(0, [[1000, 0], [500, 10], [1000, 4], [11_000, 4], [500, 0], [1000, 0]], FPS).map((x) =>
      x.timestampMs >= 5000 && x.timestampMs < 5300 ? noPersonSample(x.timestampMs) : x,
    );
    const dropout = run(wall(), samples).state;
    expect(dropout.holds).toHaveLength(1);
    expect(dropout.holds[0].completed).toBe(true);
  });

  it('a hold started during the rest counts, and the rest it skipped is recorded', () => {
    const first = trace(0, holdPath(11_000), FPS);
    // The rest runs until 17_900; the next hold starts about 14_300.
    const second = then(first, 0, [[500, 10], [11_000, 10], [500, 0], [1000, 0]]);
    const { events, state } = run(wall(), [...first, ...second]);
    const types = events.map((e) => e.type);
    expect(types).toEqual(['hold-start', 'hold-complete', 'hold-end', 'rest-start', 'rest-end', 'hold-start', 'hold-complete', 'hold-end', 'rest-start']);
    const restEnd = ofType(events, 'rest-end')[0];
    expect(restEnd.atMs).toBe(state.holds[1].startMs);
    expect(state.holds[1].restSkippedMs).toBe(17_900 - state.holds[1].startMs);
    expect(state.holds[1].restSkippedMs).toBeGreaterThan(3000);
    expect(state.holds[0].restSkippedMs).toBeUndefined();
    expect(state.reps).toBe(2);
  });

  it('needs the signal at rest first: a trace that starts arched does not start a hold until the person comes back', () => {
    const samples = trace(10, [[12_000, 10], [500, 0], ...holdPath(11_000)], FPS);
    const { state } = run(wall(), samples);
    expect(state.holds).toHaveLength(1);
    expect(state.reps).toBe(1);
  });

  it('completes the set after the target holds, with no rest after the last', () => {
    let samples = trace(0, holdPath(11_000), FPS);
    samples = [...samples, ...then(samples, 0, [[5000, 0], ...holdPath(11_000)])];
    const { events, state } = run(wall({ targetReps: 2 }), samples);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['hold-end', 'set-complete']);
    expect(state.complete).toBe(true);
  });

  it('nobody in view for longer than the grace pauses the set; the rest clock stops meanwhile', () => {
    const first = trace(0, holdPath(11_000), FPS);
    const restStart = run(wall(), first.filter((s) => s.timestampMs <= 13_500));
    expect(restStart.state.restUntilMs).toBe(17_900);
    const gone = Array.from({ length: 30 }, (_, i) => noPersonSample(13_600 + i * FRAME_MS));
    const away = run(restStart.state, gone);
    // Nobody from 13_600; paused at the first frame more than 500 ms later.
    expect(away.events).toEqual([{ type: 'paused', atMs: 14_200, reason: 'no-person' }]);
    const back = run(away.state, [okSample(16_700, 0)]);
    // Paused 14_200 to 16_700: the rest ends 2500 ms later.
    expect(back.events).toEqual([
      { type: 'resumed', atMs: 16_700 },
      { type: 'rest-start', atMs: 16_700, untilMs: 20_400 },
    ]);
  });

  it('reports the median head-forward angle during the hold', () => {
    const samples = trace(0, holdPath(11_000), FPS).map((s, i) => ({ ...s, headForwardDeg: 40 + (i % 3) }));
    const { state } = run(wall(), samples);
    expect(state.holds[0].headForwardDeg).toBe(41);
  });

  it('a long hold keeps a bounded sample for its median, and its exact peak', () => {
    // Two minutes at 30 fps, sliding from +8 to +16 (median +12), with one frame at +20.
    const samples = trace(0, [[1000, 0], [300, 8], [120_000, 16], [300, 0], [1000, 0]], 30).map((x, i) => (i === 1999 ? { ...x, valueDeg: 20 } : x));
    const { state, states } = run(wall(), samples);
    expect(Math.max(...states.map((x) => x.hold?.values.values.length ?? 0))).toBeLessThanOrEqual(600);
    expect(state.holds[0].peakDeg).toBe(20);
    expect(Math.abs(state.holds[0].medianDeg - 12)).toBeLessThan(0.1);
  });

  it('finishCounter records a hold still in progress at the end of the input', () => {
    const samples = trace(0, [[1000, 0], [500, 10], [12_000, 10]], FPS);
    const ran = run(wall(), samples);
    expect(ran.state.hold).not.toBeNull();
    const { state, events } = finishCounter(ran.state);
    expect(events.map((e) => e.type)).toEqual(['hold-end']);
    expect(state.holds[0]).toMatchObject({ startMs: 1300, endMs: 13_500, completed: true });
    expect(state.reps).toBe(1);
  });
});

describe('timed', () => {
  /** Cat (-40) to cow (+30) and back: one 4 s cycle. */
  const cycle: Segment[] = [
    [2000, 30],
    [2000, -40],
  ];

  it('counts cycles until the duration, then completes and stops counting', () => {
    const samples = trace(-40, Array.from({ length: 14 }, () => cycle).flat(), FPS);
    const { events, state } = run(createCounter(CAT_COW), samples);
    // 45 s: cycles end at 4, 8, ... 44 s (crossing -20 a little earlier each time).
    expect(state.reps).toBe(11);
    expect(ofType(events, 'set-complete')).toEqual([{ type: 'set-complete', atMs: 45_000 }]);
    expect(state.complete).toBe(true);
  });

  it('paused time does not count towards the duration', () => {
    const first = trace(-40, Array.from({ length: 5 }, () => cycle).flat(), FPS);
    const gone = Array.from({ length: 100 }, (_, i) => noPersonSample(20_100 + i * FRAME_MS));
    const rest = trace(-40, Array.from({ length: 8 }, () => cycle).flat(), FPS, 30_100);
    const { events } = run(createCounter(CAT_COW), [...first, ...gone, ...rest]);
    const [complete] = ofType(events, 'set-complete');
    // 20 s until nobody is seen (the grace before the pause is not exercise), then the remaining 25 s from 30.1 s.
    expect(complete.atMs).toBe(30_100 + 25_000);
  });
});

describe('state', () => {
  it('is plain JSON at every step', () => {
    const samples = [...trace(0, holdPath(11_000), FPS), noPersonSample(15_000), ...trace(0, holdPath(4000), FPS, 15_100)];
    for (const state of run(createCounter(WALL), samples).states) {
      expect(JSON.parse(JSON.stringify(state)) as CounterState).toEqual(state);
    }
  });

  it('summarizes peaks: the deepest rep for a squat, the highest hold peak for a hold', () => {
    const squats = run(createCounter(SQUAT), trace(170, [...squatRep(100), ...squatRep(80), ...squatRep(90)], FPS)).state;
    expect(summarizeCounter(squats)).toMatchObject({ exerciseId: 'squat', kind: 'reps', reps: 3, peakDeg: 80, medianDeg: 90, startedAtMs: 0, complete: false });
    const holds = run(wall(), [...trace(0, holdPath(11_000, 12), FPS), ...trace(0, holdPath(11_000, 8), FPS, 20_000)]).state;
    expect(summarizeCounter(holds)).toMatchObject({ reps: 2, peakDeg: 12, medianDeg: 10, baselineDeg: 0 });
  });

  it('rejects an exercise whose thresholds are equal', () => {
    expect(() => createCounter({ ...SQUAT, exitDeg: 120 } as Exercise)).toThrow(/enterDeg and exitDeg/);
  });
});

describe('calibration that means something', () => {
  const HOLD_FPS = 15;
  it('a neutral that no longer holds (standing 6 deg further forward, still, for 4 s) is measured again, and holds follow the new one', () => {
    const neutral = trace(0, [[3000, 0]], HOLD_FPS);
    const slumped = then(neutral, 0, [[300, -6], [6000, -6]]);
    const hold = then([...neutral, ...slumped], -6, [[300, 4], [11_000, 4], [300, -6], [1000, -6]]);
    const { events, state } = run(createCounter(WALL, { targetReps: null }), [...neutral, ...slumped, ...hold]);
    const calibrating = ofType(events, 'calibrating');
    expect(calibrating.map((e) => e.drift ?? false)).toEqual([false, true]);
    const calibrated = ofType(events, 'calibrated');
    expect(calibrated).toHaveLength(2);
    expect(Math.abs(calibrated[1].baselineDeg + 6)).toBeLessThan(0.5);
    // +10 from the new neutral: a completed hold (from the old neutral it would read +4: none).
    expect(state.reps).toBe(1);
  });

  it('leaning back a little without reaching a hold is not drift', () => {
    const neutral = trace(0, [[3000, 0]], HOLD_FPS);
    const hovering = then(neutral, 0, [[300, 5], [8000, 5]]);
    const { events } = run(createCounter(WALL, { targetReps: null }), [...neutral, ...hovering]);
    expect(ofType(events, 'calibrating')).toHaveLength(1);
  });

  it('a set of short holds has no peak or median: only completed holds are measurements', () => {
    const neutral = trace(0, [[3000, 0]], HOLD_FPS);
    const shortHold = then(neutral, 0, [[300, 12], [3000, 12], [300, 0], [1000, 0]]);
    const summary = summarizeCounter(run(createCounter(WALL), [...neutral, ...shortHold]).state);
    expect(summary.shortHolds).toBe(1);
    expect(summary.holds[0].peakDeg).toBeGreaterThan(10);
    expect(summary.peakDeg).toBeNull();
    expect(summary.medianDeg).toBeNull();
  });
});
