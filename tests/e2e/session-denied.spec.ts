import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { countRecords } from './screens';
import { SessionPage } from './session-page';

// A camera exists but nothing accepts the permission prompt: headless Chromium denies it.
const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4');
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera, { autoAccept: false })) });

test('camera denied on the session page: no set starts, nothing is saved, one Try again that starts the set once allowed', async ({ page, context }) => {
  const session = new SessionPage(page);
  await session.open('mediapipe', 'lite', 'exercise=squat&target=10');
  await session.startWithCamera();
  const alert = page.locator('[role="alert"][data-problem]');
  await expect(alert).toContainText('Camera access is blocked');
  // Back to choosing: no counter, no Pause or End set.
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'idle');
  await expect(session.repCount()).toHaveCount(0);
  await expect(session.endButton()).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(1);
  expect(await countRecords(page, 'sets')).toBe(0);

  await context.grantPermissions(['camera']);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(session.phase()).toHaveAttribute('data-set-phase', /setup|running/, { timeout: 60_000 });
  await expect(alert).toHaveCount(0);
  await session.endButton().click();
  await expect(session.summary()).toBeVisible();
});
