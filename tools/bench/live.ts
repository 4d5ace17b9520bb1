// npm run bench:live: the live page against the bare engine, in one headless Chromium run.
// For each engine and model, with the squats clip as the camera (30 fps, 640 px wide):
//   - first landmark after navigation (Start camera pressed as soon as it shows): cold (a fresh
//     browser context), reloaded (warm HTTP cache, engine started afresh), and warm in-app
//     (back to the page from another of the app's pages, the engine kept between pages as it
//     is after Today's preload);
//   - the live page's frames per second over windows (16 s in all);
//   - the bare engine's frames per second on the same camera frames (grabbed and decoded the
//     same way, same size, fed back to back to the same engine in its worker), 60 frames after
//     each live window (4 rounds), so both are measured in the same minute;
//   - main-thread long tasks (over 50 ms) while the page runs.
// Prints a markdown table and writes bench-results/live.json.
// Options: --heavy (adds the heavy model), --seconds N (live time in all, default 16),
// --rounds N (default 4), --only engine:model (repeatable), --port N.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { EngineKind, ModelVariant } from '../../lib/pose/types';
import { fakeCameraFile } from '../../tests/e2e/fake-camera';
import { fakeCameraArgs, launchChromium } from '../browser/chromium';
import { startApp } from '../harness/app-server';
import { ROOT } from '../harness/server';

const OUT_FILE = path.join(ROOT, 'bench-results/live.json');
const RAW_FRAMES = 60;
/** Time spent on another page before coming back to the live page. */
const READ_MS = 2000;
const WARMUP_S = 3;
/** After a bare run, the live loop runs this long before it is measured again. */
const SETTLE_MS = 1500;

interface Row {
  engine: EngineKind;
  model: ModelVariant;
  liveFps: number;
  rawFps: number;
  ratio: number;
  /**
   * Warm: the person came back to the page from another of the app's pages (the engine was
   * kept, as after Today's preload); navigation to the first landmark drawn, ms.
   */
  firstLandmarkMs: number;
  /** Warm HTTP cache, page reloaded (engine started afresh). */
  firstLandmarkReloadMs: number;
  /** Fresh browser profile. */
  firstLandmarkColdMs: number;
  /** Median inference time inside the worker during the bare runs (mean of the rounds' medians), ms. */
  inferenceMs: number;
  /** Mean time inside the worker per frame while the live page ran, ms. */
  liveInferenceMs: number;
  /** Mean time per frame the engine waited for a camera frame in the live loop, ms. */
  liveWaitMs: number;
  longTasks: number;
  longestTaskMs: number;
  engineStarts: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Probe = { frames: number; inferenceTotalMs: number; idleMs: number; engineStarts: number; firstLandmarkMs: number | null };

/** Opens the live page, presses Start camera at once, and returns ms from navigation to the first landmark. */
async function firstLandmark(page: Page, url: string, reload: boolean): Promise<number> {
  if (reload) await page.reload();
  else await page.goto(url);
  await page.getByRole('button', { name: 'Start camera' }).click({ timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as { __postureLive?: Probe }).__postureLive?.firstLandmarkMs != null, null, { timeout: 120_000, polling: 50 });
  return page.evaluate(() => (window as unknown as { __postureLive: Probe }).__postureLive.firstLandmarkMs!);
}

/**
 * From the live page to another of the app's pages (the camera stops, the engine is kept), a
 * moment there, then back: ms from that navigation to the first landmark.
 */
async function firstLandmarkInApp(page: Page, target: string): Promise<number> {
  await page.getByRole('link', { name: 'Trends' }).first().click();
  await page.waitForURL('**/trends');
  await page.waitForTimeout(READ_MS);
  const t0 = await page.evaluate((href) => {
    const w = window as unknown as { __postureLive: Probe; next: { router: { push(href: string): void } } };
    w.__postureLive.firstLandmarkMs = null;
    const now = performance.now();
    w.next.router.push(href);
    return now;
  }, target);
  await page.getByRole('button', { name: 'Start camera' }).click({ timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as { __postureLive?: Probe }).__postureLive?.firstLandmarkMs != null, null, { timeout: 120_000, polling: 50 });
  return (await page.evaluate(() => (window as unknown as { __postureLive: Probe }).__postureLive.firstLandmarkMs!)) - t0;
}

async function main(): Promise<void> {
  const seconds = Number(arg('--seconds') ?? 16);
  const rounds = Math.max(1, Number(arg('--rounds') ?? 4));
  const port = Number(arg('--port') ?? 3300);
  const models: ModelVariant[] = process.argv.includes('--heavy') ? ['lite', 'full', 'heavy'] : ['lite', 'full'];
  // --only mediapipe:lite (repeatable): just those rows.
  const only = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--only' ? [a] : []));
  const server = await startApp(port, '/live');
  const { origin } = server;
  const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', { width: 640, fps: 30, whole: true });
  const browser = await launchChromium(fakeCameraArgs(camera));
  const rows: Row[] = [];
  try {
    for (const engine of ['mediapipe', 'tfjs'] as const) {
      for (const model of models) {
        if (only.length > 0 && !only.includes(`${engine}:${model}`)) continue;
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await page.addInitScript(() => {
          const w = window as unknown as { __longTasks: number[] };
          w.__longTasks = [];
          new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
        });
        const url = `${origin}/live?engine=${engine}&model=${model}`;
        const firstLandmarkColdMs = await firstLandmark(page, url, false);
        const firstLandmarkReloadMs = await firstLandmark(page, url, true);
        const firstLandmarkMs = await firstLandmarkInApp(page, `/live?engine=${engine}&model=${model}`);
        await page.waitForTimeout(WARMUP_S * 1000);
        // Live windows and bare runs take turns, so a machine that speeds up or slows down
        // during the row (other work, clock changes) weighs on both alike.
        const probe = () => page.evaluate(() => ({ ...(window as unknown as { __postureLive: Probe }).__postureLive, now: performance.now() }));
        let liveFrames = 0;
        let liveMs = 0;
        let liveInferenceTotal = 0;
        let liveIdle = 0;
        let bareMs = 0;
        const bareInference: number[] = [];
        const tasks: number[] = [];
        for (let round = 0; round < rounds; round++) {
          if (round > 0) await page.waitForTimeout(SETTLE_MS);
          const before = await probe();
          const tasksBefore = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);
          await page.waitForTimeout((seconds * 1000) / rounds);
          const after = await probe();
          tasks.push(...(await page.evaluate((from) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(from), tasksBefore)));
          liveFrames += after.frames - before.frames;
          liveMs += after.now - before.now;
          liveInferenceTotal += after.inferenceTotalMs - before.inferenceTotalMs;
          liveIdle += after.idleMs - before.idleMs;
          const bare = await page.evaluate(
            (n) => (window as unknown as { __postureLive: { benchmark: (n: number) => Promise<{ rawFps: number; inferenceMs: number } | null> } }).__postureLive.benchmark(n),
            RAW_FRAMES,
          );
          if (!bare) throw new Error(`${engine} ${model}: the camera or engine was not running for the bare measurement`);
          bareMs += (RAW_FRAMES * 1000) / bare.rawFps;
          bareInference.push(bare.inferenceMs);
        }
        const liveFps = (liveFrames * 1000) / liveMs;
        const rawFps = (rounds * RAW_FRAMES * 1000) / bareMs;
        const liveInferenceMs = liveInferenceTotal / Math.max(1, liveFrames);
        const after = await probe();
        const row: Row = {
          engine,
          model,
          liveFps: round(liveFps),
          rawFps: round(rawFps),
          ratio: Math.round((liveFps / rawFps) * 100) / 100,
          firstLandmarkMs: Math.round(firstLandmarkMs),
          firstLandmarkReloadMs: Math.round(firstLandmarkReloadMs),
          firstLandmarkColdMs: Math.round(firstLandmarkColdMs),
          inferenceMs: round(bareInference.reduce((x, y) => x + y, 0) / bareInference.length),
          liveInferenceMs: round(liveInferenceMs),
          liveWaitMs: round(liveIdle / Math.max(1, liveFrames)),
          longTasks: tasks.length,
          longestTaskMs: Math.round(Math.max(0, ...tasks)),
          engineStarts: after.engineStarts,
        };
        rows.push(row);
        console.error(`${engine} ${model}: ${JSON.stringify(row)}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }

  const table = [
    '| engine | model | live fps | bare engine fps | ratio | first landmark: warm, in-app | reload | cold | worker ms/frame | long tasks (longest) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.model} | ${r.liveFps.toFixed(1)} | ${r.rawFps.toFixed(1)} | ${r.ratio.toFixed(2)} | ${(r.firstLandmarkMs / 1000).toFixed(2)} s | ${(r.firstLandmarkReloadMs / 1000).toFixed(2)} s | ${(r.firstLandmarkColdMs / 1000).toFixed(2)} s | ${r.inferenceMs.toFixed(0)} | ${r.longTasks} (${r.longestTaskMs} ms) |`,
    ),
  ].join('\n');
  console.log(table);
  await mkdir(path.dirname(OUT_FILE), { recursive: true });
  await writeFile(
    OUT_FILE,
    JSON.stringify({ date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`, camera: 'squats clip, 640x480 at 30 fps', windowS: seconds, rounds, rows }, null, 2),
  );
  console.log(`\nWrote ${path.relative(ROOT, OUT_FILE)}`);
}

const round = (n: number) => Math.round(n * 10) / 10;

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
