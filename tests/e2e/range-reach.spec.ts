// The range check's overhead reach end to end with the fake camera playing the rendered figure's
// three raises (fixtures synthetic/clips/flexion_A-near.mp4, exact truth per frame): 170°
// upright, 150° upright, and 150° with a 20° arch that an arm-against-vertical reading would
// take for 170°. Head position and extension are skipped (the first by keyboard); the check is
// stopped as the rotation test begins, with storage full.
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { RANGE_GUIDES } from '../../lib/range';
import { bothSizes, medianOf, reachCamera, trialsOf } from './range-helpers';
import { simulateFullStorage } from './storage-faults';
import { figure } from '../figures';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(reachCamera())) });

test('overhead reach end to end: an arched reach reads as the 150° it is, by keyboard; storage full says so and saving again works', async ({ page }) => {
  test.setTimeout(240_000);
  await simulateFullStorage(page);
  await page.goto('/range?engine=mediapipe&model=full');
  await expect(page.getByTestId('range-start')).toBeEnabled();
  await page.getByTestId('range-start').click();
  const view = page.getByTestId('range-test');
  await expect(view).toHaveAttribute('data-test', 'head-position');
  // By keyboard: focus is in the test's panel; the first control after it is Skip test.
  await expect(page.locator('#range-progress')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip test' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(view).toHaveAttribute('data-test', 'standing-extension');
  await page.getByRole('button', { name: 'Skip test' }).click();
  await expect(view).toHaveAttribute('data-test', 'overhead-reach');
  // Reach needs no still start (the arm is read against the trunk line): straight to the raises.
  await expect(view).toHaveAttribute('data-phase', 'trials', { timeout: 90_000 });
  await expect(page.getByTestId('range-prompt')).toContainText('Raise both straight arms');
  await expect(page.getByTestId('range-trials')).toHaveAttribute('data-counted', /^[1-9]/, { timeout: 60_000 });
  await bothSizes(page, 'range-test-reach', false);
  // Storage fills up before the end of the check.
  await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = true));
  // Three reaches counted: the test is done, and the rotation test begins; stop there.
  await expect(view).toHaveAttribute('data-test', 'rotation', { timeout: 90_000 });
  // Standing side-on for a test read facing the camera: nothing is measured, and the page says
  // why this test needs that view (on screen; in the live region and aloud once it lasts).
  const live = page.getByTestId('range-live');
  await expect(live).toContainText(RANGE_GUIDES.rotation.why, { timeout: 30_000 });
  console.log(`[range] rotation seen side-on: ${await live.getAttribute('data-code')}: ${await live.textContent()}`);
  await expect(page.getByTestId('range-announcer')).toContainText(RANGE_GUIDES.rotation.why, { timeout: 30_000 });
  await expect(page.getByTestId('range-trials')).toHaveAttribute('data-counted', '0');
  await bothSizes(page, 'range-test-wrong-view', false);
  await page.getByRole('button', { name: 'Stop' }).click();

  await expect(page.getByTestId('range-check')).toHaveAttribute('data-stage', 'results');
  await expect(page.getByTestId('range-save-status')).toHaveAttribute('data-state', 'error');
  await expect(page.locator('[role="alert"][data-problem="storage-quota"]')).toContainText('storage for the app is full');
  const reach = await medianOf(page, 'range-result-reach');
  const trials = await trialsOf(page, 'reach');
  figure('e2e-range-reach', 'reach render through the page: median and trials', { reach, trials }, `[range] reach ${reach} (${trials.join(', ')})`);
  expect(trials).toHaveLength(3);
  expect(reach).toBeGreaterThanOrEqual(140);
  expect(reach).toBeLessThanOrEqual(180);
  // One raise of each kind: 170° upright, 150° upright, 150° with a 20° arch. The arched one
  // (the trial with the trunk lean) reads as the 150° it is, against the trunk line; read
  // against vertical it would look like 170°.
  const leans = ((await page.getByTestId('range-result-reach').getAttribute('data-leans')) ?? '').split(',').map(Number);
  expect(leans).toHaveLength(3);
  const archedAt = leans.indexOf(Math.max(...leans));
  figure('e2e-range-reach', 'reach render through the page: trunk leans and the arched trial', { leans, arched: trials[archedAt] }, `[range] reach trunk leans ${leans.join(', ')}: arched trial ${trials[archedAt]}`);
  expect(leans[archedAt]).toBeGreaterThanOrEqual(10);
  expect(leans[archedAt]).toBeLessThanOrEqual(30);
  expect(trials[archedAt]).toBeGreaterThanOrEqual(140);
  expect(trials[archedAt]).toBeLessThanOrEqual(160);
  for (const [i, lean] of leans.entries()) if (i !== archedAt) expect(Math.abs(lean)).toBeLessThan(6);
  await expect(page.getByTestId('range-result-reach')).toContainText('Your back arched during trial');
  await expect(page.getByTestId('range-skipped-rotation')).toHaveText('Not done: the check was stopped during this test, before a trial.');
  await bothSizes(page, 'range-results-storage-full');

  await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = false));
  await page.getByRole('button', { name: 'Try saving again' }).click();
  await expect(page.getByTestId('range-save-status')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(page.getByTestId('range-last-reach')).toHaveAttribute('data-median', String(reach));
});
