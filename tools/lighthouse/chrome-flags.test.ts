import { describe, expect, it } from 'vitest';
import { lighthouseChromeFlags } from './chrome-flags';

const disabledOf = (flags: string[]) => {
  const lists = flags.filter((f) => f.startsWith('--disable-features='));
  expect(lists, 'one --disable-features, last: Chromium keeps the last').toHaveLength(1);
  expect(flags.at(-1)).toBe(lists[0]);
  return lists[0].slice('--disable-features='.length).split(',').filter(Boolean);
};

describe('lighthouseChromeFlags', () => {
  it("keeps the launcher's other disabled features and leaves RenderDocument on", () => {
    const flags = lighthouseChromeFlags(['--disable-features=Translate,RenderDocument,MediaRouter', '--mute-audio'], ['--headless', '--no-sandbox']);
    // The launcher adds its own defaults itself: of them only the list comes back, as the last flag.
    expect(flags).toEqual(['--headless', '--no-sandbox', '--disable-features=Translate,MediaRouter']);
  });

  it("merges a list given by the caller, once each, and keeps RenderDocument on even if it asks otherwise", () => {
    const flags = lighthouseChromeFlags(['--disable-features=Translate'], ['--disable-features=Translate,PaintHolding,RenderDocument']);
    expect(disabledOf(flags)).toEqual(['Translate', 'PaintHolding']);
  });

  it('gives an empty list where nothing is turned off, so the launcher default is overridden', () => {
    expect(lighthouseChromeFlags(['--disable-features=RenderDocument'], ['--headless'])).toEqual(['--headless', '--disable-features=']);
  });
});
