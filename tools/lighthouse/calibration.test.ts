import { describe, expect, it } from 'vitest';
import { cpuMultiplierFor, roundMultiplier } from './calibration';

describe('cpuMultiplierFor (Lighthouse CPU throttling calculator)', () => {
  it('gives the calculator table at its points', () => {
    expect(cpuMultiplierFor(2000)).toBeCloseTo(6, 2);
    expect(cpuMultiplierFor(1766)).toBeCloseTo(5, 2);
    expect(cpuMultiplierFor(1533)).toBeCloseTo(4, 2);
    expect(cpuMultiplierFor(1300)).toBe(3);
    expect(cpuMultiplierFor(800)).toBe(2);
    expect(cpuMultiplierFor(150)).toBe(1);
  });

  it('is linear between the points and continuous at the joins', () => {
    expect(cpuMultiplierFor(1050)).toBeCloseTo(2.5, 6);
    expect(cpuMultiplierFor(475)).toBeCloseTo(1.5, 6);
    expect(cpuMultiplierFor(1299.999)).toBeCloseTo(3, 3);
    expect(cpuMultiplierFor(799.999)).toBeCloseTo(2, 3);
    expect(cpuMultiplierFor(2233)).toBeCloseTo(7, 2);
  });

  it('never goes below 1x (a machine slower than the phone) and survives junk', () => {
    expect(cpuMultiplierFor(100)).toBe(1);
    expect(cpuMultiplierFor(Number.NaN)).toBe(1);
    expect(roundMultiplier(cpuMultiplierFor(1000))).toBe(2.4);
  });
});
