// The range check's geometry (lib/angles/range.ts) on the exact joint positions of the rendered
// figure (../shared/fixtures/synthetic/truth.json): where the points are right, the angles must
// be too. Necessary, not sufficient: the models' landmarks on these renders, and on real bodies,
// are the harder checks (issue 19).
import { describe, expect, it } from 'vitest';
import { shoulderFlexion, trunkRotation } from '../../lib/angles/range';
import { midpoint, pixel, type PixelPoint } from '../../lib/angles/units';
import { readJson } from './fixtures';

interface Still {
  readonly scenario: string;
  readonly angles: {
    readonly trunkRotationDeg: number;
    readonly trunkExtensionDeg: number;
    readonly shoulderFlexionDeg: { readonly left: number; readonly right: number };
    readonly armElevationFromVerticalDeg: { readonly left: number; readonly right: number };
  };
  readonly joints2dPx: Readonly<Record<string, readonly [number, number]>>;
  readonly joints3dWorldM: Readonly<Record<string, readonly [number, number, number]>>;
}

const truth = readJson<{ stills: Record<string, Still> }>('synthetic/truth.json');
const stills = Object.entries(truth.stills);
const p = (s: Still, name: string): PixelPoint => pixel(s.joints2dPx[name][0], s.joints2dPx[name][1]);

describe('shoulder flexion from a side view, on exact joint positions', () => {
  const flex = stills.filter(([, s]) => s.scenario === 'flexion');
  it('has the renders to check', () => expect(flex.length).toBe(18));

  it.each(flex)('%s: the arm against the trunk line, not against the vertical', (_name, s) => {
    const facing = p(s, 'nose')[0] > midpoint(p(s, 'l_ear'), p(s, 'r_ear'))[0] ? 1 : -1;
    for (const side of ['left', 'right'] as const) {
      const at = (joint: string) => p(s, `${side[0]}_${joint}`);
      const r = shoulderFlexion(at('shoulder'), at('elbow'), at('hip'), facing);
      expect(Math.abs(r.flexionDeg - s.angles.shoulderFlexionDeg[side])).toBeLessThan(1.5);
      expect(Math.abs(r.armFromVerticalDeg - s.angles.armElevationFromVerticalDeg[side])).toBeLessThan(1.5);
      expect(Math.abs(r.trunkLeanDeg - s.angles.trunkExtensionDeg)).toBeLessThan(1.5);
    }
  });

  it('an arched 150° reach reads 150°, although the arm is 170° from the vertical', () => {
    const s = truth.stills['flex_A-near_sf150_ext20.png'];
    const facing = p(s, 'nose')[0] > midpoint(p(s, 'l_ear'), p(s, 'r_ear'))[0] ? 1 : -1;
    const r = shoulderFlexion(p(s, 'r_shoulder'), p(s, 'r_elbow'), p(s, 'r_hip'), facing);
    expect(Math.round(r.flexionDeg)).toBeGreaterThanOrEqual(148);
    expect(Math.round(r.flexionDeg)).toBeLessThanOrEqual(152);
    expect(r.armFromVerticalDeg).toBeGreaterThan(165);
  });
});

describe('seated trunk rotation from shoulder width, on exact joint positions', () => {
  const rot = stills.filter(([, s]) => s.scenario === 'rotation');
  const neutral = truth.stills['rot_A-near_00.png'];
  const neutralWidth = Math.hypot(p(neutral, 'l_shoulder')[0] - p(neutral, 'r_shoulder')[0], p(neutral, 'l_shoulder')[1] - p(neutral, 'r_shoulder')[1]);
  it('has the renders to check', () => expect(rot.length).toBe(9));

  it.each(rot)('%s: degrees and side', (_name, s) => {
    // World z points at the camera: the farther shoulder has the smaller z.
    const leftDeeperBy = s.joints3dWorldM.r_shoulder[2] - s.joints3dWorldM.l_shoulder[2];
    const r = trunkRotation(p(s, 'l_shoulder'), p(s, 'r_shoulder'), neutralWidth, leftDeeperBy);
    expect(r).not.toBeNull();
    expect(Math.abs(r!.rotationDeg - s.angles.trunkRotationDeg)).toBeLessThan(3);
  });

  it('gives nothing without a neutral width', () => {
    expect(trunkRotation(pixel(0, 0), pixel(10, 0), 0, 1)).toBeNull();
  });
});
