import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Where the suite writes a screenshot of every page at both sizes (named in the README). */
export const SCREENS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

/** A phone held upright (touch) and a laptop. */
export const SIZES = [
  { name: 'phone', use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 } },
  { name: 'laptop', use: { viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false, deviceScaleFactor: 1 } },
] as const;

export type SizeName = (typeof SIZES)[number]['name'];

/**
 * The checks every screen gets: nothing scrolls sideways, axe finds no serious or critical
 * problem, and a screenshot is written for people to look at.
 */
export async function checkScreen(page: Page, name: string, size: SizeName, { fullPage = true } = {}): Promise<void> {
  const overflow = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(overflow.scrollWidth, `${name} at ${size}: the page scrolls sideways`).toBeLessThanOrEqual(overflow.innerWidth);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
    `${name} at ${size}: accessibility problems`,
  ).toEqual([]);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${size}.png`), fullPage });
}

/** Records every camera track the page opens (call before the page loads). */
export async function trackCameras(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { __cameraTracks: MediaStreamTrack[] }).__cameraTracks = tracks;
    const original = navigator.mediaDevices?.getUserMedia?.bind(navigator.mediaDevices);
    if (!original) return;
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
  });
}

/** readyState of every camera track the page opened so far. */
export function cameraTrackStates(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cameraTracks?: MediaStreamTrack[] }).__cameraTracks?.map((t) => t.readyState) ?? []);
}

/** Rows in one IndexedDB table of the app, read in the page. */
export function countRecords(page: Page, table: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('posture-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            return resolve(0);
          }
          const req = db.transaction(name).objectStore(name).count();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    table,
  );
}

/** The element's box lies wholly inside the viewport (no scrolling needed to see it). */
export async function expectInViewport(page: Page, testId: string): Promise<{ height: number; fontSize: number }> {
  const box = await page.getByTestId(testId).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, fontSize: Number.parseFloat(getComputedStyle(el).fontSize) };
  });
  const vp = page.viewportSize()!;
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled, `${testId}: the page had to scroll`).toBe(0);
  expect(box.top, `${testId} top`).toBeGreaterThanOrEqual(0);
  expect(box.left, `${testId} left`).toBeGreaterThanOrEqual(0);
  expect(box.bottom, `${testId} bottom`).toBeLessThanOrEqual(vp.height);
  expect(box.right, `${testId} right`).toBeLessThanOrEqual(vp.width);
  return { height: box.height, fontSize: box.fontSize };
}
