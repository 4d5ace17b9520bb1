import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile, SESSION_CLIP } from './fake-camera';
import { SessionPage } from './session-page';

const camera = fakeCameraFile('videos/mpdocs_pushups_side_OVERLAY.mp4', SESSION_CLIP);
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

test('counts the push-ups clip live from the camera: 5 reps in one pass, like the CLI', async ({ page }) => {
  test.setTimeout(150_000);
  const session = new SessionPage(page);
  await session.open();
  await session.choose(/^Push-up/, 20);
  await session.startWithCamera();
  await expect(session.cueText()).toContainText('nobody in view', { timeout: 60_000 });
  await session.endButton().click();
  await expect(page.getByTestId('summary-reps')).toContainText(/^5/);
});
