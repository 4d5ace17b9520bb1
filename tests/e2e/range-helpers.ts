// Helpers for the range check's browser tests (range.spec.ts, range-reach.spec.ts).
import { expect, type Page } from '@playwright/test';
import { fakeCameraFile } from './fake-camera';
import { startProgramme } from '../../lib/progression';
import { PROGRAMME_KEY, type ProgrammeRecord } from '../../lib/storage/programme-record';
import type { RangeCheckRecord } from '../../lib/storage/range-record';
import { checkScreen } from './screens';

/** Camera files: the clip's first frame held still for 2 s (the person settles; the neutral is taken), then the clip; Chromium loops it. */
const CLIP = { whole: true, fps: 15, leadInS: 2 } as const;
export const rotationCamera = () => fakeCameraFile('synthetic/clips/rotation_A-near.mp4', CLIP);
export const reachCamera = () => fakeCameraFile('synthetic/clips/flexion_A-near.mp4', CLIP);
export const DAY_MS = 86_400_000;

/** The checks and a screenshot at the laptop size, then the phone size (390 x 844). */
export async function bothSizes(page: Page, name: string, fullPage = true) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await checkScreen(page, name, 'laptop', { fullPage });
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen(page, name, 'phone', { fullPage });
  await expectTouchTargets(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Every visible button (and button-styled link) on the page is at least 44 px each way. */
export async function expectTouchTargets(page: Page) {
  const small = await page.locator('[data-testid="range-check"] button:visible, [data-testid="range-check"] a.button:visible').evaluateAll((els) =>
    els
      .map((el) => ({ text: (el.textContent ?? '').trim(), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ text, r }) => `${text} (${Math.round(r.width)} x ${Math.round(r.height)})`),
  );
  expect(small, 'touch targets under 44 px').toEqual([]);
}

/**
 * Writes a record straight into one of the app's IndexedDB tables. Where this browser has no
 * database of the app yet (nothing is stored: pages no longer create one on load), the app's own
 * code creates it first (lib/storage/app-db.ts `__postureOpenDb`), as its first write would.
 */
export async function putRecord(page: Page, table: string, record: unknown) {
  await page.waitForFunction(() => '__postureOpenDb' in window);
  await page.evaluate(() => (window as unknown as { __postureOpenDb: () => Promise<void> }).__postureOpenDb());
  await page.evaluate(
    ({ table, record }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('posture-tracker');
        // Before the app has made its database, opening it here would create an empty one: refuse instead.
        open.onupgradeneeded = () => {
          open.transaction?.abort();
          reject(new Error('putRecord: the app did not create its database'));
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const tx = db.transaction(table, 'readwrite');
            tx.objectStore(table).put(record);
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          } catch (err) {
            db.close();
            reject(err);
          }
        };
      }),
    { table, record },
  );
}

/** An earlier check: reach 150°, rotation 30° to the left and 44° to the right. */
export async function seedCheck(page: Page, takenAtMs: number) {
  const record: RangeCheckRecord = {
    id: 'earlier-check',
    takenAtMs,
    engine: 'mediapipe',
    model: 'full',
    results: [
      { measure: 'reach', trialsDeg: [150, 152, 149], medianDeg: 150, spreadDeg: 1.5, refusals: [] },
      { measure: 'rotation-left', trialsDeg: [30, 31, 29], medianDeg: 30, spreadDeg: 1, refusals: [] },
      { measure: 'rotation-right', trialsDeg: [44, 45, 43], medianDeg: 44, spreadDeg: 1, refusals: [] },
    ],
  };
  await putRecord(page, 'rangeChecks', record);
}

/** A programme on its first stage, started two weeks ago, so Today shows the day's plan (not the first run). */
export async function seedProgramme(page: Page) {
  const record: ProgrammeRecord = { id: PROGRAMME_KEY, state: startProgramme(Date.now() - 14 * DAY_MS), growthPercent: 7.5 };
  await putRecord(page, 'programme', record);
}

export const trialsOf = async (page: Page, measure: string) =>
  ((await page.getByTestId(`range-result-${measure}`).getAttribute('data-trials')) ?? '').split(',').filter(Boolean).map(Number);
export const medianOf = async (page: Page, id: string) => Number(await page.getByTestId(id).getAttribute('data-median'));

/** Every record of one of the app's tables, read from IndexedDB in the page. */
export async function readTable<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('posture-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    table,
  );
}
