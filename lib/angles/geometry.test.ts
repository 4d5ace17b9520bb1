import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elevationDeg, jointAngleDeg, leanBackDeg, type Facing } from './geometry';
import { pixel, type PixelPoint } from './units';

const EPSILON_DEG = 0.01;
/** Floating-point noise only: the same computation on the same numbers. */
const ROUNDING_DEG = 1e-9;
/** Shorter segments are too coarse for a one-pixel stability bound to mean anything. */
const MIN_SEGMENT_PX = 10;

const ORIGIN = pixel(500, 400);
/** A point `ahead` px in the facing direction and `up` px above `from` (image y points down). */
const at = (from: PixelPoint, ahead: number, up: number, facing: Facing = 1): PixelPoint => pixel(from[0] + ahead * facing, from[1] - up);

/** Difference of two angles on the circle, in [0, 180]. */
const angularDistance = (a: number, b: number): number => {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
};

const coordinate = fc.double({ min: -2000, max: 2000, noNaN: true, noDefaultInfinity: true });
const point = fc.tuple(coordinate, coordinate).map(([x, y]) => pixel(x, y));
const facing = fc.constantFrom<Facing>(1, -1);
/** A move of at most 1 px in any direction. */
const nudge = fc
  .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }))
  .map(([r, a]) => [r * Math.cos(a), r * Math.sin(a)] as const);
const moved = (p: PixelPoint, [dx, dy]: readonly [number, number]) => pixel(p[0] + dx, p[1] + dy);

/**
 * Each end moving by at most 1 px changes the segment vector by at most 2 px, which turns a
 * segment of length r by at most asin(2 / r).
 */
const turnBoundDeg = (r: number) => (Math.asin(2 / r) * 180) / Math.PI;

describe('elevationDeg (head-forward geometry)', () => {
  it('is atan2(up, ahead): ear 30 px ahead and 40 px above the shoulder is 53.13 deg', () => {
    expect(Math.abs(elevationDeg(ORIGIN, at(ORIGIN, 30, 40), 1) - 53.1301)).toBeLessThan(EPSILON_DEG);
  });

  it('gives the same angle facing left and facing right', () => {
    const right = elevationDeg(ORIGIN, at(ORIGIN, 30, 40, 1), 1);
    const left = elevationDeg(ORIGIN, at(ORIGIN, 30, 40, -1), -1);
    expect(Math.abs(left - right)).toBeLessThan(ROUNDING_DEG);
  });

  it('is 90 with the ear straight above, over 90 behind, 45 at equal ahead and up', () => {
    expect(Math.abs(elevationDeg(ORIGIN, at(ORIGIN, 0, 50), 1) - 90)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(elevationDeg(ORIGIN, at(ORIGIN, 0, 50, -1), -1) - 90)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(elevationDeg(ORIGIN, at(ORIGIN, -10, 40), 1) - 104.04)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(elevationDeg(ORIGIN, at(ORIGIN, 25, 25), 1) - 45)).toBeLessThan(EPSILON_DEG);
  });

  it('is 0 with the ear level and ahead, negative below', () => {
    expect(Math.abs(elevationDeg(ORIGIN, at(ORIGIN, 40, 0), 1))).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(elevationDeg(ORIGIN, at(ORIGIN, 40, -40), 1) + 45)).toBeLessThan(EPSILON_DEG);
  });
});

describe('leanBackDeg (trunk extension geometry)', () => {
  it('shoulder 20 px behind and 100 px above the hip is +11.31 deg', () => {
    expect(Math.abs(leanBackDeg(ORIGIN, at(ORIGIN, -20, 100), 1) - 11.3099)).toBeLessThan(EPSILON_DEG);
  });

  it('shoulder 20 px ahead is -11.31 deg, straight above is 0', () => {
    expect(Math.abs(leanBackDeg(ORIGIN, at(ORIGIN, 20, 100), 1) + 11.3099)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(leanBackDeg(ORIGIN, at(ORIGIN, 0, 100), 1))).toBeLessThan(EPSILON_DEG);
  });

  it('gives the same angle facing left and facing right', () => {
    for (const ahead of [-20, 0, 35]) {
      const right = leanBackDeg(ORIGIN, at(ORIGIN, ahead, 100, 1), 1);
      const left = leanBackDeg(ORIGIN, at(ORIGIN, ahead, 100, -1), -1);
      expect(Math.abs(left - right)).toBeLessThan(ROUNDING_DEG);
    }
  });

  it('is +180 (never -180) with the shoulder straight below the hip, whichever way the person faces', () => {
    const below = pixel(ORIGIN[0], ORIGIN[1] + 100);
    expect(leanBackDeg(ORIGIN, below, 1)).toBe(180);
    expect(leanBackDeg(ORIGIN, below, -1)).toBe(180);
  });

  it('flips sign with the facing for the same image points', () => {
    const shoulder = pixel(ORIGIN[0] + 20, ORIGIN[1] - 100);
    expect(Math.abs(leanBackDeg(ORIGIN, shoulder, 1) + leanBackDeg(ORIGIN, shoulder, -1))).toBeLessThan(ROUNDING_DEG);
  });
});

describe('jointAngleDeg', () => {
  it('is 90 for a right angle, 180 straight, 0 folded, 60 in an equilateral triangle', () => {
    expect(Math.abs(jointAngleDeg(pixel(0, 100), pixel(0, 0), pixel(100, 0)) - 90)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(jointAngleDeg(pixel(0, 100), pixel(0, 0), pixel(0, -50)) - 180)).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(jointAngleDeg(pixel(0, 100), pixel(0, 0), pixel(0, 30)))).toBeLessThan(EPSILON_DEG);
    expect(Math.abs(jointAngleDeg(pixel(0, 0), pixel(100, 0), pixel(50, 50 * Math.sqrt(3))) - 60)).toBeLessThan(EPSILON_DEG);
  });

  it('does not depend on the order of the two outer points', () => {
    const a = pixel(10, 200);
    const b = pixel(40, 100);
    const c = pixel(130, 80);
    expect(Math.abs(jointAngleDeg(a, b, c) - jointAngleDeg(c, b, a))).toBeLessThan(ROUNDING_DEG);
  });
});

describe('properties', () => {
  it('angles are finite and in (-180, 180] (joint angle in [0, 180])', () => {
    fc.assert(
      fc.property(point, point, point, facing, (a, b, c, f) => {
        const e = elevationDeg(a, b, f);
        const l = leanBackDeg(a, b, f);
        const j = jointAngleDeg(a, b, c);
        for (const v of [e, l]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThan(-180);
          expect(v).toBeLessThanOrEqual(180);
        }
        expect(Number.isFinite(j)).toBe(true);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThanOrEqual(180);
      }),
      { numRuns: 2000 },
    );
  });

  it('moving each end by at most 1 px turns the angle by at most asin(2 / length)', () => {
    fc.assert(
      fc.property(point, point, nudge, nudge, facing, (a, b, da, db, f) => {
        const r = Math.hypot(b[0] - a[0], b[1] - a[1]);
        fc.pre(r >= MIN_SEGMENT_PX);
        const bound = turnBoundDeg(r) + ROUNDING_DEG;
        const a2 = moved(a, da);
        const b2 = moved(b, db);
        expect(angularDistance(elevationDeg(a, b, f), elevationDeg(a2, b2, f))).toBeLessThanOrEqual(bound);
        expect(angularDistance(leanBackDeg(a, b, f), leanBackDeg(a2, b2, f))).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 2000 },
    );
  });
});
