// The weekly range check (/range) end to end with the fake camera playing the rendered figure's
// seated rotation (fixtures synthetic/clips/rotation_A-near.mp4, exact truth per frame):
// 0 -> +45 -> 0 -> -45 -> 0 over 8 s, looped. The other three tests are skipped. An earlier
// check is written first, so the start screen shows it and the results compare with it.
// The overhead reach is in range-reach.spec.ts (another camera file, so another browser).
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { countRecords } from './screens';
import { readFileSync } from 'node:fs';
import { bothSizes, DAY_MS, medianOf, putRecord, rotationCamera, seedCheck, seedProgramme, trialsOf } from './range-helpers';
import { parseTrackJsonl } from '../../lib/tracks/jsonl';
import { figure } from '../figures';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(rotationCamera())) });

test('rotation end to end: three turns a side counted, medians about 45°, compared with the last check, saved and shown after a reload', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/range?engine=mediapipe&model=full');
  await expect(page.getByRole('heading', { name: 'Range check', level: 1 })).toBeVisible();
  await expect(page.getByTestId('range-first')).toBeVisible();
  await seedCheck(page, Date.now() - 8 * DAY_MS);
  await seedProgramme(page);
  // "Keep the landmarks" on: the check keeps its frames and its results offer them as files.
  await putRecord(page, 'settings', { key: 'tracks.keep', value: true });

  // Today offers the weekly check: the last one was 8 days ago.
  await page.goto('/');
  const card = page.getByTestId('today-range');
  await expect(card).toHaveAttribute('data-due', 'true');
  await expect(card).toContainText('Last done');
  await bothSizes(page, 'today-range-due');
  await card.getByRole('link', { name: 'Do the range check' }).click();
  await expect(page).toHaveURL(/\/range$/);
  await page.goto('/range?engine=mediapipe&model=full');
  const last = page.getByTestId('range-last');
  await expect(last).toContainText('one is due');
  await expect(page.getByTestId('range-last-rotation-left')).toHaveText('30° ± 1°');
  await expect(page.getByTestId('range-start')).toBeEnabled();
  await bothSizes(page, 'range-start');

  await page.getByTestId('range-start').click();
  const view = page.getByTestId('range-test');
  await expect(view).toHaveAttribute('data-test', 'head-position');
  await expect(page.getByTestId('range-title')).toHaveText('Head position');
  await page.getByRole('button', { name: 'Skip test' }).click();
  await expect(view).toHaveAttribute('data-test', 'standing-extension');
  await page.getByRole('button', { name: 'Skip test' }).click();
  await expect(view).toHaveAttribute('data-test', 'overhead-reach');
  await page.getByRole('button', { name: 'Skip test' }).click();
  await expect(view).toHaveAttribute('data-test', 'rotation');
  await expect(page.getByTestId('range-prompt')).toContainText('Sit still facing the camera');

  // The neutral (the 2 s still at the start of the file), then the first trials.
  await expect(view).toHaveAttribute('data-phase', 'trials', { timeout: 90_000 });
  await expect(page.getByTestId('range-prompt')).toContainText(/Turn your shoulders to your (left|right)/);
  const trials = page.getByTestId('range-trials');
  await expect(trials).toHaveAttribute('data-counted', /^[1-9]/, { timeout: 30_000 });
  await expect(page.getByTestId('range-announcer')).toContainText(/Counted|did not count/);
  await bothSizes(page, 'range-test', false);

  await expect(page.getByTestId('range-check')).toHaveAttribute('data-stage', 'results', { timeout: 120_000 });
  await expect(page.getByTestId('range-save-status')).toHaveAttribute('data-state', 'saved');
  const left = await medianOf(page, 'range-result-rotation-left');
  const right = await medianOf(page, 'range-result-rotation-right');
  const leftTrials = await trialsOf(page, 'rotation-left');
  const rightTrials = await trialsOf(page, 'rotation-right');
  figure('e2e-range', 'rotation render through the page: left median and trials, right median and trials', { left, leftTrials, right, rightTrials }, `[range] rotation left ${left} (${leftTrials.join(', ')}), right ${right} (${rightTrials.join(', ')})`);
  expect(leftTrials).toHaveLength(3);
  expect(rightTrials).toHaveLength(3);
  for (const m of [left, right]) {
    expect(m).toBeGreaterThanOrEqual(35);
    expect(m).toBeLessThanOrEqual(55);
  }
  await expect(page.getByTestId('range-sides')).toBeVisible();
  // The earlier check read 30° to the left: a real change; 44° to the right: within the error, or near it.
  await expect(page.getByTestId('range-change-rotation-left')).toHaveAttribute('data-within', 'false');
  await expect(page.getByTestId('range-change-rotation-right')).toBeVisible();
  for (const test of ['head-position', 'standing-extension', 'overhead-reach']) await expect(page.getByTestId(`range-skipped-${test}`)).toHaveText('Skipped.');
  await expect(page.getByTestId('range-result-reach')).toHaveCount(0);
  const kept = page.getByTestId('range-landmarks');
  await expect(kept).toHaveAttribute('data-state', 'saved');
  const [jsonl] = await Promise.all([page.waitForEvent('download'), kept.getByRole('button', { name: 'Landmarks (JSONL)' }).click()]);
  expect(jsonl.suggestedFilename()).toMatch(/^range-check-\d{4}-\d\d-\d\d-\d{4}-landmarks\.jsonl$/);
  const frames = parseTrackJsonl(readFileSync(await jsonl.path(), 'utf8'));
  expect(frames.filter((f) => f.landmarks && f.world).length).toBeGreaterThan(60);
  await bothSizes(page, 'range-results');

  await page.reload();
  expect(await countRecords(page, 'rangeChecks')).toBe(2);
  expect(await countRecords(page, 'tracks')).toBe(1);
  await expect(page.getByTestId('range-last-rotation-left')).toHaveAttribute('data-median', String(left));
  await expect(page.getByTestId('range-last-rotation-right')).toHaveAttribute('data-median', String(right));
  await expect(page.getByTestId('range-last')).not.toContainText('one is due');
  await page.goto('/');
  await expect(page.getByTestId('today-range')).toHaveAttribute('data-due', 'false');
  await expect(page.getByTestId('today-range')).toContainText('The next one is due from');
});
