// Two minutes of the soak (tools/soak/soak.ts; `npm run soak` runs it for 30): squats counted
// loop after loop on the session page, the heap flat, one engine start, steady fps.
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { readY4mLoopMs, runSoak } from '../../tools/soak/soak';
import { fakeCameraFile, SOAK_CLIP, SOAK_REPS_PER_LOOP } from './fake-camera';
import { SessionPage } from './session-page';

// At the clip's own rate (5 frames a second), as every counting test's camera: a faster camera
// only shows the model each picture again. `npm run soak` keeps 15 fps, to load the model fully
// for 30 minutes.
const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', { ...SOAK_CLIP, noFasterThanClip: true });
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

test('soak, 2 minutes: the count grows by the loop\'s 5 squats every loop, heap flat, no engine restart, fps steady', async ({ page }) => {
  test.setTimeout(240_000);
  const session = new SessionPage(page);
  await session.open();
  await expect(page.getByRole('status').filter({ hasText: 'The pose model is loaded' })).toBeVisible({ timeout: 90_000 });
  const report = await runSoak(page, { minutes: 2, loopMs: readY4mLoopMs(camera), repsPerLoop: SOAK_REPS_PER_LOOP, sampleS: 10 });
  console.log(`[soak] ${JSON.stringify(report)}`);
  expect(report.problems).toEqual([]);
  expect(report.loops).toBeGreaterThanOrEqual(3);
  expect(report.reps).toBeGreaterThanOrEqual(SOAK_REPS_PER_LOOP * report.loops);
  expect(report.engineStarts).toBe(1);
  expect(report.heapGrowthPct).toBeLessThan(10);
});
