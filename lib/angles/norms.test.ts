import { describe, expect, it } from 'vitest';
import { formatDeg, formatDeltaDeg } from './format';
import {
  HEAD_FORWARD_NECK_PAIN_DEG,
  HEAD_FORWARD_PROXY_CAVEAT,
  HEAD_FORWARD_TYPICAL_DEG,
  HEAD_FORWARD_ZONES,
  headForwardZone,
  interpretHeadForward,
  interpretTrunkExtension,
} from './norms';

describe('head-forward norms: one source for the snapshot and the charts', () => {
  it.each([
    [66.7, 'upright'],
    [50, 'upright'],
    [49.9, 'slightly-forward'],
    [44, 'slightly-forward'],
    [43.9, 'forward'],
    [30, 'forward'],
  ] as const)('%d deg is %s, in words and in the chart zone alike', (angle, band) => {
    const r = interpretHeadForward(angle);
    expect(r.band).toBe(band);
    expect(headForwardZone(angle).band).toBe(band);
    expect(r.text.length).toBeGreaterThan(40);
  });

  it('zones cover every angle once, with no gaps, and name the published values', () => {
    for (let a = 0; a <= 90; a += 0.25) {
      const containing = HEAD_FORWARD_ZONES.filter((z) => (z.fromDeg === null || a >= z.fromDeg) && (z.toDeg === null || a < z.toDeg));
      expect(containing).toHaveLength(1);
    }
    expect(HEAD_FORWARD_ZONES.map((z) => z.label).join(' ')).toContain(`${HEAD_FORWARD_TYPICAL_DEG}°`);
    expect(HEAD_FORWARD_ZONES.map((z) => z.label).join(' ')).toContain(`${HEAD_FORWARD_NECK_PAIN_DEG}°`);
    expect(interpretHeadForward(47).text).toContain('48-50°');
    expect(interpretHeadForward(40).text).toContain('44°');
    expect(HEAD_FORWARD_PROXY_CAVEAT).toMatch(/C7/);
  });

  it('a higher (more upright) angle never falls in a more forward zone', () => {
    const order = HEAD_FORWARD_ZONES.map((z) => z.band);
    let last = 0;
    for (let a = 20; a <= 80; a += 0.5) {
      const i = order.indexOf(headForwardZone(a).band);
      expect(i).toBeGreaterThanOrEqual(last);
      last = i;
    }
  });
});

describe('trunk angle in plain words', () => {
  it('says which way the shoulders are from the hips, and what the holds measure', () => {
    expect(interpretTrunkExtension(9.04)).toContain('9.0° back');
    expect(interpretTrunkExtension(9.04)).toContain('lean back');
    expect(interpretTrunkExtension(-8.1)).toContain('8.1° forward');
    expect(interpretTrunkExtension(-8.1)).toContain('slump forward');
    expect(interpretTrunkExtension(2)).toContain('upright');
    expect(interpretTrunkExtension(-0.04)).toContain('upright');
    expect(interpretTrunkExtension(3)).toContain('9 ± 4°');
  });
});

describe('formatting degrees', () => {
  it('never shows a negative zero', () => {
    expect(formatDeg(-0)).toBe('0°');
    expect(formatDeg(-0.3)).toBe('0°');
    expect(formatDeg(-0.04, 1)).toBe('0.0°');
    expect(formatDeg(-0.6)).toBe('−1°');
    expect(formatDeg(12.34, 1)).toBe('12.3°');
    expect(formatDeg(null)).toBe('–');
    expect(formatDeg(Number.NaN)).toBe('–');
    expect(formatDeltaDeg(-0.01)).toBe('±0.0°');
    expect(formatDeltaDeg(2.25)).toBe('+2.3°');
    expect(formatDeltaDeg(-3)).toBe('−3.0°');
  });
});
