// Head and shoulders only (a portrait): the model still reports hips, on the arms, with high
// visibility. Nothing that needs the hips may be shown, checked off or counted.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { countRecords } from './screens';
import { LivePage } from './live-page';
import { SessionPage } from './session-page';

const run = promisify(execFile);
const camera = fakeCameraFile('images/skimage_astronaut_PD.png');
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

test('the live view gives no trunk angle, and the page and the CLI give the same reason', async ({ page }) => {
  test.setTimeout(150_000);
  const live = new LivePage(page);
  await live.open('mediapipe', 'full');
  await live.startButton().click();
  await expect.poll(() => live.landmarkCount(), { timeout: 90_000 }).toBe(33);
  const trunk = page.getByTestId('live-trunk');
  await expect(trunk).toHaveAttribute('data-refusal', 'hips-not-visible', { timeout: 10_000 });
  await expect(trunk).toHaveText('–');
  const { stdout } = await run('node_modules/.bin/tsx', ['tools/analyze/cli.ts', camera, '--snapshot', '--json'], { maxBuffer: 1 << 24 });
  const cli = JSON.parse(stdout) as { snapshot: { trunkExtensionDeg: number | null; refusals: { trunkExtension: { code: string } | null } } };
  expect(cli.snapshot.trunkExtensionDeg).toBeNull();
  expect(cli.snapshot.refusals.trunkExtension?.code).toBe('hips-not-visible');
});

test('the snapshot ready check fails on the hips', async ({ page }) => {
  await page.goto('/snapshot?engine=mediapipe&model=full');
  await page.getByRole('button', { name: 'Start camera' }).click();
  const parts = page.getByRole('list', { name: 'Ready check' }).locator('li[data-check="parts"]');
  await expect(parts).toHaveAttribute('data-ok', 'no', { timeout: 90_000 });
  await expect(parts).toContainText('hips are not visible');
  await expect(page.getByRole('button', { name: 'Take snapshot' })).toBeDisabled();
});

test('the wall hold refuses to start measuring the neutral, says why, and saves nothing', async ({ page }) => {
  test.setTimeout(150_000);
  const session = new SessionPage(page);
  await session.open('mediapipe', 'full', 'exercise=wall-extension-hold&target=10');
  await session.startWithCamera();
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'setup', { timeout: 30_000 });
  await expect(page.getByTestId('setup-checklist').locator('li[data-check="parts"]')).toHaveAttribute('data-ok', 'no', { timeout: 30_000 });
  await expect(page.locator('.focus-detail')).toContainText('hips are not visible');
  // It stays refused: no neutral is measured from this picture.
  await page.waitForTimeout(3000);
  await expect(session.phase()).toHaveAttribute('data-set-phase', 'setup');
  await session.endButton().click();
  await expect(session.summary()).toHaveAttribute('data-status', 'empty');
  expect(await countRecords(page, 'sets')).toBe(0);
});
