import { describe, expect, it } from 'vitest';
import type { Pose } from '../pose/types';
import type { PostureMeasurement, Side, View } from './posture';
import { refusal, type RefusalCode } from './refusals';
import { compareSnapshots, HEAD_FORWARD_NOISE_DEG, movementRefusal, summarizeSnapshot, TRUNK_NOISE_DEG } from './snapshot';
import { median, robustSpread } from './stats';
import { bodyPose, LANDSCAPE, movePixels, PORTRAIT, type FrameSize } from './test-poses';
import { deg } from './units';

const EPSILON_DEG = 0.01;
const EPSILON_OFFSET = 1e-6;
/** 1.4826 x MAD equals the standard deviation of normally distributed values. */
const MAD_TO_SD = 1.4826;

interface FrameSpec {
  readonly head?: number | RefusalCode;
  readonly trunk?: number | RefusalCode;
  readonly offset?: number;
  readonly view?: View;
  readonly side?: Side;
}

/** One frame's measurement: a number is measured, a code is refused. */
function frame({ head = 50, trunk = 5, offset = 0.2, view = 'side', side = 'right' }: FrameSpec = {}, timestampMs = 0): PostureMeasurement {
  const headRefusal = typeof head === 'number' ? null : refusal(head);
  const trunkRefusal = typeof trunk === 'number' ? null : refusal(trunk);
  return {
    timestampMs,
    view: { view, confidence: 1, yawDeg: deg(view === 'side' ? 90 : 0) },
    side,
    facing: side === 'right' ? 1 : -1,
    headForwardDeg: headRefusal ? null : deg(head as number),
    headForwardOffset: headRefusal || trunkRefusal ? null : offset,
    trunkExtensionDeg: trunkRefusal ? null : deg(trunk as number),
    refusals: { headForward: headRefusal, trunkExtension: trunkRefusal },
    sideViewHeld: view === 'side',
    points: { ear: null, shoulder: null, hip: null },
  };
}

const frames = (specs: readonly FrameSpec[]) => specs.map((s, i) => frame(s, i * 100));
const noPerson = (): FrameSpec => ({ head: 'no-person', trunk: 'no-person' });

describe('summarizeSnapshot', () => {
  it('takes medians and robust spreads, ignoring an outlying frame', () => {
    const s = summarizeSnapshot(
      frames([
        { head: 50, trunk: 5, offset: 0.1 },
        { head: 52, trunk: 6, offset: 0.2 },
        { head: 54, trunk: 7, offset: 0.3 },
        { head: 90, trunk: 8, offset: 0.2 },
        { head: 51, trunk: 30, offset: 0.2 },
      ]),
    );
    expect(s.frames).toBe(5);
    expect(Math.abs(s.headForwardDeg! - 52)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(s.trunkExtensionDeg! - 7)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(s.headForwardOffset! - 0.2)).toBeLessThan(EPSILON_OFFSET);
    // |deviations| from 52: 2, 0, 2, 38, 1 -> median 2; from 7: 2, 1, 0, 1, 23 -> median 1.
    expect(Math.abs(s.headForwardSpreadDeg! - 2 * MAD_TO_SD)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(s.trunkExtensionSpreadDeg! - 1 * MAD_TO_SD)).toBeLessThan(EPSILON_DEG);
    expect(s.spreadDeg).toBe(s.headForwardSpreadDeg);
    expect(s.refused).toBeNull();
    expect(s.refusals).toEqual({ headForward: null, trunkExtension: null });
    expect([s.view, s.side]).toEqual(['side', 'right']);
  });

  it('refuses with the most common reason when fewer than half the frames measure', () => {
    const s = summarizeSnapshot(
      frames([
        { head: 'ears-not-visible', view: 'oblique' },
        { head: 'not-side-view', view: 'oblique' },
        { head: 'not-side-view', view: 'oblique' },
        { head: 'not-side-view', view: 'oblique' },
        { head: 'not-side-view', view: 'oblique' },
        { head: 'ears-not-visible', view: 'oblique' },
        { head: 48 },
        { head: 49 },
        { head: 50 },
        { head: 51 },
      ]),
    );
    expect(s.headForwardDeg).toBeNull();
    expect(s.headForwardSpreadDeg).toBeNull();
    expect(s.headForwardOffset).toBeNull();
    expect(s.refusals.headForward).toEqual(refusal('not-side-view'));
    expect(s.refused).toEqual(refusal('not-side-view'));
    // The trunk was measured in every frame and still stands.
    expect(s.refusals.trunkExtension).toBeNull();
    expect(Math.abs(s.trunkExtensionDeg! - 5)).toBeLessThan(EPSILON_DEG);
    expect(s.spreadDeg).toBe(s.trunkExtensionSpreadDeg);
    expect(s.view).toBe('oblique');
  });

  it('measures when exactly half the frames measure', () => {
    const s = summarizeSnapshot(frames([{ trunk: 'hips-not-visible' }, { trunk: 'hips-not-visible' }, { trunk: 4 }, { trunk: 6 }]));
    expect(Math.abs(s.trunkExtensionDeg! - 5)).toBeLessThan(EPSILON_DEG);
    expect(s.refusals.trunkExtension).toBeNull();
  });

  it('keeps the full refusal, message included, and reports the head-forward reason first', () => {
    const s = summarizeSnapshot(frames([{ head: 'not-side-view', trunk: 'hips-not-visible' }, { head: 'not-side-view', trunk: 'hips-not-visible' }]));
    expect(s.refusals.trunkExtension?.code).toBe('hips-not-visible');
    expect(s.refusals.trunkExtension?.message).toMatch(/hips/i);
    expect(s.refused?.code).toBe('not-side-view');
    expect(s.spreadDeg).toBeNull();
  });

  it('with nobody in any frame: no-person, default view and side', () => {
    const s = summarizeSnapshot(frames([noPerson(), noPerson(), noPerson()]));
    expect(s.refused?.code).toBe('no-person');
    expect(s.refusals.trunkExtension?.code).toBe('no-person');
    expect([s.view, s.side]).toEqual(['front', 'left']);
    expect([s.headForwardDeg, s.trunkExtensionDeg, s.spreadDeg]).toEqual([null, null, null]);
  });

  it('with no frames at all: no-person', () => {
    expect(summarizeSnapshot([]).refused?.code).toBe('no-person');
  });

  it('takes view and side from the frames with a person', () => {
    const s = summarizeSnapshot(frames([noPerson(), noPerson(), noPerson(), { side: 'right' }, { side: 'right' }, { side: 'left', view: 'oblique' }]));
    expect([s.view, s.side]).toEqual(['side', 'right']);
    expect(Math.abs(s.headForwardDeg! - 50)).toBeLessThan(EPSILON_DEG);
  });

  it('a movement refusal overrides both angles', () => {
    const s = summarizeSnapshot(frames([{}, {}, {}]), refusal('moving'));
    expect(s.refusals).toEqual({ headForward: refusal('moving'), trunkExtension: refusal('moving') });
    expect(s.refused?.code).toBe('moving');
    expect([s.headForwardDeg, s.headForwardOffset, s.trunkExtensionDeg, s.spreadDeg]).toEqual([null, null, null, null]);
    expect(s.view).toBe('side');
  });
});

describe('movementRefusal', () => {
  // UPRIGHT's trunk is 200 px, so MAX_TRAVEL_FRACTION (0.12) allows 24 px of travel.
  const trace = (frame: FrameSize, xs: readonly number[], ys: readonly number[] = xs.map(() => 0)): Pose[] =>
    xs.map((dx, i) => bodyPose({ frame, anchor: [360 + dx, 450 + ys[i]], timestampMs: i * 200 }));

  it.each([LANDSCAPE, PORTRAIT])('a still trace with 2 px jitter passes (%o)', (frame: FrameSize) => {
    expect(movementRefusal(trace(frame, [0, 1, -1, 2, 0, -2, 1], [1, 0, -1, 0, 2, -1, 0]))).toBeNull();
  });

  it.each([LANDSCAPE, PORTRAIT])('the same pixel travel gives the same answer in either frame shape (%o)', (frame: FrameSize) => {
    expect(movementRefusal(trace(frame, [0, 5, 10, 15, 20]))).toBeNull();
    expect(movementRefusal(trace(frame, [0, 7, 14, 21, 28]))?.code).toBe('moving');
    expect(movementRefusal(trace(frame, [0, 0, 0, 0], [0, -10, -20, -28]))?.code).toBe('moving');
  });

  it('a head turn alone (one ear moving) counts as moving', () => {
    const still = trace(LANDSCAPE, [0, 0, 0, 0]);
    const poses = still.map((p, i) => movePixels(p, 'right_ear', i * 10, 0));
    expect(movementRefusal(poses)).toEqual(refusal('moving'));
  });

  it('frames without a person are skipped; under two poses cannot move', () => {
    expect(movementRefusal([])).toBeNull();
    expect(movementRefusal([null, bodyPose(), null])).toBeNull();
    expect(movementRefusal([bodyPose(), null, bodyPose({ anchor: [362, 451] })])).toBeNull();
    expect(movementRefusal([bodyPose(), null, bodyPose({ anchor: [400, 450] })])?.code).toBe('moving');
  });

  it('scales with the size of the person: 30 px is moving for a 200 px trunk, not for a 300 px one', () => {
    const tall = { shoulder: [0, 300], ear: [30, 340], nose: [70, 340], eye: [60, 350], mouth: [65, 325] } as const;
    const poses = (body: typeof tall | undefined) => [0, 30].map((dx) => bodyPose({ frame: PORTRAIT, anchor: [360 + dx, 800], body }));
    expect(movementRefusal(poses(undefined))?.code).toBe('moving');
    expect(movementRefusal(poses(tall))).toBeNull();
  });
});

describe('compareSnapshots', () => {
  const snap = (head: number | null, trunk: number | null, headSpread: number | null = 0, trunkSpread: number | null = 0) => ({
    headForwardDeg: head,
    trunkExtensionDeg: trunk,
    headForwardSpreadDeg: headSpread,
    trunkExtensionSpreadDeg: trunkSpread,
  });

  it('reports current minus earlier', () => {
    const c = compareSnapshots(snap(55, 12), snap(50, 4));
    expect(Math.abs(c.headForward!.deltaDeg - 5)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(c.trunkExtension!.deltaDeg - 8)).toBeLessThan(EPSILON_DEG);
    expect(c.headForward!.withinNoise).toBe(false);
    expect(c.trunkExtension!.withinNoise).toBe(false);
    expect(compareSnapshots(snap(45, 0), snap(50, 4)).headForward!.deltaDeg).toBeCloseTo(-5, 9);
  });

  it('uses the published floors when the frames are steady: 3.5 deg head-forward, 3 deg trunk', () => {
    expect(HEAD_FORWARD_NOISE_DEG).toBe(3.5);
    expect(TRUNK_NOISE_DEG).toBe(3);
    const small = compareSnapshots(snap(53.4, 7.9), snap(50, 5));
    expect(small.headForward).toMatchObject({ noiseDeg: 3.5, withinNoise: true });
    expect(small.trunkExtension).toMatchObject({ noiseDeg: 3, withinNoise: true });
    const large = compareSnapshots(snap(46.4, 1.9), snap(50, 5));
    expect(large.headForward!.withinNoise).toBe(false);
    expect(large.trunkExtension!.withinNoise).toBe(false);
  });

  it('widens the noise to the combined frame spreads when they are larger', () => {
    // hypot(3, 4) = 5 > 3.
    const c = compareSnapshots(snap(50, 9.5, 0, 3), snap(50, 5, 0, 4));
    expect(Math.abs(c.trunkExtension!.noiseDeg - 5)).toBeLessThan(EPSILON_DEG);
    expect(c.trunkExtension!.withinNoise).toBe(true);
    expect(compareSnapshots(snap(50, 10.1, 0, 3), snap(50, 5, 0, 4)).trunkExtension!.withinNoise).toBe(false);
    // A missing spread counts as none.
    expect(compareSnapshots(snap(50, 5, null, null), snap(50, 5)).trunkExtension!.noiseDeg).toBe(3);
  });

  it('has nothing to compare when either angle is missing', () => {
    const c = compareSnapshots(snap(null, 5), snap(50, null));
    expect(c).toEqual({ headForward: null, trunkExtension: null });
  });

  it('compares summarizeSnapshot results directly', () => {
    const before = summarizeSnapshot(frames([{ head: 45, trunk: 4 }, { head: 46, trunk: 5 }, { head: 47, trunk: 6 }]));
    const after = summarizeSnapshot(frames([{ head: 51, trunk: 5 }, { head: 52, trunk: 6 }, { head: 53, trunk: 7 }]));
    const c = compareSnapshots(after, before);
    expect(Math.abs(c.headForward!.deltaDeg - 6)).toBeLessThan(EPSILON_DEG);
    expect(c.headForward!.withinNoise).toBe(false);
    expect(Math.abs(c.trunkExtension!.deltaDeg - 1)).toBeLessThan(EPSILON_DEG);
    expect(c.trunkExtension!.withinNoise).toBe(true);
  });
});

describe('stats used by the snapshot', () => {
  it('median of odd and even lists; robust spread of a constant is 0', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
    expect(robustSpread([5, 5, 5, 5])).toBe(0);
    expect(robustSpread([5])).toBe(0);
  });
});
