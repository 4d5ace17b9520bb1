// A running set read from across a room, on a phone held upright and on a laptop: the count
// and the timer on screen without scrolling, in type at least 12 % of the screen's height;
// the count right; the camera off after the set.
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile, SQUATS_SESSION_CLIP } from './fake-camera';
import { cameraTrackStates, checkScreen, expectInViewport, SIZES, trackCameras } from './screens';
import { recordSetTrace, SessionPage, setTrace } from './session-page';
import { LivePage } from './live-page';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', SQUATS_SESSION_CLIP);
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

/** Messages that belong to a running set and must not outlive it. */
const RUNNING_WORDS = /Carrying on|nobody in view|Go again|Go when you are ready|Welcome back|Hold it|Rest\.|Get into position|Checking your position/;

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use(size.use);

    test(`squats set (${size.name}): big count and timer on screen, 2 reps, camera off after End set`, async ({ page }) => {
      test.setTimeout(180_000);
      await trackCameras(page);
      await recordSetTrace(page);
      const session = new SessionPage(page);
      // The stable link into a set: the exercise and its target from the address.
      await session.open('mediapipe', 'full', 'exercise=squat&target=10');
      await expect(page.getByRole('combobox', { name: 'Exercise' })).toHaveValue('squat');
      await expect(page.getByRole('spinbutton', { name: /Target/ })).toHaveValue('10');
      await checkScreen(page, 'session-idle', size.name);

      await session.startWithCamera();
      // Focus moves to the set, which fills the screen.
      await expect(page.locator('#set-progress')).toBeFocused();
      await expect(session.phase()).toHaveAttribute('data-set-phase', 'running', { timeout: 30_000 });
      await expect(page.locator('.site-header')).toBeHidden();
      const vh = page.viewportSize()!.height;
      const count = await expectInViewport(page, 'rep-count');
      expect(count.fontSize / vh, 'count digits as a share of the screen height').toBeGreaterThanOrEqual(0.12);
      await expectInViewport(page, 'hold-timer');
      await expectInViewport(page, 'cue-text');
      for (const name of ['Pause', 'End set', 'Stop camera']) {
        const box = await page.getByRole('button', { name, exact: true }).boundingBox();
        expect(box!.height, `${name} button height`).toBeGreaterThanOrEqual(44);
        expect(box!.y + box!.height, `${name} button on screen`).toBeLessThanOrEqual(vh);
      }
      await checkScreen(page, 'session-running', size.name, { fullPage: false });

      // One pass of the clip, then nobody in view: the set waits.
      await expect(session.cueText()).toContainText('nobody in view', { timeout: 60_000 });
      await expectInViewport(page, 'rep-count');
      expect(await session.reps(), await setTrace(page)).toBe(2);
      // Counts were announced politely, not every frame.
      await expect(page.getByTestId('announcer')).toHaveAttribute('aria-live', 'polite');

      await session.endButton().click();
      await expect(session.summary()).toBeVisible();
      await expect(page.locator('#set-summary-title')).toBeFocused();
      await expect(page.getByTestId('summary-reps')).toContainText(/^2/);
      await expect(session.repCount()).toHaveText('2');
      await expect(session.cueText()).toHaveText('Set ended.');
      await expect(session.summary()).not.toContainText(RUNNING_WORDS);
      await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser.');
      // The camera light goes off: every track the page opened has ended.
      const states = await cameraTrackStates(page);
      expect(states.length).toBeGreaterThan(0);
      expect(states.every((s) => s === 'ended')).toBe(true);
      await expect(page.getByRole('group', { name: /^Pain during or after the set/ }).getByRole('radio', { name: '0', exact: true })).toBeVisible();
      await checkScreen(page, 'session-ended', size.name);

      if (size.name === 'laptop') {
        // Full loop: no manual entry, the counted set is this week's figure on the trends page.
        await page.goto('/trends');
        await page.getByRole('combobox', { name: 'Exercise' }).selectOption('squat');
        await expect(page.getByTestId('chart-range')).toHaveAttribute('data-points', '1');
        await expect(page.getByTestId('chart-range')).toHaveAttribute('data-weeks', '1');
        await page.getByLabel('Show as tables').check();
        const thisWeek = page.getByTestId('table-weeks').locator('tbody tr').last();
        await expect(thisWeek.locator('td').nth(2)).toHaveText('1');
        await expect(thisWeek.locator('td').first()).toHaveText(/^\d+\.\d°$/);
      }
    });

    test(`live view (${size.name}): readable, one Stop camera, camera off when the page is left`, async ({ page }) => {
      await trackCameras(page);
      const live = new LivePage(page);
      await live.open('mediapipe', 'lite');
      await live.startButton().click();
      await expect.poll(() => live.landmarkCount(), { timeout: 90_000 }).toBe(33);
      await expect(page.getByRole('button', { name: 'Stop camera' })).toHaveCount(1);
      await checkScreen(page, 'live', size.name);
      expect(await cameraTrackStates(page)).toEqual(['live']);
      // Leave through the site's own navigation (the page's script stays loaded to tell).
      if (size.name === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Trends' }).click();
      await expect(page.getByRole('heading', { name: 'Trends' })).toBeVisible();
      expect(await cameraTrackStates(page)).toEqual(['ended']);
    });
  });
}
