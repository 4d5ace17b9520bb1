import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { LivePage } from './live-page';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4');
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

for (const engine of ['mediapipe', 'tfjs'] as const) {
  test(`draws the skeleton live from the camera (${engine}) and talks only to its own origin`, async ({ page, context, baseURL }) => {
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const live = new LivePage(page);
    await live.open(engine, 'lite');
    await live.startButton().click();

    await expect.poll(() => live.landmarkCount(), { timeout: 90_000 }).toBe(33);
    expect(await live.overlayInk()).toBeGreaterThan(500);
    await expect.poll(() => live.fps(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('hud-person')).toHaveText('Person found');
    // The clip is a 3/4 front view: both sagittal angles are refused with their reason (the
    // trunk's hip-to-shoulder line seen from the front shows leaning sideways, not back), and the
    // view is named.
    await expect(page.getByTestId('live-trunk')).toHaveAttribute('data-refusal', 'not-side-view');
    await expect(page.getByTestId('live-trunk')).not.toHaveText(/\d+°/);
    await expect(page.getByTestId('live-view')).toContainText(/Facing the camera|Turned partly/);
    await expect(page.getByLabel('Posture angles')).toContainText('Turn sideways');

    const origin = new URL(baseURL!).origin;
    const foreign = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
    expect(requests.some((u) => u.includes('/models/'))).toBe(true);
    expect(foreign).toEqual([]);
  });
}

test('the engine is kept when the person goes to another page and back: no second start, the camera off meanwhile', async ({ page }) => {
  const live = new LivePage(page);
  await live.open('mediapipe', 'lite');
  await live.startButton().click();
  await expect.poll(() => live.landmarkCount(), { timeout: 90_000 }).toBe(33);
  const engines = () => page.evaluate(() => (window as unknown as { __postureEngines: { starts: number; kept: { kind: string; model: string; ready: boolean } | null } }).__postureEngines);
  expect((await engines()).starts).toBe(1);

  await page.getByRole('link', { name: 'Trends' }).first().click();
  await expect(page).toHaveURL(/\/trends/);
  await expect(page.locator('video')).toHaveCount(0);
  expect(await engines()).toEqual({ starts: 1, kept: { kind: 'mediapipe', model: 'lite', ready: true } });

  await page.goBack();
  await expect(page).toHaveURL(/\/live\?engine=mediapipe&model=lite/);
  await live.startButton().click();
  await expect.poll(() => live.landmarkCount(), { timeout: 30_000 }).toBe(33);
  await expect(page.getByTestId('hud-person')).toHaveText('Person found');
  expect((await engines()).starts).toBe(1);
});
