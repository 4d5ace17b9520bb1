import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { LivePage } from './live-page';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4');
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

// Headless Chromium always has software WebGL2, so take it away inside the pose worker:
// its script is served with a prelude that makes every webgl2 context request fail.
const NO_WEBGL2 = `(() => {
  const original = OffscreenCanvas.prototype.getContext;
  OffscreenCanvas.prototype.getContext = function (type, ...rest) {
    return type === 'webgl2' ? null : original.call(this, type, ...rest);
  };
})();\n`;

test('explains a missing WebGL2 and offers the engine that works without it', async ({ page, context }) => {
  await context.route('**/_next/static/chunks/pose-engine*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: NO_WEBGL2 + (await response.text()) });
  });
  const live = new LivePage(page);
  await live.open('mediapipe', 'lite');
  await expect(live.alert()).toContainText('This browser has no WebGL2');
  await live.alert().getByRole('button', { name: 'Use the TensorFlow.js engine instead' }).click();
  await live.startButton().click();
  await expect.poll(() => live.landmarkCount(), { timeout: 90_000 }).toBe(33);
  await expect(page.getByTestId('hud-engine')).toContainText('TensorFlow.js');
});

test('Settings says the automatic choice is TensorFlow.js where the page has no WebGL2', async ({ page }) => {
  // The page's own probe (a canvas element's webgl2 context) fails here, as in a browser without it.
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return type === 'webgl2' ? null : (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof original;
  });
  await page.goto('/settings');
  await expect(page.getByText('This browser has no WebGL2, so the MediaPipe engine cannot run here')).toBeVisible();
  await expect(page.getByTestId('engine-choice')).toContainText('TensorFlow.js');
  await expect(page.getByTestId('engine-choice')).toContainText('this browser has no WebGL2');
});
