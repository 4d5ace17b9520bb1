import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { LivePage } from './live-page';


// no camera
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(null)) });

test('says that no camera was found', async ({ page }) => {
  const live = new LivePage(page);
  await live.open('mediapipe', 'lite');
  await live.startButton().click();
  await expect(live.alert()).toContainText('No camera found');
  await expect(live.alert().getByRole('button', { name: 'Try again' })).toBeVisible();
});
