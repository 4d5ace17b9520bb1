import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { LivePage } from './live-page';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4');

// camera permission denied
// A camera exists but nothing auto-accepts the prompt: headless Chromium denies it.
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera, { autoAccept: false })) });

test('explains how to re-allow, and Try again works once allowed', async ({ page, context }) => {
  const live = new LivePage(page);
  await live.open('mediapipe', 'lite');
  await live.startButton().click();
  await expect(live.alert()).toContainText('Camera access is blocked');
  await expect(live.alert()).toContainText('site settings');
  await context.grantPermissions(['camera']);
  await live.alert().getByRole('button', { name: 'Try again' }).click();
  await expect.poll(() => live.landmarkCount(), { timeout: 90_000 }).toBe(33);
  await expect(live.alert()).toHaveCount(0);
});
