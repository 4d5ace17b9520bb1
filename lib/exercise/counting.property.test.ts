// Property tests on generated traces: noise, short dropouts and a second person in view
// must neither add nor lose a rep or a hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyPose, UPRIGHT, type BodyOptions, type BodyPoint } from '../angles/test-poses';
import { mainPersonIndex } from '../pose/main-person';
import type { Pose } from '../pose/types';
import { getExercise } from './catalogue';
import { createCounter, stepCounter, type CounterState } from './counter';
import { createExerciseTracker } from './tracker';
import { lowVisibilitySample, noise, noPersonSample, ofType, okSample, run, valueAt, durationOf, type Segment } from './test-traces';
import type { CounterEvent, ExerciseSample } from './types';

const SQUAT = getExercise('squat')!;
const WALL = getExercise('wall-extension-hold')!;
const NOISE_DEG = 3;
const DROPOUT_MS = 300;
/** Dropouts are separate events: two back to back would be one longer dropout. */
const DROPOUT_SEPARATION_MS = 800;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

interface Dropout {
  readonly startMs: number;
  readonly kind: 'no-person' | 'low-visibility';
}

const dropoutsArb = (count: number) =>
  fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom<Dropout['kind']>('no-person', 'low-visibility') }), { maxLength: count });

/** Dropouts at fractions of the trace, kept apart. */
function placeDropouts(raw: readonly { at: number; kind: Dropout['kind'] }[], totalMs: number): Dropout[] {
  const sorted = raw.map((d) => ({ startMs: d.at * totalMs, kind: d.kind })).sort((a, b) => a.startMs - b.startMs);
  const kept: Dropout[] = [];
  for (const d of sorted) if (!kept.length || d.startMs >= kept[kept.length - 1].startMs + DROPOUT_MS + DROPOUT_SEPARATION_MS) kept.push(d);
  return kept;
}

const droppedAt = (dropouts: readonly Dropout[], t: number) => dropouts.find((d) => t >= d.startMs && t < d.startMs + DROPOUT_MS);

/** Body points with the near knee bent to `kneeDeg` (thigh and shin 100 px), scaled. */
function squatBody(kneeDeg: number, scale = 1): BodyOptions['body'] {
  const half = ((180 - kneeDeg) / 2) * (Math.PI / 180);
  const knee: BodyPoint = [100 * Math.sin(half), -100 * Math.cos(half)];
  const ankleUp = -200 * Math.cos(half);
  const body: Record<string, BodyPoint> = { ...UPRIGHT, knee, ankle: [0, ankleUp], heel: [-15, ankleUp - 10], foot: [35, ankleUp - 10] };
  return Object.fromEntries(Object.entries(body).map(([k, [a, u]]) => [k, [a * scale, u * scale]])) as BodyOptions['body'];
}

/** The main person squatting, and optionally a smaller second person moving about behind. */
function frame(kneeDeg: number, t: number, second: { phase: number } | null): Pose {
  const main = bodyPose({ body: squatBody(kneeDeg), anchor: [400, 440], timestampMs: t });
  if (!second) return main;
  const otherKnee = 120 + 50 * Math.sin(t / 700 + second.phase);
  const other = bodyPose({ body: squatBody(otherKnee, 0.55), anchor: [950 + 80 * Math.sin(t / 1100 + second.phase), 420], facing: -1, timestampMs: t });
  const people = second.phase > Math.PI ? [other, main] : [main, other];
  const chosen = people[mainPersonIndex(people.map((p) => p.landmarks), main.imageWidth, main.imageHeight)];
  return { ...chosen, peopleCount: 2 };
}

const repArb = fc.record({
  restMs: fc.integer({ min: 600, max: 2500 }),
  downMs: fc.integer({ min: 500, max: 1500 }),
  bottomMs: fc.integer({ min: 400, max: 1000 }),
  upMs: fc.integer({ min: 500, max: 1500 }),
  bottomDeg: fc.double({ min: 80, max: 105, noNaN: true }),
  topDeg: fc.double({ min: 165, max: 178, noNaN: true }),
});

describe('squats from poses: noise, dropouts and a second person change nothing', () => {
  it('counts exactly the reps performed', () => {
    fc.assert(
      fc.property(
        fc.array(repArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(15, 30),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        dropoutsArb(4),
        fc.option(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), { nil: null }),
        (reps, fps, seed, rawDropouts, secondPhase) => {
          const start = reps[0].topDeg;
          const segments: Segment[] = reps.flatMap((r) => [
            [r.restMs, r.topDeg],
            [r.downMs, r.bottomDeg],
            [r.bottomMs, r.bottomDeg],
            [r.upMs, r.topDeg],
          ]);
          segments.push([1000, reps[reps.length - 1].topDeg]);
          const totalMs = durationOf(segments);
          const dropouts = placeDropouts(rawDropouts, totalMs);
          const jitter = noise(seed, NOISE_DEG);
          const tracker = createExerciseTracker(SQUAT, { targetReps: null });
          const events: CounterEvent[] = [];
          for (let i = 0; (i * 1000) / fps <= totalMs; i++) {
            const t = (i * 1000) / fps;
            const knee = valueAt(start, segments, t) + jitter();
            const dropout = droppedAt(dropouts, t);
            let pose: Pose | null = frame(knee, t, secondPhase === null ? null : { phase: secondPhase });
            if (dropout?.kind === 'no-person') pose = null;
            else if (dropout) pose = { ...pose, landmarks: pose.landmarks.map((l) => ({ ...l, visibility: 0.2 })) };
            events.push(...tracker.push(pose, t));
          }
          expect(ofType(events, 'rep').length).toBe(reps.length);
          expect(ofType(events, 'paused')).toEqual([]);
          expect(tracker.summary().reps).toBe(reps.length);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('wall holds: ten of 11 s and one of 7 s', () => {
  it('give 10 reps, 1 short hold and exactly 10 hold-complete cues', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.double({ min: -5, max: 12, noNaN: true }),
        fc.array(fc.record({ levelDeg: fc.double({ min: 9, max: 15, noNaN: true }), rampMs: fc.integer({ min: 400, max: 1000 }) }), { minLength: 11, maxLength: 11 }),
        fc.constantFrom(10, 15, 30),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        dropoutsArb(12),
        fc.boolean(),
        (shortIndex, baselineDeg, holds, fps, seed, rawDropouts, crowd) => {
          const segments: Segment[] = [[2500, baselineDeg]];
          holds.forEach((h, i) => {
            const holdMs = i === shortIndex ? 7000 : 11_000;
            segments.push([h.rampMs, baselineDeg + h.levelDeg], [holdMs, baselineDeg + h.levelDeg], [h.rampMs, baselineDeg], [6000, baselineDeg]);
          });
          const totalMs = durationOf(segments);
          const dropouts = placeDropouts(rawDropouts, totalMs);
          const jitter = noise(seed, NOISE_DEG);
          const tracker = createExerciseTracker(WALL);
          const events: CounterEvent[] = [];
          for (let i = 0; (i * 1000) / fps <= totalMs; i++) {
            const t = (i * 1000) / fps;
            const dropout = droppedAt(dropouts, t);
            const sample: ExerciseSample = !dropout
              ? okSample(t, valueAt(baselineDeg, segments, t) + jitter(), { peopleCount: crowd ? 2 : 1 })
              : dropout.kind === 'no-person'
                ? noPersonSample(t)
                : lowVisibilitySample(t);
            events.push(...tracker.pushSample(sample));
          }
          const summary = tracker.summary();
          expect(ofType(events, 'calibrated')).toHaveLength(1);
          expect(summary.reps).toBe(10);
          expect(summary.shortHolds).toBe(1);
          expect(ofType(events, 'hold-complete')).toHaveLength(10);
          expect(summary.holds).toHaveLength(11);
          expect(summary.holds[shortIndex].completed).toBe(false);
          expect(ofType(events, 'set-complete')).toHaveLength(1);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('state saved and restored mid-set', () => {
  const samplesArb = fc
    .tuple(
      fc.array(fc.tuple(fc.integer({ min: 100, max: 3000 }), fc.double({ min: -5, max: 20, noNaN: true })), { minLength: 5, maxLength: 30 }),
      fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 3 }),
    )
    .map(([segments, gaps]) => {
      const samples: ExerciseSample[] = [];
      const total = durationOf(segments);
      for (let t = 0; t <= total; t += 100) {
        const gap = gaps.some((g) => t >= (g / 2000) * total && t < (g / 2000) * total + 700);
        samples.push(gap ? noPersonSample(t) : okSample(t, valueAt(0, segments, t)));
      }
      return samples;
    });

  it('continues exactly as if it had never stopped', () => {
    fc.assert(
      fc.property(samplesArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('hold', 'reps'), (samples, split, kind) => {
        const exercise = kind === 'hold' ? WALL : { ...SQUAT, enterDeg: 5, exitDeg: 15, minRepMs: 300 };
        const start = createCounter(exercise, { targetReps: 3 });
        const whole = run(start, samples);
        const k = Math.floor(split * samples.length);
        const first = run(start, samples.slice(0, k));
        const restored = JSON.parse(JSON.stringify(first.state)) as CounterState;
        const rest = run(restored, samples.slice(k));
        expect([...first.events, ...rest.events]).toEqual(whole.events);
        expect(rest.state).toEqual(whole.state);
        expect(stepCounter(restored, samples[k] ?? okSample(1e9, 0))).toEqual(stepCounter(first.state, samples[k] ?? okSample(1e9, 0)));
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
