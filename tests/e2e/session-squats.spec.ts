import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile, SQUATS_SESSION_CLIP } from './fake-camera';
import { countRecords } from './screens';
import { SessionPage } from './session-page';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', SQUATS_SESSION_CLIP);
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

// Counting the clip in one pass, the camera going off and the set reaching the trends are in
// focus-view.spec.ts (phone and laptop).

test('a reload in the middle of a set offers the set back with its count', async ({ page }) => {
  test.setTimeout(150_000);
  const session = new SessionPage(page);
  await session.open();
  await session.choose(/^Squat/, 10);
  await session.startWithCamera();
  await expect(session.repCount()).toContainText(/^1/, { timeout: 30_000 });
  // Let an autosave happen (every 3 s), then reload mid-set.
  await page.waitForTimeout(3500);
  await page.reload();
  const banner = page.getByTestId('unfinished-set');
  await expect(banner).toContainText('unfinished set of');
  await expect(banner).toContainText(/[1-2] reps done of 10/);
  await banner.getByRole('button', { name: 'Resume that set' }).click();
  // Back in the set, paused, with its count, until the person says they are in place.
  await expect(page.getByText('Set restored')).toBeVisible();
  const before = await session.reps();
  expect(before).toBeGreaterThanOrEqual(1);
  await expect(page.locator('#set-progress')).toBeFocused();
  await page.keyboard.press('Space');
  // The camera comes back on, the setup check passes, and counting carries on.
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'running', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  expect(await session.reps()).toBeGreaterThanOrEqual(before);
});

test('the wall hold with a three-quarter view (the squats clip): the neutral is never measured, the reason is given, nothing is saved', async ({ page }) => {
  test.setTimeout(150_000);
  const session = new SessionPage(page);
  await session.open('mediapipe', 'full', 'exercise=wall-extension-hold&target=10');
  await session.startWithCamera();
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'setup', { timeout: 30_000 });
  await expect(page.getByTestId('setup-checklist').locator('li[data-check="view"]')).toHaveAttribute('data-ok', 'no', { timeout: 30_000 });
  await expect(page.locator('.focus-detail')).toContainText('Turn sideways');
  // The whole clip plays: she never stands side-on, so the set never starts measuring.
  await expect(session.cueText()).toContainText(/nobody|Get into position/);
  await page.waitForTimeout(8000);
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'setup');
  await session.endButton().click();
  await expect(session.summary()).toHaveAttribute('data-status', 'empty');
  expect(await countRecords(page, 'sets')).toBe(0);
});
