// npm run bench:live: the live page against the bare engine, in one headless Chromium run.
// For each engine and model, with the squats clip as the camera (30 fps, 640 px wide):
//   - first landmark after navigation (Start camera pressed as soon as it shows): cold (a fresh
//     browser profile), reloaded (warm HTTP cache and code cache, engine started afresh, after
//     the page has run for a few seconds), and warm in-app (back to the page from another of
//     the app's pages, the engine kept between pages as it is after Today's preload). Each row
//     runs in its own profile on disk, as a person's browser is: Playwright's ordinary contexts
//     are in-memory (incognito) profiles, and Chromium keeps no compiled code for those;
//   - where the start's time went, cold and on reload (the `pose:` performance marks and
//     measures: the worker's start, the engine's code, the runtime's wasm fetched and compiled,
//     the model files, the graph set up, the first inference), and whether the reload used the
//     wasm code Chromium cached (a trace of one more reload);
//   - the live page's frames per second over windows (16 s in all);
//   - the bare engine's frames per second on the same camera frames (grabbed and decoded the
//     same way, same size, fed back to back to the same engine in its worker), 60 frames after
//     each live window (4 rounds), so both are measured in the same minute;
//   - main-thread long tasks (over 50 ms) while the page runs;
//   - the machine's speed (Lighthouse's benchmark index) before and after the rows, and the load
//     average: compare two runs only where those are close.
// The ratio is the live rate against the most the page could reach: the bare engine's rate, or
// the camera's (as its track reports it) where that is lower; the ratio to the bare engine alone
// is kept beside it.
// Prints a markdown table and writes bench-results/live.json.
//   - with --offline (MediaPipe rows: the engine Automatic picks here, whose files Settings
//     keeps): the app made available offline in Settings, the network off, and the page
//     reloaded twice; the second is reported (the first compiles the wasm from the offline
//     copy, which Chromium then keeps the compiled code beside).
// Options: --heavy (adds the heavy model), --seconds N (live time in all, default 16),
// --rounds N (default 4), --only engine:model (repeatable), --port N, --offline.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { EngineKind, ModelVariant } from '../../lib/pose/types';
import { fakeCameraFile } from '../../tests/e2e/fake-camera';
import { chromiumLaunchOptions, fakeCameraArgs, launchChromium } from '../browser/chromium';
import { machineIndex } from './machine';
import { startApp } from '../harness/app-server';
import { ROOT } from '../harness/server';

const OUT_FILE = path.join(ROOT, 'bench-results/live.json');
const RAW_FRAMES = 60;
/** Time spent on another page before coming back to the live page. */
const READ_MS = 2000;
const WARMUP_S = 3;
/** After a bare run, the live loop runs this long before it is measured again. */
const SETTLE_MS = 1500;
/**
 * The first visit runs this long before the reload: Chromium caches a wasm module's compiled
 * code once its hot functions are optimised, a few seconds into running (a person who reloads
 * has used the page for longer than that).
 */
const BEFORE_RELOAD_MS = 8000;

/** Where the start's time went, ms from navigation: the page's marks and the worker's phases (lib/pose/phases.ts). */
interface StartTimes {
  firstLandmarkMs: number;
  /** Marks: pose:engine-load, pose:camera-on, pose:engine-ready (when present). */
  marks: Record<string, number>;
  /** Measures pose:<phase>: start and end. */
  phases: Record<string, { startMs: number; endMs: number }>;
}

interface Row {
  engine: EngineKind;
  model: ModelVariant;
  liveFps: number;
  rawFps: number;
  /**
   * The live page's rate against the most it could reach: the bare engine's rate, or the
   * camera's where the camera gives fewer frames than the engine could take (a page cannot
   * measure frames that never came).
   */
  ratio: number;
  /** The live page's rate against the bare engine's alone. */
  ratioToBare: number;
  /** The camera track's frame rate, as the browser reports it. */
  cameraFps: number;
  /**
   * Warm: the person came back to the page from another of the app's pages (the engine was
   * kept, as after Today's preload); navigation to the first landmark drawn, ms.
   */
  firstLandmarkMs: number;
  /** Warm HTTP cache, page reloaded (engine started afresh). */
  firstLandmarkReloadMs: number;
  /** Fresh browser profile. */
  firstLandmarkColdMs: number;
  /** The reload's and the cold start's parts. */
  reload: StartTimes;
  cold: StartTimes;
  /** Wasm modules compiled from Chromium's code cache in one more (traced) reload, and those compiled afresh. */
  codeCache: { hits: number; compiles: number };
  /** --offline: the app made available offline, the network off, reloaded (the second reload). */
  offline?: StartTimes & { codeCache: { hits: number; compiles: number } };
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

/** Opens the live page, presses Start camera at once, and returns where the time went until the first landmark. */
async function firstLandmark(page: Page, url: string, reload: boolean): Promise<StartTimes> {
  if (reload) await page.reload();
  else await page.goto(url);
  await page.getByRole('button', { name: 'Start camera' }).click({ timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as { __postureLive?: Probe }).__postureLive?.firstLandmarkMs != null, null, { timeout: 120_000, polling: 50 });
  // The first inference's measure comes from the worker just after its answer.
  await page.waitForFunction(() => performance.getEntriesByName('pose:first-run').length > 0, null, { timeout: 5_000, polling: 50 }).catch(() => {});
  return page.evaluate(() => {
    const marks: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('pose:') && !(m.name in marks)) marks[m.name] = Math.round(m.startTime);
    const phases: Record<string, { startMs: number; endMs: number }> = {};
    for (const m of performance.getEntriesByType('measure')) {
      if (m.name.startsWith('pose:') && !(m.name.slice(5) in phases)) phases[m.name.slice(5)] = { startMs: Math.round(m.startTime), endMs: Math.round(m.startTime + m.duration) };
    }
    return { firstLandmarkMs: (window as unknown as { __postureLive: Probe }).__postureLive.firstLandmarkMs!, marks, phases };
  });
}

/** One more reload, traced: how many wasm modules were compiled from Chromium's code cache. */
async function codeCacheOnReload(context: BrowserContext, page: Page, url: string, times?: (t: StartTimes) => void): Promise<{ hits: number; compiles: number }> {
  // Browser-wide tracing: the worker's events are not in a page session's trace. V8's wasm
  // events are in its own categories ("v8.wasm"), which DevTools' timeline category alone does
  // not always include.
  const browser = context.browser();
  if (!browser) throw new Error('no browser to trace');
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed'] });
  times?.(await firstLandmark(page, url, true));
  await page.waitForTimeout(500);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: { name: string }[] };
  const count = (name: string) => trace.traceEvents.filter((e) => e.name === name).length;
  return { hits: count('v8.wasm.moduleCacheHit'), compiles: count('v8.wasm.streamFromResponseCallback') };
}

/**
 * Settings → Make available offline (the service worker keeps the files Automatic needs), the
 * network off, the live page reloaded twice: the second reload's times.
 */
async function offlineReload(context: BrowserContext, page: Page, url: string): Promise<StartTimes & { codeCache: { hits: number; compiles: number } }> {
  await page.goto(url.replace(/\/live\?.*$/, '/settings'));
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.scriptURL.endsWith('/sw.js') ?? false, null, { timeout: 60_000, polling: 200 });
  const card = page.getByTestId('offline-card');
  await page.locator('[data-testid="offline-card"][data-phase="not-saved"]').waitFor({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Make available offline' }).click();
  await page.locator('[data-testid="offline-card"][data-phase="ready"]').waitFor({ timeout: 120_000 });
  await context.setOffline(true);
  try {
    await firstLandmark(page, url, false);
    await page.waitForTimeout(BEFORE_RELOAD_MS);
    let times: StartTimes | null = null;
    const codeCache = await codeCacheOnReload(context, page, url, (t) => (times = t));
    return { ...times!, codeCache };
  } finally {
    await context.setOffline(false);
  }
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
  /** The machine's speed in a plain browser, before the rows and after them (tools/bench/machine.ts). */
  const speed = async () => {
    const b = await launchChromium();
    try {
      return await machineIndex(b);
    } finally {
      await b.close();
    }
  };
  const indexBefore = await speed();
  const loadBefore = os.loadavg()[0];
  const server = await startApp(port, '/live');
  const { origin } = server;
  const camera = fakeCameraFile('videos/tfjs_pose_squats.mp4', { width: 640, fps: 30, whole: true });
  const rows: Row[] = [];
  const profiles = await mkdtemp(path.join(os.tmpdir(), 'bench-live-'));
  try {
    for (const engine of ['mediapipe', 'tfjs'] as const) {
      for (const model of models) {
        if (only.length > 0 && !only.includes(`${engine}:${model}`)) continue;
        // A fresh profile on disk for each row (see the top: an in-memory one caches no code).
        const context = await chromium.launchPersistentContext(path.join(profiles, `${engine}-${model}`), {
          ...chromiumLaunchOptions(fakeCameraArgs(camera)),
          viewport: { width: 1280, height: 800 },
        });
        const page = context.pages()[0] ?? (await context.newPage());
        await page.addInitScript(() => {
          const w = window as unknown as { __longTasks: number[] };
          w.__longTasks = [];
          new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
        });
        const url = `${origin}/live?engine=${engine}&model=${model}`;
        const cold = await firstLandmark(page, url, false);
        await page.waitForTimeout(BEFORE_RELOAD_MS);
        const reload = await firstLandmark(page, url, true);
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
        const cameraFps = await page.evaluate(() => {
          const stream = document.querySelector('video')?.srcObject;
          return stream instanceof MediaStream ? (stream.getVideoTracks()[0]?.getSettings().frameRate ?? 0) : 0;
        });
        if (!(cameraFps > 0)) throw new Error(`${engine} ${model}: the camera's frame rate could not be read`);
        const rawFps = (rounds * RAW_FRAMES * 1000) / bareMs;
        const liveInferenceMs = liveInferenceTotal / Math.max(1, liveFrames);
        const after = await probe();
        const codeCache = await codeCacheOnReload(context, page, url);
        const offline = process.argv.includes('--offline') && engine === 'mediapipe' ? await offlineReload(context, page, url) : undefined;
        const row: Row = {
          engine,
          model,
          liveFps: round(liveFps),
          rawFps: round(rawFps),
          ratio: Math.round((liveFps / Math.min(rawFps, cameraFps)) * 100) / 100,
          ratioToBare: Math.round((liveFps / rawFps) * 100) / 100,
          cameraFps: round(cameraFps),
          firstLandmarkMs: Math.round(firstLandmarkMs),
          firstLandmarkReloadMs: Math.round(reload.firstLandmarkMs),
          firstLandmarkColdMs: Math.round(cold.firstLandmarkMs),
          reload,
          cold,
          codeCache,
          offline,
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
    server.stop();
    await rm(profiles, { recursive: true, force: true });
  }

  const span = (t: StartTimes, name: string) => {
    const p = t.phases[name];
    return p ? `${p.endMs - p.startMs}` : '-';
  };
  const table = [
    '| engine | model | live fps | bare engine fps | camera fps | ratio | first landmark: warm, in-app | reload | cold | worker ms/frame | long tasks (longest) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.engine} | ${r.model} | ${r.liveFps.toFixed(1)} | ${r.rawFps.toFixed(1)} | ${r.cameraFps.toFixed(0)} | ${r.ratio.toFixed(2)}${r.ratio !== r.ratioToBare ? ` (${r.ratioToBare.toFixed(2)} of the bare engine's)` : ''} | ${(r.firstLandmarkMs / 1000).toFixed(2)} s | ${(r.firstLandmarkReloadMs / 1000).toFixed(2)} s | ${(r.firstLandmarkColdMs / 1000).toFixed(2)} s | ${r.inferenceMs.toFixed(0)} | ${r.longTasks} (${r.longestTaskMs} ms) |`,
    ),
    '',
    'Where the start went (reload / cold): when the page asked for the engine (pose:engine-load), ms from navigation; how long each part took in the worker, ms (worker start: its script loaded; code: the engine library; runtime: the wasm fetched and compiled, tfjs: its backend started; model files; graph: the engine made from the model); when the worker said it was ready and when the page took it, the camera on, ms from navigation; the first inference, ms; the first landmark drawn, ms from navigation; wasm code cache on one more reload (modules compiled from the cache / streamed compiles).',
    '',
    '| engine | model | engine asked | worker start | code | runtime | model files | graph | worker ready | page took it | camera on | first run | first landmark | code cache |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const both = (f: (t: StartTimes) => string) => `${f(r.reload)} / ${f(r.cold)}`;
      const mark = (name: string) => (t: StartTimes) => (t.marks[name] !== undefined ? String(t.marks[name]) : '-');
      return `| ${r.engine} | ${r.model} | ${both(mark('pose:engine-load'))} | ${both((t) => span(t, 'worker-start'))} | ${both((t) => span(t, 'code'))} | ${both((t) => span(t, 'runtime'))} | ${both((t) => span(t, 'model-files'))} | ${both((t) => span(t, 'graph'))} | ${both((t) => (t.phases.ready ? String(t.phases.ready.startMs) : '-'))} | ${both(mark('pose:engine-ready'))} | ${both(mark('pose:camera-on'))} | ${both((t) => span(t, 'first-run'))} | ${both((t) => String(Math.round(t.firstLandmarkMs)))} | ${r.codeCache.hits} / ${r.codeCache.compiles} |`;
    }),
    ...(rows.some((r) => r.offline)
      ? [
          '',
          'Installed and offline (--offline): the second reload with the network off, ms from navigation: engine asked, engine ready (page), first landmark; code cache.',
          '',
          '| engine | model | engine asked | page took it | first landmark | code cache |',
          '|---|---|---|---|---|---|',
          ...rows.filter((r) => r.offline).map((r) => `| ${r.engine} | ${r.model} | ${r.offline!.marks['pose:engine-load'] ?? '-'} | ${r.offline!.marks['pose:engine-ready'] ?? '-'} | ${Math.round(r.offline!.firstLandmarkMs)} | ${r.offline!.codeCache.hits} / ${r.offline!.codeCache.compiles} |`),
        ]
      : []),
  ].join('\n');
  const indexAfter = await speed();
  const loadAfter = os.loadavg()[0];
  console.log(table);
  console.log(`\nmachine: benchmark index ${indexBefore} before, ${indexAfter} after (higher is faster); load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, ${os.cpus().length} cores`);
  await mkdir(path.dirname(OUT_FILE), { recursive: true });
  await writeFile(
    OUT_FILE,
    JSON.stringify({ date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100), benchmarkIndexBefore: indexBefore, benchmarkIndexAfter: indexAfter, loadAverageBefore: round(loadBefore), loadAverageAfter: round(loadAfter), camera: 'squats clip, 640x480 at 30 fps', windowS: seconds, rounds, rows }, null, 2),
  );
  console.log(`\nWrote ${path.relative(ROOT, OUT_FILE)}`);
}

const round = (n: number) => Math.round(n * 10) / 10;

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
