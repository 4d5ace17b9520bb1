import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { CAMERA_HEIGHT, CAMERA_WIDTH, fakeCameraFile } from './fake-camera';

const run = promisify(execFile);
/** Page and CLI see the same frames through different decoders (camera pipeline vs ffmpeg). */
const EPSILON_DEG = 0.5;

// A still, side-on photo as the camera: one frame that Chromium repeats.
const camera = fakeCameraFile('images/sports2d_f150_walker_side_view_crop.jpg');
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

test('snapshot flow: ready check, 3-2-1, annotated result, saved across a reload, same numbers as the CLI', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/snapshot?engine=mediapipe&model=full');
  await expect(page.getByText('No snapshots yet')).toBeVisible();
  await page.getByRole('button', { name: 'Start camera' }).click();

  const take = page.getByRole('button', { name: 'Take snapshot' });
  await expect(take).toBeEnabled({ timeout: 90_000 });
  await expect(page.getByLabel('Ready check')).toContainText('Standing side-on to the camera');
  await take.click();
  await expect(page.getByRole('status').filter({ hasText: 'Hold still' })).toBeVisible();

  const result = page.getByTestId('snapshot-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  const picture = page.getByTestId('snapshot-picture');
  expect(await picture.evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([CAMERA_WIDTH, CAMERA_HEIGHT]);
  await expect(picture).toHaveAttribute('aria-label', /head-forward angle \d+ degrees, trunk angle -?\d+ degrees/);
  const headForward = Number(await page.getByTestId('result-head-forward').getAttribute('data-value'));
  const trunk = Number(await page.getByTestId('result-trunk').getAttribute('data-value'));
  expect(headForward).toBeGreaterThan(30);
  expect(headForward).toBeLessThan(70);
  expect(Math.abs(trunk)).toBeLessThanOrEqual(10);
  await expect(page.getByTestId('result-head-forward')).toContainText('±');
  await expect(result).toContainText('craniovertebral');
  await expect(page.getByTestId('save-status')).toHaveText('Saved to this browser’s history.');

  await page.reload();
  const rows = page.getByTestId('snapshot-history').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${headForward.toFixed(1)}°`);
  await expect(rows.first()).toContainText(`${trunk.toFixed(1)}°`);

  // The CLI on the very file the camera played.
  const { stdout } = await run('node_modules/.bin/tsx', ['tools/analyze/cli.ts', camera, '--snapshot', '--json'], { maxBuffer: 1 << 24 });
  const cli = JSON.parse(stdout) as { snapshot: { headForwardDeg: number; trunkExtensionDeg: number; view: string; side: string } };
  console.log(`[snapshot] page head-forward ${headForward.toFixed(2)}, trunk ${trunk.toFixed(2)}; CLI ${cli.snapshot.headForwardDeg}, ${cli.snapshot.trunkExtensionDeg}`);
  expect(cli.snapshot.view).toBe('side');
  expect(cli.snapshot.side).toBe('left');
  expect(Math.abs(cli.snapshot.headForwardDeg - headForward)).toBeLessThanOrEqual(EPSILON_DEG);
  expect(Math.abs(cli.snapshot.trunkExtensionDeg - trunk)).toBeLessThanOrEqual(EPSILON_DEG);
});
