import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { LivePage } from './live-page';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4');

// model file missing
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

test('names the missing file', async ({ page }) => {
  await page.route('**/models/pose_landmarker_lite.task', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const live = new LivePage(page);
  await live.open('mediapipe', 'lite');
  // The model loads as the page opens: the problem shows without pressing anything.
  await expect(live.alert()).toContainText('A model file is missing');
  await expect(page.getByTestId('problem-file')).toHaveText('/models/pose_landmarker_lite.task');
});

test('names a damaged file', async ({ page }) => {
  await page.route('**/models/pose_landmarker_lite.task', (route) => route.fulfill({ status: 200, body: 'this is not a model' }));
  const live = new LivePage(page);
  await live.open('mediapipe', 'lite');
  await expect(live.alert()).toContainText('A model file is damaged');
  await expect(page.getByTestId('problem-file')).toHaveText('/models/pose_landmarker_lite.task');
});
