// A whole routine done in full, with the fake camera: the programme on stage 1 (its exercise is
// cat-cow, 30 s, cycles counted) and one drill on, the band pull-apart (15 reps, facing the
// camera); the other drills are turned off. No real footage of either exists, so the camera plays
// the two renders with exact truth one after the other, looped (fixtures synthetic/routine:
// catcow_A.mp4, 5 cycles side-on on all fours, then pullapart_A.mp4 twice, 6 reps each, facing the camera
// from 1.1 m high, below the shoulders, where the old wrist-nose-wrist signal counted nothing).
// Each step counts only in its own part of the loop: the other part is the wrong position.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { CAMERA_HEIGHT, CAMERA_WIDTH, FIXTURES } from './fake-camera';
import { bothSizes, DAY_MS, putRecord, readTable } from './range-helpers';
import { startProgramme } from '../../lib/progression';
import { PROGRAMME_KEY, type ProgrammeRecord } from '../../lib/storage/programme-record';
import { DEFAULT_ROUTINE_PREFS, setItemOn } from '../../lib/routine/plan';

/** The cat-cow render twice, then the pull-apart render three times, at 15 fps in the camera's 640x480 frame (made once per machine). */
function routineCamera(): string {
  const dir = path.join(os.tmpdir(), 'posture-e2e-y4m');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'routine-catcow-2x-then-pullapart-3x-15fps.y4m');
  if (!existsSync(out)) {
    const fit = `fps=15,scale=${CAMERA_WIDTH}:${CAMERA_HEIGHT}:force_original_aspect_ratio=decrease:flags=lanczos,pad=${CAMERA_WIDTH}:${CAMERA_HEIGHT}:(ow-iw)/2:(oh-ih)/2,format=yuv420p,setsar=1`;
    const tmp = `${out}.tmp-${process.pid}.y4m`;
    execFileSync('ffmpeg', [
      '-v', 'error', '-y',
      '-i', path.join(FIXTURES, 'synthetic/routine/catcow_A.mp4'),
      '-i', path.join(FIXTURES, 'synthetic/routine/pullapart_A.mp4'),
      '-an', '-filter_complex', `[0:v]${fit},split=2[a1][a2];[1:v]${fit},split=3[b1][b2][b3];[a1][a2][b1][b2][b3]concat=n=5:v=1[out]`,
      '-map', '[out]', '-f', 'yuv4mpegpipe', tmp,
    ]);
    execFileSync('mv', [tmp, out]);
  }
  return out;
}

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(routineCamera())) });

const run = (page: Page) => page.getByTestId('routine-run');

test('a whole routine done in full: the stage cat-cow and 15 band pull-aparts counted by the camera, saved as complete, shown on Today', async ({ page }) => {
  test.setTimeout(420_000);
  await page.goto('/settings');
  // The settings are drawn once read (the defaults: this browser has no records yet).
  await expect(page.getByTestId('routine-settings')).toBeVisible();
  const record: ProgrammeRecord = { id: PROGRAMME_KEY, state: startProgramme(Date.now() - 3 * DAY_MS, 1), growthPercent: 7.5 };
  await putRecord(page, 'programme', record);
  let prefs = DEFAULT_ROUTINE_PREFS;
  for (const id of ['foam-roll', 'table-top-twist', 'thoracic-bridge', 'roller-mobilisation']) prefs = setItemOn(prefs, id, false);
  await putRecord(page, 'settings', { key: 'routine.prefs', value: prefs });
  // "Keep the landmarks" on: each counted step's set keeps its frames, as on the session page.
  await putRecord(page, 'settings', { key: 'tracks.keep', value: true });

  await page.goto('/routine?engine=mediapipe&model=full');
  await expect(page.getByTestId('routine-plan').locator('[data-testid^="routine-plan-"]')).toHaveCount(2);
  await page.getByTestId('routine-start').click();

  // "Ready: start now" ends the 10 s position countdown at once.
  await expect(run(page)).toHaveAttribute('data-step', 'stage');
  await expect(run(page)).toHaveAttribute('data-phase', 'position');
  await page.getByTestId('routine-ready').click();
  await expect(run(page)).toHaveAttribute('data-phase', 'active', { timeout: 2000 });
  await expect(run(page)).toHaveAttribute('data-phase', 'rest', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Skip rest' }).click();
  await expect(run(page)).toHaveAttribute('data-step', 'band-pull-apart');
  await expect(run(page)).toHaveAttribute('data-phase', 'position');
  await page.getByTestId('routine-ready').click();
  await expect(run(page)).toHaveAttribute('data-count', /^[1-9]/, { timeout: 90_000 });
  await bothSizes(page, 'routine-pull-apart', false);

  const done = page.getByTestId('routine-done');
  await expect(done).toHaveAttribute('data-status', 'complete', { timeout: 240_000 });
  await expect(page.getByTestId('routine-save')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('routine-result-band-pull-apart')).toHaveAttribute('data-count', '15');
  console.log(`[routine] stage cat-cow cycles: ${await page.getByTestId('routine-result-stage').getAttribute('data-count')}`);
  await bothSizes(page, 'routine-complete');
  // Both counted sets (the stage's and the pull-apart's) kept their landmarks, under their ids.
  await expect.poll(async () => (await readTable<{ id: string }>(page, 'tracks')).length, { timeout: 10_000 }).toBe(2);
  const sets = await readTable<{ id: string }>(page, 'sets');
  const tracks = await readTable<{ id: string; kind: string; frameCount: number }>(page, 'tracks');
  expect(tracks.every((t) => t.kind === 'set' && t.frameCount > 100 && sets.some((s) => s.id === t.id))).toBe(true);

  await page.goto('/');
  await expect(page.getByTestId('today-routine-status')).toHaveText('Done today.');
  await expect(page.getByTestId('today-routine-start')).toHaveText('Do the routine again');
});
