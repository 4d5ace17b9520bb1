import { describe, expect, it } from 'vitest';
import { refusal } from '../angles/refusals';
import { compareResults, compareSides, interpretMeasure, summarizeMeasure } from './results';
import { endTrials, measuresWanted, startTrials, stepTrials, type TrialEvent, type TrialsState } from './trials';
import type { RangeReading, RangeTestId } from './types';

const FRAME_MS = 66; // 15 fps, the slowest the app accepts

/** Readings along a path of (value or refusal) per frame. */
function run(test: RangeTestId, values: readonly (number | RangeReading['refusal'] | { v: number; hips?: number | null; lean?: number })[]) {
  let state: TrialsState = startTrials(test);
  const events: TrialEvent[] = [];
  values.forEach((v, i) => {
    const timestampMs = i * FRAME_MS;
    const reading: RangeReading =
      typeof v === 'number'
        ? { timestampMs, valueDeg: v, refusal: null, hipsTurnDeg: 0 }
        : v && 'v' in v
          ? { timestampMs, valueDeg: v.v, refusal: null, hipsTurnDeg: v.hips === undefined ? 0 : v.hips, trunkLeanDeg: v.lean ?? null }
          : { timestampMs, valueDeg: null, refusal: v as RangeReading['refusal'] };
    const step = stepTrials(state, reading);
    state = step.state;
    events.push(...step.events);
  });
  const end = endTrials(state, values.length * FRAME_MS);
  return { state: end.state, events: [...events, ...end.events] };
}

/** Out to `peak` and back over `frames` frames (a smooth arc), from and to `rest`. */
const arc = (peak: number, frames = 20, rest = 0) => Array.from({ length: frames }, (_, i) => rest + (peak - rest) * Math.sin((Math.PI * i) / (frames - 1)));
const still = (v: number, frames: number) => Array.from({ length: frames }, () => v);

describe('movement trials', () => {
  it('counts three arches at their peaks and says done', () => {
    const { state, events } = run('standing-extension', [...still(0, 5), ...arc(10), ...still(0, 5), ...arc(12), ...still(0, 5), ...arc(8), ...still(0, 5)]);
    const trials = events.flatMap((e) => (e.type === 'trial' ? [e.trial.valueDeg] : []));
    expect(trials.map(Math.round)).toEqual([10, 12, 8]);
    expect(events.at(-1)).toEqual({ type: 'done' });
    expect(state.done).toBe(true);
  });

  it('a single stray frame is not a trial, and does not raise a peak', () => {
    const { events } = run('standing-extension', [...still(0, 5), 25, ...still(0, 10), ...arc(10), ...still(0, 3)]);
    const trials = events.filter((e) => e.type === 'trial');
    // The stray frame alone is refused (too few frames), the arc counts at its own peak.
    expect(trials).toHaveLength(1);
    expect(Math.round((trials[0] as Extract<TrialEvent, { type: 'trial' }>).trial.valueDeg)).toBe(10);
  });

  it('a movement the gate refused for most of its frames is refused with the gate reason', () => {
    const side = refusal('not-side-view');
    const path = arc(15).map((v, i) => (i % 3 === 0 ? v : side));
    const { events } = run('standing-extension', [...still(0, 3), ...path, ...still(0, 3)]);
    const refused = events.filter((e) => e.type === 'refused');
    expect(refused).toHaveLength(1);
    expect((refused[0] as Extract<TrialEvent, { type: 'refused' }>).refused.refusal.code).toBe('not-side-view');
    expect(events.some((e) => e.type === 'trial')).toBe(false);
  });

  it('a person who leaves mid-movement ends it after LOST_MS, refused', () => {
    const { events } = run('overhead-reach', [...still(10, 3), ...arc(160, 10, 10).slice(0, 6), ...Array.from({ length: 40 }, () => refusal('no-person'))]);
    const refused = events.filter((e) => e.type === 'refused') as Extract<TrialEvent, { type: 'refused' }>[];
    expect(refused).toHaveLength(1);
    expect(refused[0].refused.refusal.code).toBe('no-person');
  });

  it('reach keeps the lean it subtracted (its change since the raise began), for the record', () => {
    // Upright as the arms rise, arching back 20° over the top of the raise.
    const path = arc(150, 20, 10).map((v) => ({ v, lean: 3 + (v > 100 ? (v - 100) / 2.5 : 0) }));
    const { events } = run('overhead-reach', [...still(10, 3), ...path, ...still(10, 3)]);
    const trial = (events.find((e) => e.type === 'trial') as Extract<TrialEvent, { type: 'trial' }>).trial;
    expect(trial.valueDeg).toBeCloseTo(150, 0);
    expect(trial.trunkLeanDeg).toBeCloseTo(20, 0);
  });

  it('one noisy frame at rest just before a raise does not move its lean: the rest is the median of the last frames', () => {
    // Upright throughout (lean 3°); a slow camera catches the arms at the sides, then already up.
    // The last frame at rest reads 9° (a model's wobble).
    const rest = [...still(0, 4).map((v) => ({ v, lean: 3 })), { v: 0, lean: 9 }];
    const raise = [70, 120, 150, 150, 120, 70, 20, 0, 0, 0].map((v) => ({ v, lean: 3 }));
    const { events } = run('overhead-reach', [...rest, ...raise]);
    const trial = (events.find((e) => e.type === 'trial') as Extract<TrialEvent, { type: 'trial' }>).trial;
    expect(trial.valueDeg).toBe(150);
    expect(trial.trunkLeanDeg).toBeCloseTo(0, 5);
  });
});

describe('rotation trials', () => {
  it('sorts turns by side and needs three each', () => {
    const left = arc(45);
    const right = arc(-38);
    const { state, events } = run('rotation', [...still(0, 3), ...left, ...right, ...left, ...right, ...left]);
    const trials = events.flatMap((e) => (e.type === 'trial' ? [e.trial] : []));
    expect(trials.map((t) => t.measure)).toEqual(['rotation-left', 'rotation-right', 'rotation-left', 'rotation-right', 'rotation-left']);
    expect(trials.filter((t) => t.measure === 'rotation-right').map((t) => Math.round(t.valueDeg))).toEqual([38, 38]);
    expect(state.done).toBe(false);
    expect(measuresWanted(state)).toEqual(['rotation-right']);
  });

  it('straight from one side to the other: two trials', () => {
    const path = [...still(0, 3), ...arc(40, 10).slice(0, 5), 40, 30, 15, -5, -20, -35, -42, -42, -30, -15, 0, 0];
    const { events } = run('rotation', path);
    const trials = events.flatMap((e) => (e.type === 'trial' ? [e.trial] : []));
    expect(trials.map((t) => t.measure)).toEqual(['rotation-left', 'rotation-right']);
    expect(Math.round(trials[1].valueDeg)).toBe(42);
  });

  it('a return that stops short ends the trial, and the next starts only after coming back under the start line', () => {
    // Back to 15° (under 40 % of the peak, over the 10° start line), then out again: not a second trial until rest.
    const path = [...still(0, 3), ...arc(45, 12).slice(0, 6), 45, 40, 30, 15, 15, 14, 25, 35, 30, 20, 5, 0, 0];
    const { events } = run('rotation', path);
    expect(events.filter((e) => e.type === 'trial')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'refused')).toHaveLength(0);
  });

  it('a turn whose knees were not seen near its peak is refused: the hips could not be checked', () => {
    const path = arc(45).map((v) => ({ v, hips: v > 30 ? null : 0 }));
    const { events } = run('rotation', [...still(0, 3), ...path, ...still(0, 3)]);
    expect(events.filter((e) => e.type === 'trial')).toHaveLength(0);
    const refused = events.find((e) => e.type === 'refused') as Extract<TrialEvent, { type: 'refused' }>;
    expect(refused.refused.refusal.code).toBe('parts-not-visible');
    expect(refused.refused.refusal.message).toContain('knee');
  });

  it('a turn with the hips turning more than 10° is refused, and says so', () => {
    const path = arc(50).map((v) => ({ v, hips: v / 3 }));
    const { events } = run('rotation', [...still(0, 3), ...path, ...still(0, 3)]);
    expect(events.filter((e) => e.type === 'trial')).toHaveLength(0);
    const refused = events.find((e) => e.type === 'refused') as Extract<TrialEvent, { type: 'refused' }>;
    expect(refused.refused.refusal.code).toBe('hips-turned');
    expect(refused.refused.measure).toBe('rotation-left');
  });

  it('small hip sway under 10° does not void the trial', () => {
    const path = arc(50).map((v) => ({ v, hips: v / 8 }));
    const { events } = run('rotation', [...still(0, 3), ...path, ...still(0, 3)]);
    expect(events.filter((e) => e.type === 'trial')).toHaveLength(1);
  });
});

describe('still readings (head position)', () => {
  it('takes a reading per second of agreeing frames, with a pause between', () => {
    const { state, events } = run('head-position', [...still(48, 25), ...still(50, 25), ...still(49, 25)]);
    const trials = events.flatMap((e) => (e.type === 'trial' ? [e.trial.valueDeg] : []));
    expect(trials).toHaveLength(3);
    expect(state.done).toBe(true);
  });

  it('a moving head gives no reading; a refused frame mid-reading is refused with its reason', () => {
    const wobble = Array.from({ length: 30 }, (_, i) => 45 + (i % 2 ? 8 : 0));
    expect(run('head-position', wobble).events).toHaveLength(0);
    const { events } = run('head-position', [...still(48, 5), refusal('ears-not-visible'), ...still(48, 3)]);
    const refused = events.find((e) => e.type === 'refused') as Extract<TrialEvent, { type: 'refused' }>;
    expect(refused.refused.refusal.code).toBe('ears-not-visible');
  });
});

describe('results', () => {
  it('median of the trials with half their range as ±, none until three', () => {
    const trials = [41, 47, 44].map((valueDeg, i) => ({ measure: 'rotation-left' as const, valueDeg, startMs: i, endMs: i + 1 }));
    expect(summarizeMeasure('rotation-left', trials.slice(0, 2), [])).toMatchObject({ medianDeg: null, spreadDeg: null, trialsDeg: [41, 47] });
    const r = summarizeMeasure('rotation-left', trials, [{ measure: 'rotation-left', atMs: 0, refusal: refusal('hips-turned') }, { measure: 'rotation-right', atMs: 0, refusal: refusal('hips-turned') }]);
    expect(r).toMatchObject({ medianDeg: 44, spreadDeg: 3 });
    expect(r.refusals).toEqual([expect.objectContaining({ code: 'hips-turned', count: 1 })]);
  });

  it('says a left-right difference beyond the error as such', () => {
    expect(compareSides(44, 41)?.beyondError).toBe(false);
    const c = compareSides(32, 45)!;
    expect(c.beyondError).toBe(true);
    expect(c.text).toContain('13° less to the left');
  });

  it('places results against the published figures', () => {
    expect(interpretMeasure('rotation-left', 35)).toContain('below the 40-50°');
    expect(interpretMeasure('rotation-right', 45)).toContain('within the 40-50°');
    expect(interpretMeasure('rotation-right', 55)).toContain('unrestricted');
    expect(interpretMeasure('reach', 150)).toContain('about 160°');
    expect(interpretMeasure('extension', 9)).toContain('within the 9 ± 4°');
  });

  it('a change smaller than the error is within noise', () => {
    const at = (m: number, s: number) => ({ measure: 'rotation-left' as const, trialsDeg: [], medianDeg: m, spreadDeg: s, refusals: [] });
    expect(compareResults(at(44, 1), at(41, 1))?.withinNoise).toBe(true);
    expect(compareResults(at(50, 1), at(41, 1))?.withinNoise).toBe(false);
    expect(compareResults(at(50, 7), at(41, 7))?.withinNoise).toBe(true);
    // Read by two engines: the method's error, not the measure's repeatability, is the line.
    expect(compareResults(at(50, 1), at(41, 1), { sameEngine: false })?.withinNoise).toBe(true);
    expect(compareResults(at(52, 1), at(41, 1), { sameEngine: false })?.withinNoise).toBe(false);
  });
});
