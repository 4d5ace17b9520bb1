// npm run soak -- [--minutes 30] [--engine mediapipe|tfjs] [--model lite|full|heavy] [--port N]
// The session page on a looping fake camera (the squats clip) for that long; prints what it
// measured (count per loop, heap growth, engine starts, fps) as JSON, and exits 1 on a problem.
// Builds the app first if there is no production build.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { fakeCameraFile, SOAK_CLIP, SOAK_REPS_PER_LOOP } from '../../tests/e2e/fake-camera';
import { chromiumLaunchOptions, fakeCameraArgs } from '../browser/chromium';
import { startApp } from '../harness/app-server';
import { ROOT } from '../harness/server';
import { readY4mLoopMs, runSoak } from './soak';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<number> {
  const minutes = Number(arg('--minutes', '30'));
  const engine = arg('--engine', 'mediapipe');
  const model = arg('--model', 'full');
  const port = Number(arg('--port', '3400'));
  const server = await startApp(port, '/session');
  const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', SOAK_CLIP);
  const browser = await chromium.launch(chromiumLaunchOptions(fakeCameraArgs(camera)));
  try {
    const { origin } = server;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${origin}/session?engine=${engine}&model=${model}`);
    await page.getByRole('status').filter({ hasText: 'The pose model is loaded' }).waitFor({ timeout: 120_000 });
    const report = await runSoak(page, { minutes, loopMs: readY4mLoopMs(camera), repsPerLoop: SOAK_REPS_PER_LOOP, sampleS: minutes >= 10 ? 30 : 10, log: (l) => console.error(l) });
    const out = path.join(ROOT, 'bench-results/soak.json');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify({ date: new Date().toISOString(), engine, model, ...report }, null, 2));
    console.log(JSON.stringify(report, null, 2));
    return report.problems.length ? 1 : 0;
  } finally {
    await browser.close();
    server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
