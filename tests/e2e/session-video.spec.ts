import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURES } from './fake-camera';
import { SessionPage } from './session-page';

test('a recorded video dropped into the page is counted like the camera: 5 push-ups', async ({ page }) => {
  test.setTimeout(120_000);
  const session = new SessionPage(page);
  await session.open();
  await session.choose(/^Push-up/, 20);
  await expect(page.getByRole('status').first()).toContainText('The pose model is loaded', { timeout: 90_000 });
  await page.getByTestId('video-input').setInputFiles(path.join(FIXTURES, 'videos/mpdocs_pushups_side_OVERLAY.mp4'));
  // The set ends with the video.
  await expect(session.summary()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('summary-reps')).toContainText(/^5/);
});

test('a file that is not a video is refused with a clear message', async ({ page }) => {
  const session = new SessionPage(page);
  await session.open();
  await page.getByTestId('video-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.locator('[role="alert"][data-problem="file"]')).toContainText('notes.txt is not a video');
});
