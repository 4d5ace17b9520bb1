// A still, side-on photo of a person as the camera: the first-run walk-through, snapshots,
// the setup check, and a set that ends with nothing counted.
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { cameraTrackStates, checkScreen, countRecords, SIZES, trackCameras } from './screens';
import { SessionPage } from './session-page';

const camera = fakeCameraFile('images/sports2d_f150_walker_side_view_crop.jpg');
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

const [PHONE, LAPTOP] = SIZES;

test.describe('first run', () => {
  test.use(PHONE.use);

  test('from an empty database to a saved snapshot and a running set, using only what the screens say', async ({ page }) => {
    test.setTimeout(240_000);
    await trackCameras(page);
    await page.goto('/?engine=mediapipe&model=full');
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    await checkScreen(page, 'welcome-1', PHONE.name);
    await page.getByRole('button', { name: 'Next: place the camera' }).click();
    await expect(page.getByRole('heading', { name: 'Place your camera' })).toBeVisible();
    await expect(page.getByText('Two to three metres away')).toBeVisible();
    await checkScreen(page, 'welcome-2-placement', PHONE.name);
    await page.getByRole('button', { name: 'Next: check the setup' }).click();

    await page.getByRole('button', { name: 'Start camera' }).click();
    await expect(page.getByTestId('setup-verdict')).toContainText('All set', { timeout: 90_000 });
    const checklist = page.getByRole('list', { name: 'Setup check' });
    for (const item of ['You are in the picture', 'Only you in view', 'Ear, shoulder and hip in the picture', 'Standing side-on to the camera']) {
      await expect(checklist.getByText(item)).toBeVisible();
    }
    await checkScreen(page, 'welcome-3-setup', PHONE.name);
    await page.getByRole('button', { name: 'Next: first posture snapshot' }).click();
    // The setup check's camera is off once its step is done.
    expect((await cameraTrackStates(page)).every((s) => s === 'ended')).toBe(true);

    await page.getByRole('button', { name: 'Start camera' }).click();
    const take = page.getByRole('button', { name: 'Take snapshot' });
    await expect(take).toBeEnabled({ timeout: 90_000 });
    await take.click();
    await expect(page.getByTestId('snapshot-result')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('save-status')).toHaveText('Saved to this browser’s history.');
    expect(await countRecords(page, 'snapshots')).toBe(1);
    await checkScreen(page, 'welcome-4-snapshot', PHONE.name);
    await page.getByRole('button', { name: 'Next: choose your starting stage' }).click();

    await page.getByRole('radio', { name: /Stage 2, Static holds/ }).check();
    await checkScreen(page, 'welcome-5-stage', PHONE.name);
    await page.getByRole('button', { name: 'Start the programme and my first set' }).click();
    await expect(page).toHaveURL(/\/session\?exercise=wall-extension-hold&target=10&hold=10/);
    const session = new SessionPage(page);
    await expect(page.getByRole('combobox', { name: 'Exercise' })).toHaveValue('wall-extension-hold');
    await session.startWithCamera();
    // The set checks the setup, then measures the neutral stance: it is running.
    await expect(session.phase()).toHaveAttribute('data-set-phase', 'running', { timeout: 60_000 });
    await expect(session.cueText()).toContainText(/Stand still|Neutral measured|Arch your upper back/);
    await session.endButton().click();
    await expect(session.summary()).toBeVisible();
    // Today now shows the programme.
    await page.goto('/');
    await expect(page.getByTestId('today-stage')).toContainText('Stage 2 of 5');
    await checkScreen(page, 'today', PHONE.name);
  });
});

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use(size.use);

    test(`snapshot (${size.name}): ready check, result with readable labels, camera off once shown`, async ({ page }) => {
      test.setTimeout(150_000);
      await trackCameras(page);
      await page.goto('/snapshot?engine=mediapipe&model=full');
      await page.getByRole('button', { name: 'Start camera' }).click();
      const take = page.getByRole('button', { name: 'Take snapshot' });
      await expect(take).toBeEnabled({ timeout: 90_000 });
      await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
      await checkScreen(page, 'snapshot-ready', size.name);
      await take.click();
      await expect(page.getByTestId('snapshot-result')).toBeVisible({ timeout: 30_000 });
      const states = await cameraTrackStates(page);
      expect(states.length).toBeGreaterThan(0);
      expect(states.every((s) => s === 'ended')).toBe(true);
      // The walker's head-forward angle is upright: the words and the chart zone agree.
      await expect(page.getByTestId('result-head-forward')).toHaveAttribute('data-band', 'upright');
      await expect(page.getByTestId('snapshot-result')).toContainText('Your head sits over your shoulders');
      await expect(page.getByTestId('snapshot-result')).toContainText('Your shoulders are');
      // Labels on the annotated picture are drawn for its size on screen.
      const scale = await page.getByTestId('snapshot-picture').evaluate((c: HTMLCanvasElement) => c.width / c.getBoundingClientRect().width);
      expect(scale).toBeGreaterThan(0);
      await expect(page.getByTestId('snapshot-history').locator('tbody tr')).toHaveCount(1);
      await checkScreen(page, 'snapshot-result', size.name);
      await page.getByRole('button', { name: 'Take another snapshot' }).click();
      await expect(page.getByRole('button', { name: 'Take snapshot' })).toBeEnabled({ timeout: 60_000 });
    });

    test(`setup check (${size.name}): every line ticked, frame edges shown, Stop camera ends it`, async ({ page }) => {
      await trackCameras(page);
      await page.goto('/setup?engine=mediapipe&model=full');
      await page.getByRole('button', { name: 'Start camera' }).click();
      await expect(page.getByTestId('setup-verdict')).toContainText('All set', { timeout: 90_000 });
      await checkScreen(page, 'setup', size.name);
      await page.getByRole('button', { name: 'Stop camera' }).click();
      expect(await cameraTrackStates(page)).toEqual(['ended']);
    });
  });
}

test.describe('an empty set', () => {
  test.use(LAPTOP.use);

  test('a set ended with nothing counted saves nothing, leaves Today unchanged and no running message behind', async ({ page }) => {
    test.setTimeout(150_000);
    await trackCameras(page);
    await page.goto('/');
    await page.getByRole('button', { name: 'Skip the guide: choose a stage' }).click();
    await page.getByRole('radio', { name: /Stage 2, Static holds/ }).check();
    await page.getByRole('button', { name: 'Start the programme and my first set' }).click();
    await expect(page).toHaveURL(/exercise=wall-extension-hold/);
    await page.goto('/');
    const done = page.getByTestId('today-done');
    await expect(done).toHaveText('Done today: 0 of 2 sessions.');
    await checkScreen(page, 'today', LAPTOP.name);

    // Today loads the engine of Settings while the person reads it; the set's page borrows it.
    const engines = () => page.evaluate(() => (window as unknown as { __postureEngines: { starts: number; kept: { model: string; ready: boolean } | null } }).__postureEngines);
    await expect.poll(async () => (await engines()).kept?.ready, { timeout: 90_000 }).toBe(true);
    expect((await engines()).starts).toBe(1);
    await page.getByRole('link', { name: /^Start wall extension hold/ }).click();
    const session = new SessionPage(page);
    await session.startWithCamera();
    await expect(session.phase()).toHaveAttribute('data-set-phase', 'running', { timeout: 60_000 });
    expect((await engines()).starts).toBe(1);
    await expect(session.cueText()).not.toBeEmpty();
    await session.endButton().click();
    await expect(session.summary()).toHaveAttribute('data-status', 'empty');
    await expect(session.cueText()).toHaveText('Nothing was counted, so nothing was saved.');
    await expect(session.summary()).not.toContainText(/Stand still|Arch your|Carrying on|nobody in view|Neutral measured/);
    await expect(page.getByRole('form', { name: 'How did that feel?' })).toHaveCount(0);
    expect(await countRecords(page, 'sets')).toBe(0);
    expect(await countRecords(page, 'sessions')).toBe(0);
    expect((await cameraTrackStates(page)).every((s) => s === 'ended')).toBe(true);

    await page.goto('/');
    await expect(done).toHaveText('Done today: 0 of 2 sessions.');
    await expect(page.getByTestId('today-partial')).toHaveCount(0);
  });
});
