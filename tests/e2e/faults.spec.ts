// Faults in the middle of a set, with the real model on the squats clip as the camera: the
// camera going away, storage full while autosaving and at the end, and two tabs. Each asserts
// that nothing counted is lost or counted twice.
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile, SQUATS_SESSION_CLIP } from './fake-camera';
import { cameraTrackStates, checkScreen, countRecords, trackCameras } from './screens';
import { recordSetTrace, SessionPage, setTrace } from './session-page';
import { simulateFullStorage } from './storage-faults';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', SQUATS_SESSION_CLIP);
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)), viewport: { width: 1280, height: 800 } });

/** Sets as stored: id, status and reps. */
function storedSets(page: Page): Promise<{ id: string; status: string; reps: number }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('posture-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('sets').objectStore('sets').getAll();
          req.onsuccess = () => {
            db.close();
            resolve((req.result as { id: string; status: string; summary: { reps: number } }[]).map((s) => ({ id: s.id, status: s.status, reps: s.summary.reps })));
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Screenshots (and the checks every screen gets) at the laptop size, then the phone's. */
async function bothSizes(page: Page, name: string, fullPage = true): Promise<void> {
  await checkScreen(page, name, 'laptop', { fullPage });
  await page.setViewportSize({ width: 390, height: 844 });
  await checkScreen(page, name, 'phone', { fullPage });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('camera lost in the middle of a set: paused and kept, the message says so, and it carries on when the camera is back', async ({ page }) => {
  test.setTimeout(150_000);
  await trackCameras(page);
  const session = new SessionPage(page);
  await session.open();
  await session.choose(/^Squat/, 10);
  await session.startWithCamera();
  await expect(session.repCount()).toContainText(/^1/, { timeout: 40_000 });
  const before = await session.reps();

  // The camera goes away (unplugged): the browser ends the track and fires `ended`.
  await page.evaluate(() => {
    const track = ((document.querySelector('video') as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0];
    track.stop();
    track.dispatchEvent(new Event('ended'));
  });
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'paused');
  await expect(page.getByTestId('counting')).toContainText('The camera stopped');
  await expect(page.getByTestId('counting')).toContainText('Your set is kept');
  await bothSizes(page, 'session-camera-lost', false);
  expect(await session.reps()).toBe(before);
  // Kept in the database as an unfinished set with its count.
  await expect.poll(async () => (await storedSets(page)).map((s) => [s.status, s.reps]), { timeout: 10_000 }).toEqual([['in-progress', before]]);
  expect((await cameraTrackStates(page)).every((s) => s === 'ended')).toBe(true);

  // A camera appears again: the set carries on by itself.
  await page.evaluate(() => navigator.mediaDevices.dispatchEvent(new Event('devicechange')));
  await expect(session.phase()).toHaveAttribute('data-set-phase', /setup|running/, { timeout: 20_000 });
  await expect.poll(async () => (await cameraTrackStates(page)).filter((s) => s === 'live').length).toBe(1);
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'running', { timeout: 30_000 });
  await session.endButton().click();
  await expect(session.summary()).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser.');
  const sets = await storedSets(page);
  expect(sets).toHaveLength(1);
  expect(sets[0].status).not.toBe('in-progress');
  expect(sets[0].reps).toBeGreaterThanOrEqual(before);
});

test('storage full while autosaving and at the end of the set: a clear message, nothing lost, saved once space is free', async ({ page }) => {
  test.setTimeout(150_000);
  await simulateFullStorage(page);
  await recordSetTrace(page);
  const session = new SessionPage(page);
  await session.open();
  await session.choose(/^Squat/, 10);
  await session.startWithCamera();
  await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = true));
  await expect(session.repCount()).toContainText(/^1/, { timeout: 40_000 });

  // Autosave fails: said on the set's screen; counting carries on.
  await expect(page.getByTestId('autosave-error')).toContainText('storage for the app is full', { timeout: 10_000 });
  expect(await countRecords(page, 'sets')).toBe(0);
  await expect(session.cueText()).toContainText('nobody in view', { timeout: 60_000 });
  const counted = await session.reps();
  expect(counted, await setTrace(page)).toBe(2);
  await expect(page.getByTestId('autosave-error')).toBeVisible();
  await bothSizes(page, 'session-autosave-failed', false);

  // The end-of-set save fails too: the summary keeps the set, says why, and will not start another.
  await session.endButton().click();
  await expect(session.summary()).toBeVisible();
  const problem = page.locator('[data-problem="storage"]');
  await expect(problem).toContainText('storage for the app is full');
  await expect(problem).toContainText('tried again every few seconds');
  await expect(page.getByTestId('summary-reps')).toContainText(/^2/);
  await expect(page.getByRole('button', { name: 'Start another set' })).toBeDisabled();
  expect(await countRecords(page, 'sets')).toBe(0);
  await bothSizes(page, 'session-save-failed');
  // Leaving now would lose it: the browser asks first.
  const asked = await page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });
  expect(asked).toBe(true);

  // Space is freed: the next retry saves it, by itself, exactly once.
  await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = false));
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser.', { timeout: 15_000 });
  await expect(problem).toHaveCount(0);
  const sets = await storedSets(page);
  expect(sets.map((s) => [s.status, s.reps])).toEqual([['ended', 2]]);
  expect(await countRecords(page, 'sessions')).toBe(1);
});

test('two tabs on the session page: one camera owner at a time, each set counted once, none overwritten', async ({ context }) => {
  test.setTimeout(180_000);
  // The tab in front gets the frames (a background tab's video is throttled), as in a real browser.
  const a = await context.newPage();
  await trackCameras(a);
  const tabA = new SessionPage(a);
  await tabA.open();
  await tabA.choose(/^Squat/, 10);
  await tabA.startWithCamera();
  await expect(tabA.repCount()).toContainText(/^1/, { timeout: 40_000 });
  await a.waitForTimeout(3500); // an autosave of A's set

  // Tab B opens: A's running set is A's, so B does not offer it as unfinished.
  const b = await context.newPage();
  await trackCameras(b);
  const tabB = new SessionPage(b);
  await b.bringToFront();
  await tabB.open();
  await tabB.choose(/^Squat/, 10);
  await expect(b.getByTestId('unfinished-set')).toHaveCount(0);
  await tabB.startWithCamera();
  // B took the camera: A is paused with its count, its camera off, and says why.
  await expect(tabA.phase()).toHaveAttribute('data-set-phase', 'paused', { timeout: 10_000 });
  await expect(a.getByTestId('counting')).toContainText('in use in another tab');
  await checkScreen(a, 'session-other-tab', 'laptop', { fullPage: false });
  expect((await cameraTrackStates(a)).every((s) => s === 'ended')).toBe(true);
  const repsA = await tabA.reps();
  expect(repsA).toBeGreaterThanOrEqual(1);

  await expect(tabB.repCount()).toContainText(/^1/, { timeout: 40_000 });
  await tabB.endButton().click();
  await expect(tabB.summary()).toBeVisible();
  await expect(b.getByTestId('save-status')).toHaveText('Saved in this browser.');
  const repsB = Number.parseInt((await b.getByTestId('summary-reps').textContent()) ?? '', 10);

  // A ends its own set: two sets, each with its own count, neither counted twice.
  await a.bringToFront();
  expect(await tabA.reps()).toBe(repsA);
  await tabA.endButton().click();
  await expect(tabA.summary()).toBeVisible();
  await expect(a.getByTestId('save-status')).toHaveText('Saved in this browser.');
  const sets = await storedSets(a);
  expect(sets).toHaveLength(2);
  expect(sets.map((s) => s.reps).sort()).toEqual([repsA, repsB].sort());
  expect(sets.every((s) => s.status !== 'in-progress')).toBe(true);
  expect(repsB).toBeLessThanOrEqual(2);
});
