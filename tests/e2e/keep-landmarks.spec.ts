import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LANDMARK_COUNT } from '../../lib/pose/landmarks';
import { parseTrackJsonl } from '../../lib/tracks/jsonl';
import { TRC_MARKER_NAMES } from '../../lib/tracks/trc';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile, SQUATS_SESSION_CLIP } from './fake-camera';
import { checkScreen, countRecords } from './screens';
import { SessionPage } from './session-page';

// Keeping landmarks (Settings, off by default): one short squat set through the fake camera
// with the setting on, its landmarks downloaded from Trends as JSONL and TRC and read back;
// then with the setting off, a set (the downloaded landmarks replayed) keeps none and shows no
// download. The squats clip, as in session-squats.spec.ts (the same camera file, made once).
const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', SQUATS_SESSION_CLIP);
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

/** The phone-size screenshot of what `target` shows, then back to the laptop size. */
async function bothSizes(page: Page, name: string, target: Locator) {
  const laptop = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await target.scrollIntoViewIfNeeded();
  await checkScreen(page, name, 'phone', { fullPage: false });
  await page.setViewportSize(laptop);
}

async function setKeep(page: Page, keep: boolean) {
  await page.goto('/settings');
  const box = page.getByRole('checkbox', { name: 'Keep the landmarks of my sets and range checks' });
  await expect(box).toBeEnabled();
  await expect(box).not.toBeChecked();
  if (!keep) return;
  await box.check();
  await expect(page.getByRole('status').filter({ hasText: 'Landmarks will be kept' })).toBeVisible();
}

test('with "Keep the landmarks" on, a set keeps them and Trends downloads them as JSONL and TRC; off, nothing is kept', async ({ page }) => {
  test.setTimeout(150_000);
  // Off by default; on from here.
  await setKeep(page, true);
  await expect(page.getByText('Landmarks are numbers, never pictures')).toBeVisible();
  await checkScreen(page, 'settings-landmarks', 'laptop');
  await bothSizes(page, 'settings-landmarks', page.getByRole('checkbox', { name: 'Keep the landmarks of my sets and range checks' }));

  const session = new SessionPage(page);
  await session.open();
  await session.choose(/^Squat/, 10);
  await session.startWithCamera();
  await expect(session.repCount()).toContainText(/^[1-9]/, { timeout: 45_000 });
  await session.endButton().click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved in this browser.');
  const kept = page.getByTestId('set-landmarks');
  await expect(kept).toHaveAttribute('data-state', 'saved');
  const shown = Number((await kept.textContent())!.match(/([\d,]+) frames/)![1].replace(/,/g, ''));
  expect(shown).toBeGreaterThan(20);
  expect(await countRecords(page, 'tracks')).toBe(1);
  await checkScreen(page, 'set-landmarks', 'laptop');
  await bothSizes(page, 'set-landmarks', kept);

  await page.goto('/trends');
  const entry = page.getByTestId('kept-track');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Squat');

  const [jsonl] = await Promise.all([page.waitForEvent('download'), entry.getByRole('button', { name: 'Landmarks (JSONL)' }).click()]);
  expect(jsonl.suggestedFilename()).toMatch(/^squat-\d{4}-\d\d-\d\d-\d{4}-landmarks\.jsonl$/);
  // Kept under its own name: the session page reads a recording by its .jsonl name.
  const jsonlPath = path.join(test.info().outputDir, jsonl.suggestedFilename());
  await jsonl.saveAs(jsonlPath);
  const frames = parseTrackJsonl(readFileSync(jsonlPath, 'utf8'));
  expect(frames).toHaveLength(shown);
  const posed = frames.filter((f) => f.landmarks);
  expect(posed.length).toBeGreaterThan(shown / 2);
  for (const f of posed) {
    expect(f.landmarks).toHaveLength(LANDMARK_COUNT);
    expect(f.landmarks!.flat().every(Number.isFinite)).toBe(true);
    expect(f.world).toHaveLength(LANDMARK_COUNT);
  }
  // The bytes a minute Settings states, from this set's own frames (1,070 bytes a frame).
  const seconds = (frames.at(-1)!.timestampMs - frames[0].timestampMs) / 1000;
  console.log(`[keep-landmarks] ${shown} frames in ${seconds.toFixed(1)} s (${(shown / seconds).toFixed(1)} frames a second): ${((shown * 1070 * 60) / seconds / 1e6).toFixed(2)} MB a minute`);

  // A camera's frames are not evenly spaced: each keeps its own time in the TRC's Time column.
  const [trc] = await Promise.all([page.waitForEvent('download'), entry.getByRole('button', { name: 'Landmarks (TRC)' }).click()]);
  expect(trc.suggestedFilename()).toMatch(/^squat-\d{4}-\d\d-\d\d-\d{4}-landmarks\.trc$/);
  const lines = readFileSync(await trc.path(), 'utf8').split('\n');
  expect(lines[0].split('\t').slice(0, 3)).toEqual(['PathFileType', '4', '(X/Y/Z)']);
  expect(lines[2].split('\t')[2]).toBe(String(shown));
  expect(lines[3].split('\t').filter(Boolean).slice(2)).toEqual([...TRC_MARKER_NAMES]);
  const rows = lines.slice(6).filter((l) => l.trim());
  expect(rows).toHaveLength(shown);
  for (const row of rows) expect(row.split('\t')).toHaveLength(2 + 3 * LANDMARK_COUNT);
  // Times as measured (seconds), increasing; marker cells numbers wherever the frame had a pose.
  const times = rows.map((r) => Number(r.split('\t')[1]));
  times.forEach((t, i) => i > 0 && expect(t).toBeGreaterThan(times[i - 1]));
  expect(rows.filter((r) => r.split('\t').slice(2).every((c) => c !== '' && Number.isFinite(Number(c)))).length).toBe(posed.length);
  await checkScreen(page, 'trends-landmarks', 'laptop');
  await page.setViewportSize({ width: 390, height: 844 });
  await entry.scrollIntoViewIfNeeded();
  await checkScreen(page, 'trends-landmarks', 'phone', { fullPage: false });

  // Off again: the same landmarks replayed as a recording keep nothing, and no download shows.
  // The settings are read before the box can change (the page's first paint draws the defaults,
  // disabled): uncheck() on that placeholder would do nothing.
  await page.goto('/settings');
  const box = page.getByRole('checkbox', { name: 'Keep the landmarks of my sets and range checks' });
  await expect(box).toBeEnabled();
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'Landmarks will not be kept' })).toBeVisible();
  await session.open();
  await session.choose(/^Squat/, 10);
  await page.getByTestId('video-input').setInputFiles(jsonlPath);
  await expect(session.summary()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('set-landmarks')).toHaveCount(0);
  await expect(page.getByTestId('track-downloads')).toHaveCount(0);
  expect(await countRecords(page, 'tracks')).toBe(1);
});
