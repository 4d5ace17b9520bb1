// Installable and usable with the network off. One real journey, in one browser profile:
// first visit online, "Make available offline", network off, the pages load from the device, a
// squats set with the fake camera is counted and saved offline, the network comes back during
// the set (no reload), an app update arrives during the set (no reload; the offer comes after
// the set), the update keeps exactly one version of the offline model files, and nothing is
// duplicated once online.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile, SQUATS_SESSION_CLIP } from './fake-camera';
import { checkScreen, countRecords, SIZES } from './screens';
import { recordSetTrace, SessionPage, setTrace } from './session-page';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', SQUATS_SESSION_CLIP);

/** A browser profile on disk, as a person's (Playwright's usual contexts are incognito, where
 * Chromium never offers to install an app). */
async function personalProfile(baseURL: string): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'posture-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    ...chromiumLaunchOptions(fakeCameraArgs(camera)),
    baseURL,
    serviceWorkers: 'allow',
    viewport: SIZES[1].use.viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const STALE_CACHE = 'posture-assets-0000000000000000';

const assetCaches = (page: Page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('posture-assets-')));
const controllerUrl = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
const updateProbe = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __postureUpdate?: { registered: boolean; waiting: boolean; prompt: boolean; setRunning: boolean } }).__postureUpdate ?? null,
  );

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function installability(cdp: CDPSession) {
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  return installabilityErrors.map((e) => e.errorId);
}

test('installable; offline after "Make available offline": pages, a counted squats set, trends; updates wait for the set; nothing duplicates', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const profile = await personalProfile(baseURL!);
  try {
    await journey(profile.context, baseURL!);
  } finally {
    await profile.close();
  }
});

async function journey(context: BrowserContext, baseURL: string) {
  const page = context.pages()[0] ?? (await context.newPage());
  const foreign: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith(baseURL) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });

  // First visit, online: the service worker installs and takes the page.
  await page.goto('/settings');
  await expect.poll(() => controllerUrl(page), { timeout: 60_000 }).toMatch(/\/sw\.js$/);

  // Installable: Chromium's own checks, read through the DevTools protocol.
  const cdp = await context.newCDPSession(page);
  await expect.poll(() => installability(cdp), { timeout: 30_000 }).toEqual([]);
  const { url: manifestUrl } = (await cdp.send('Page.getAppManifest')) as { url: string };
  expect(manifestUrl).toMatch(/\/manifest\.webmanifest$/);
  const manifest = await (await page.request.get(manifestUrl)).json();
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.length).toBeGreaterThanOrEqual(4);
  expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons as { src: string; sizes: string }[]) {
    const res = await page.request.get(icon.src);
    expect(res.ok(), icon.src).toBe(true);
    const [w, h] = icon.sizes.split('x').map(Number);
    expect(pngSize(await res.body()), icon.src).toEqual({ width: w, height: h });
  }

  // Make available offline, with visible progress, then "Ready".
  const card = page.getByTestId('offline-card');
  await expect(card).toHaveAttribute('data-phase', 'not-saved', { timeout: 30_000 });
  await expect(card).toContainText(/MB\)/);
  await card.getByRole('button', { name: 'Make available offline' }).click();
  await expect(card).toHaveAttribute('data-phase', 'ready', { timeout: 90_000 });
  await expect(card.getByTestId('offline-status')).toContainText('Ready to use offline');
  for (const size of SIZES) {
    await page.setViewportSize(size.use.viewport);
    await checkScreen(page, 'settings-offline-ready', size.name);
  }
  const [current] = await assetCaches(page);
  expect(await assetCaches(page)).toEqual([current]);
  const filesBefore = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, current);
  expect(filesBefore).toBeGreaterThanOrEqual(3);
  // A leftover of an older version (as after an app update that changed the models).
  await page.evaluate(async (name) => (await caches.open(name)).put('/models/old.task', new Response('old')), STALE_CACHE);

  // Network off: every page of the journey loads from the device.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/snapshot');
  await expect(page.getByRole('heading', { name: 'Posture snapshot', level: 1 })).toBeVisible();
  await page.goto('/trends');
  await expect(page.getByRole('heading', { name: 'Trends', level: 1 })).toBeVisible();

  // A squats set, offline: the model and runtime come from the device.
  await recordSetTrace(page);
  const session = new SessionPage(page);
  await session.open('mediapipe', 'full', 'exercise=squat&target=10');
  await expect(page.getByRole('combobox', { name: 'Exercise' })).toHaveValue('squat');
  await session.startWithCamera();
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'running', { timeout: 30_000 });
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  // One pass of the clip, offline: 2 squats, and then nobody in view.
  await expect(session.cueText()).toContainText('nobody in view', { timeout: 60_000 });
  expect(await session.reps(), await setTrace(page)).toBe(2);

  // The network comes back and an update of the app arrives, both while the set still runs (the
  // camera goes on to the clip's next pass): no reload, no offer yet. (The page registers /sw.js
  // once it has settled; the new version is a new script address registered after that, so the
  // browser installs it as an update.) The count is checked before: installing the update copies
  // the app and model files, and on a machine busy with other tests that pause could take a
  // squat from the count, which says nothing of how updates wait.
  await context.setOffline(false);
  await expect.poll(async () => (await updateProbe(page))?.registered, { timeout: 30_000 }).toBe(true);
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js?next-version=1', { scope: '/' }));
  await expect.poll(async () => (await updateProbe(page))?.waiting, { timeout: 30_000 }).toBe(true);
  await expect.poll(async () => (await updateProbe(page))?.setRunning, { timeout: 10_000 }).toBe(true);
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  expect(await session.reps()).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  await session.endButton().click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser.');
  expect(await countRecords(page, 'sets')).toBe(1);

  // After the set: the offer to update, and only then.
  const prompt = page.getByTestId('update-prompt');
  await expect(prompt).toBeVisible({ timeout: 10_000 });
  await expect(prompt).toContainText('A new version of the app is ready.');
  for (const size of SIZES) {
    await page.setViewportSize(size.use.viewport);
    await checkScreen(page, 'update-after-set', size.name, { fullPage: false });
  }
  await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload to update' }).click()]);
  await expect.poll(() => controllerUrl(page), { timeout: 30_000 }).toMatch(/next-version=1$/);

  // Exactly one version of the offline model files remains, and it still holds its files.
  await expect.poll(() => assetCaches(page), { timeout: 10_000 }).toEqual([current]);
  expect(await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, current)).toBe(filesBefore);

  // Online again: the set is there once, on the trends too.
  expect(await countRecords(page, 'sets')).toBe(1);
  await page.goto('/trends');
  await page.getByRole('combobox', { name: 'Exercise' }).selectOption('squat');
  await expect(page.getByTestId('chart-range')).toHaveAttribute('data-points', '1');

  expect(foreign, 'requests to other origins').toEqual([]);
}
