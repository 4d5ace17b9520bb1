import { describe, expect, it } from 'vitest';
import { LANDMARK_COUNT } from './landmarks';
import { mainPersonIndex } from './main-person';
import type { NormalizedLandmark } from './types';

const LANDSCAPE = { width: 1280, height: 720 };
const PORTRAIT = { width: 720, height: 1280 };

/** A person whose visible landmarks span the normalized box centred at (cx, cy). */
function person(cx: number, cy: number, w: number, h: number, visibility = 0.9): NormalizedLandmark[] {
  return Array.from({ length: LANDMARK_COUNT }, (_, i) => {
    const corner = i % 4;
    return {
      x: cx + (corner === 0 || corner === 3 ? -w / 2 : w / 2),
      y: cy + (corner < 2 ? -h / 2 : h / 2),
      z: 0,
      visibility,
    };
  });
}

function pick(people: NormalizedLandmark[][], frame = LANDSCAPE): number {
  return mainPersonIndex(people, frame.width, frame.height);
}

describe('mainPersonIndex', () => {
  it('is -1 with nobody and 0 with one person', () => {
    expect(pick([])).toBe(-1);
    expect(pick([person(0.9, 0.9, 0.1, 0.1)])).toBe(0);
  });

  it('picks the clearly largest person even far off-centre', () => {
    const small = person(0.5, 0.5, 0.1, 0.2);
    const large = person(0.2, 0.5, 0.3, 0.8);
    expect(pick([small, large])).toBe(1);
    expect(pick([large, small])).toBe(0);
  });

  it('picks the more central of two near-equal people, in either order', () => {
    const central = person(0.52, 0.5, 0.2, 0.6);
    // 3% larger: within the tie margin.
    const offCentre = person(0.15, 0.5, 0.2 * 1.03, 0.6);
    expect(pick([central, offCentre])).toBe(0);
    expect(pick([offCentre, central])).toBe(1);
  });

  it('measures distance from the centre in pixels, so frame orientation matters', () => {
    // Same size; one shifted 0.2 of the width, the other 0.15 of the height.
    const shiftedX = person(0.7, 0.5, 0.2, 0.4);
    const shiftedY = person(0.5, 0.65, 0.2, 0.4);
    // Landscape 1280x720: 256 px vs 108 px. Portrait 720x1280: 144 px vs 192 px.
    expect(pick([shiftedX, shiftedY], LANDSCAPE)).toBe(1);
    expect(pick([shiftedX, shiftedY], PORTRAIT)).toBe(0);
  });

  it('ignores landmarks that are not visible when sizing a person', () => {
    const medium = person(0.5, 0.5, 0.2, 0.4);
    // Visible core is small; two hidden landmarks stretch over the whole frame.
    const smallWithHiddenOutliers = person(0.5, 0.5, 0.1, 0.2).map((l, i) =>
      i < 2 ? { ...l, x: i === 0 ? 0 : 1, y: i === 0 ? 0 : 1, visibility: 0.1 } : l,
    );
    expect(pick([smallWithHiddenOutliers, medium])).toBe(1);
  });

  it('falls back to all landmarks when fewer than two are visible', () => {
    const hiddenLarge = person(0.5, 0.5, 0.6, 0.8, 0.1);
    const visibleSmall = person(0.5, 0.5, 0.1, 0.2);
    expect(pick([visibleSmall, hiddenLarge])).toBe(1);
  });
});
