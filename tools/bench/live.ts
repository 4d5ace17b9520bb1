// npm run bench:live: the live page against the bare engine, in one headless Chromium run.
// For each engine and model, with the squats clip as the camera (30 fps, 640 px wide):
//   - first landmark after navigation (Start camera pressed as soon as it shows), on a cold
//     cache (a fresh browser context) and a warm one (the same context, reloaded);
//   - the live page's frames per second over a window;
//   - the bare engine's frames per second on the same camera frames (grabbed and decoded the
//     same way, same size, fed back to back to the same engine in its worker);
//   - main-thread long tasks (over 50 ms) while the page runs.
// Prints a markdown table and writes bench-results/live.json.
// Options: --heavy (adds the heavy model), --seconds N (live window, default 10), --port N.
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
const RAW_FRAMES = 40;
const WARMUP_S = 3;

interface Row {
  engine: EngineKind;
  model: ModelVariant;
  liveFps: number;
  rawFps: number;
  ratio: number;
  /** Warm cache: navigation to the first landmark drawn, ms. */
  firstLandmarkMs: number;
  firstLandmarkColdMs: number;
  /** Median inference time inside the worker during the bare run, ms. */
  inferenceMs: number;
  longTasks: number;
  longestTaskMs: number;
  engineStarts: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Probe = { frames: number; engineStarts: number; firstLandmarkMs: number | null };

/** Opens the live page, presses Start camera at once, and returns ms from navigation to the first landmark. */
async function firstLandmark(page: Page, url: string, reload: boolean): Promise<number> {
  if (reload) await page.reload();
  else await page.goto(url);
  await page.getByRole('button', { name: 'Start camera' }).click({ timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as { __postureLive?: Probe }).__postureLive?.firstLandmarkMs != null, null, { timeout: 120_000, polling: 50 });
  return page.evaluate(() => (window as unknown as { __postureLive: Probe }).__postureLive.firstLandmarkMs!);
}

async function main(): Promise<void> {
  const seconds = Number(arg('--seconds') ?? 10);
  const port = Number(arg('--port') ?? 3300);
  const models: ModelVariant[] = process.argv.includes('--heavy') ? ['lite', 'full', 'heavy'] : ['lite', 'full'];
  const server = await startApp(port, '/live');
  const { origin } = server;
  const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', { width: 640, fps: 30, whole: true });
  const browser = await launchChromium(fakeCameraArgs(camera));
  const rows: Row[] = [];
  try {
    for (const engine of ['mediapipe', 'tfjs'] as const) {
      for (const model of models) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await page.addInitScript(() => {
          const w = window as unknown as { __longTasks: number[] };
          w.__longTasks = [];
          new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
        });
        const url = `${origin}/live?engine=${engine}&model=${model}`;
        const firstLandmarkColdMs = await firstLandmark(page, url, false);
        const firstLandmarkMs = await firstLandmark(page, url, true);
        await page.waitForTimeout(WARMUP_S * 1000);
        const probe = () => page.evaluate(() => ({ ...(window as unknown as { __postureLive: Probe }).__postureLive, now: performance.now() }));
        const before = await probe();
        const tasksBefore = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);
        await page.waitForTimeout(seconds * 1000);
        const after = await probe();
        const tasks = await page.evaluate((from) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(from), tasksBefore);
        const liveFps = ((after.frames - before.frames) * 1000) / (after.now - before.now);
        const bare = await page.evaluate(
          (n) => (window as unknown as { __postureLive: { benchmark: (n: number) => Promise<{ rawFps: number; inferenceMs: number } | null> } }).__postureLive.benchmark(n),
          RAW_FRAMES,
        );
        if (!bare) throw new Error(`${engine} ${model}: the camera or engine was not running for the bare measurement`);
        const row: Row = {
          engine,
          model,
          liveFps: round(liveFps),
          rawFps: round(bare.rawFps),
          ratio: Math.round((liveFps / bare.rawFps) * 100) / 100,
          firstLandmarkMs: Math.round(firstLandmarkMs),
          firstLandmarkColdMs: Math.round(firstLandmarkColdMs),
          inferenceMs: round(bare.inferenceMs),
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
    '| engine | model | live fps | bare engine fps | ratio | first landmark, warm (cold) | worker ms/frame | long tasks (longest) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.model} | ${r.liveFps.toFixed(1)} | ${r.rawFps.toFixed(1)} | ${r.ratio.toFixed(2)} | ${(r.firstLandmarkMs / 1000).toFixed(2)} s (${(r.firstLandmarkColdMs / 1000).toFixed(2)} s) | ${r.inferenceMs.toFixed(0)} | ${r.longTasks} (${r.longestTaskMs} ms) |`,
    ),
  ].join('\n');
  console.log(table);
  await mkdir(path.dirname(OUT_FILE), { recursive: true });
  await writeFile(
    OUT_FILE,
    JSON.stringify({ date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`, camera: 'squats clip, 640x480 at 30 fps', windowS: seconds, rows }, null, 2),
  );
  console.log(`\nWrote ${path.relative(ROOT, OUT_FILE)}`);
}

const round = (n: number) => Math.round(n * 10) / 10;

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
