import { describe, expect, it } from 'vitest';
import { measurePosture } from '../angles/posture';
import { bodyPose, PORTRAIT, type BodyOptions } from '../angles/test-poses';
import { getExercise } from './catalogue';
import { resolveLandmark, sampleFromPose } from './signal';
import type { Exercise } from './types';

const EPSILON_DEG = 1e-6;
const SQUAT = getExercise('squat')!;
const WALL = getExercise('wall-extension-hold')!;
/** Cat-cow's head signal, without its all-fours position (these poses stand). */
const CAT_COW = { ...getExercise('cat-cow')!, position: undefined };
/** Knee bent to a right angle: hip 100 px above the knee, ankle 100 px ahead of it. */
const RIGHT_ANGLE_KNEE: BodyOptions['body'] = { knee: [0, -100], ankle: [100, -100], heel: [85, -110], foot: [135, -110] };

const sample = (exercise: Exercise, options: BodyOptions = {}) => sampleFromPose(exercise, bodyPose(options), 1234);

describe('sampleFromPose', () => {
  it('nobody: no-person, no value', () => {
    expect(sampleFromPose(SQUAT, null, 5)).toEqual({ timestampMs: 5, valueDeg: null, status: 'no-person', peopleCount: 0, headForwardDeg: null, reason: 'no-person' });
  });

  it('joint angle at the middle landmark, in pixels, on the near side', () => {
    for (const frame of [undefined, PORTRAIT]) {
      const s = sample(SQUAT, { body: RIGHT_ANGLE_KNEE, frame, anchor: frame ? [300, 600] : undefined });
      expect(s.status).toBe('ok');
      expect(s.timestampMs).toBe(1234);
      expect(Math.abs(s.valueDeg! - 90)).toBeLessThan(EPSILON_DEG);
    }
  });

  it('"near_" follows the side facing the camera', () => {
    // The far ankle is moved so that only the near side reads 90 deg.
    const right = sample(SQUAT, { facing: 1, body: RIGHT_ANGLE_KNEE, pixelOf: { left_ankle: [200, 650] } });
    const left = sample(SQUAT, { facing: -1, anchor: [900, 450], body: RIGHT_ANGLE_KNEE, pixelOf: { right_ankle: [1000, 650] } });
    expect(Math.abs(right.valueDeg! - 90)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(left.valueDeg! - 90)).toBeLessThan(EPSILON_DEG);
    expect(resolveLandmark('near_knee', 'left')).toBe('left_knee');
    expect(resolveLandmark('right_knee', 'left')).toBe('right_knee');
  });

  it('low visibility when a needed landmark is not seen or is outside the picture', () => {
    const hidden = sample(SQUAT, { visibilityOf: { right_knee: 0.4 } });
    expect([hidden.status, hidden.valueDeg, hidden.reason]).toEqual(['low-visibility', null, 'parts-not-visible']);
    const cut = sample(SQUAT, { pixelOf: { right_ankle: [360, 730] } });
    expect([cut.status, cut.valueDeg, cut.reason]).toEqual(['low-visibility', null, 'cut-off']);
    // The far side's landmarks do not matter.
    expect(sample(SQUAT, { visibilityOf: { left_knee: 0.1 } }).status).toBe('ok');
  });

  it('trunk extension and head-forward come from measurePosture, with the head-forward angle alongside', () => {
    // A made-up short trunk; a faint nose leaves the body-proportion check out (quality.test.ts).
    const options: BodyOptions = { body: { shoulder: [-20, 100], ear: [10, 140], nose: [50, 140] }, visibilityOf: { nose: 0.3 } };
    const posture = measurePosture(bodyPose(options), 0);
    const trunk = sample(WALL, options);
    expect(trunk.status).toBe('ok');
    expect(trunk.valueDeg).toBe(posture.trunkExtensionDeg);
    expect(trunk.headForwardDeg).toBe(posture.headForwardDeg);
    expect(Math.abs(trunk.valueDeg! - 11.3099)).toBeLessThan(0.001);
    const head = sample(CAT_COW, options);
    expect(head.valueDeg).toBe(posture.headForwardDeg);
    expect(sample(SQUAT, options).headForwardDeg).toBe(posture.headForwardDeg);
  });

  it('says why the posture signals are missing', () => {
    const noHips = sample(WALL, { visibilityOf: { right_hip: 0.2 } });
    expect([noHips.status, noHips.reason]).toEqual(['low-visibility', 'hips-not-visible']);
    const front = sample(CAT_COW, { worldYawDeg: 0 });
    expect([front.status, front.reason, front.headForwardDeg]).toEqual(['low-visibility', 'not-side-view', null]);
  });

  it('several people in view do not refuse the main person, and are reported', () => {
    const s = sample(WALL, { peopleCount: 2 });
    expect(s.status).toBe('ok');
    expect(s.peopleCount).toBe(2);
    expect(sample(SQUAT, { peopleCount: 3 }).status).toBe('ok');
  });
});

describe('position and signed angles', () => {
  it('a frame where the body is not in the exercise position gives no value, and says so', () => {
    const standing = sample(getExercise('cat-cow')!, {});
    expect([standing.status, standing.valueDeg, standing.reason]).toEqual(['out-of-position', null, 'wrong-position']);
    expect(sample(SQUAT, {}).status).toBe('ok');
  });

  it('a signed angle reads past 180 when the middle point moves to its side of the line', () => {
    const bridge = { ...SQUAT, id: 'hips', position: undefined, signal: { type: 'joint-angle', landmarks: ['near_shoulder', 'near_hip', 'near_ankle'], signed: 'up' } } as const;
    // Standing straight: about 180 either way.
    const straight = sample(bridge, {});
    expect(Math.abs(straight.valueDeg! - 180)).toBeLessThan(10);
    // Hips pushed forward (towards where the person faces) read past 180 for "front", below for "back".
    const hipsForward = { pixelOf: { right_hip: [400, 450] as const } };
    const front = sample({ ...bridge, signal: { ...bridge.signal, signed: 'front' } }, hipsForward).valueDeg!;
    const back = sample({ ...bridge, signal: { ...bridge.signal, signed: 'back' } }, hipsForward).valueDeg!;
    expect(front).toBeGreaterThan(190);
    expect(back).toBeLessThan(170);
    expect(front + back).toBeCloseTo(360, 6);
  });
});
