// The automatic model choice end to end (lib/pose/auto-model.ts, lib/settings.ts resolveEngine,
// lib/camera/pose-camera.ts judgeModel): the live page with nothing chosen in Settings or the
// page address. Every other camera test pins the engine and model in the address, which turns
// the automatic choice off.
//
// The camera gives 5 frames a second, so whatever this machine's speed, the measured rate is
// below the usable 15: Automatic starts on MediaPipe's full model (this browser has WebGL2),
// measures it for a second plus four, and steps down to lite, which the live page may use (its
// readout reads ear, shoulder and hip, no leg). The verdict is remembered for this device.
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeCameraArgs } from '../../tools/browser/chromium';
import { fakeCameraFile } from './fake-camera';
import { LivePage } from './live-page';

const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', { fps: 5 });
test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(camera)) });

/** The automatic choice remembered for this device (Settings' `pose.autoModel`), or null. */
type Verdict = { engine: string; model: string; fps: number | null; reason: string };
function remembered(page: Page): Promise<Verdict | null> {
  return page.evaluate(
    () =>
      new Promise<Verdict | null>((resolve, reject) => {
        const open = indexedDB.open('posture-tracker');
        open.onupgradeneeded = () => {
          open.transaction?.abort();
          resolve(null);
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('settings', 'readonly').objectStore('settings').get('pose.autoModel');
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { value?: Verdict } | undefined)?.value ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

test('with no engine or model chosen, the live page starts on full, measures it, and steps down to lite below 15 fps', async ({ page }) => {
  test.setTimeout(60_000);
  const live = new LivePage(page);
  await page.goto('/live');
  await expect(page.getByRole('heading', { name: 'Live view' })).toBeVisible();
  expect(await remembered(page)).toBeNull();
  await live.startButton().click();

  // The automatic starting point (an address-pinned page would show what the address says).
  await expect(page.getByTestId('hud-engine')).toHaveText('MediaPipe full', { timeout: 60_000 });
  await expect.poll(() => live.landmarkCount(), { timeout: 30_000 }).toBe(33);

  // About 5 s of frames later: full ran at about 5 fps here, so Automatic moves to lite.
  await expect(page.getByTestId('hud-engine')).toHaveText('MediaPipe lite', { timeout: 30_000 });
  await expect.poll(() => live.landmarkCount(), { timeout: 30_000 }).toBe(33);
  // Remembered for this device: the step down, or (5 s of lite later) lite's own measurement.
  const verdict = await remembered(page);
  expect(verdict).toMatchObject({ engine: 'mediapipe', model: 'lite' });
  const reason = /^The full model ran at (\d+) frames per second here \(below 15\); trying the lite model\.$|^The lite model, the fastest, runs at (\d+) frames per second on this device/.exec(verdict!.reason);
  expect(reason, verdict!.reason).not.toBeNull();
  expect(Number(reason![1] ?? reason![2])).toBeLessThan(15);
});
