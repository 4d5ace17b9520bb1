import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile, SESSION_CLIP } from './fake-camera';
import { SessionPage } from './session-page';

const camera = fakeCameraFile('videos/physioplus_bridge_side.mp4', SESSION_CLIP);
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

test('counts the bridge clip live from the camera: 1 bridge, like the CLI, once the setup check sees someone lying on their back', async ({ page }) => {
  test.setTimeout(150_000);
  const session = new SessionPage(page);
  await session.open('mediapipe', 'full', 'exercise=back-bridge&target=5');
  await session.startWithCamera();
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'running', { timeout: 30_000 });
  await expect(page.getByTestId('setup-checklist')).toHaveCount(0);
  await expect(session.cueText()).toContainText('nobody in view', { timeout: 60_000 });
  expect(await session.reps()).toBe(1);
  await session.endButton().click();
  await expect(page.getByTestId('summary-reps')).toContainText(/^1/);
});
