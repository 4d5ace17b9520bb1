// A long session on the session page with a looping fake camera: squats, counted set after set.
// Shared by `npm run soak` (tools/soak/cli.ts) and the 2-minute run in the test suite.
//
// Every `sampleS` seconds it records the count (all sets together), frames measured, engine
// starts and the page's JS heap (after a garbage collection, through the DevTools protocol).
// The checks:
//   - reps: in every window of one camera loop the count grows by exactly the clip's reps
//     (windows are placed between reps, where the loop is quiet);
//   - heap: growth from the first quarter of the run (first 5 minutes of a 30-minute run, at
//     most) to the last, under 10 %;
//   - the engine is started once (no worker restart);
//   - fps steady: after the first minute (warm-up), no sample window below 70 % of the median.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Page } from '@playwright/test';

export interface SoakOptions {
  readonly minutes: number;
  /** One loop of the camera file, ms (the y4m's own length). */
  readonly loopMs: number;
  /** Reps in one loop of the clip. */
  readonly repsPerLoop: number;
  readonly sampleS?: number;
  readonly log?: (line: string) => void;
}

export interface SoakSample {
  readonly atS: number;
  readonly reps: number;
  readonly frames: number;
  readonly heapBytes: number;
  readonly engineStarts: number;
}

export interface SoakReport {
  readonly minutes: number;
  readonly loops: number;
  readonly reps: number;
  readonly sets: number;
  /** Reps in each full loop window; all should equal repsPerLoop. */
  readonly repsPerLoopWindow: readonly number[];
  readonly heapEarlyMb: number;
  readonly heapLateMb: number;
  readonly heapGrowthPct: number;
  readonly engineStarts: number;
  readonly fpsMedian: number;
  readonly fpsMin: number;
  readonly fpsMax: number;
  /** Frames per second in the warm-up windows (not judged). */
  readonly warmUpFps: readonly number[];
  readonly problems: readonly string[];
}

type Probe = { frames: number; engineStarts: number };

/** Runs the soak on a page already at /session (engine loaded) and returns what it measured. */
export async function runSoak(page: Page, options: SoakOptions): Promise<SoakReport> {
  const { minutes, loopMs, repsPerLoop, log = () => {} } = options;
  const sampleS = options.sampleS ?? 10;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  };

  const select = page.getByRole('combobox', { name: 'Exercise' });
  const squat = await select.locator('option', { hasText: /^Squat/ }).first().getAttribute('value');
  await select.selectOption(squat!);
  await page.getByRole('spinbutton', { name: /Target/ }).fill('100');
  await page.getByRole('button', { name: /^Start the set/ }).click();
  await page.locator('[data-set-phase="running"]').waitFor({ timeout: 60_000 });

  let repsInSavedSets = 0;
  let sets = 1;
  /** Every change of the count (all sets together) and when it was seen, ms since the start. */
  const changes: { atMs: number; reps: number }[] = [];
  const samples: SoakSample[] = [];
  const t0 = Date.now();
  const endAt = t0 + minutes * 60_000;
  let lastReps = 0;
  let nextSample = t0;
  while (Date.now() < endAt) {
    const state = await page.evaluate(() => {
      const phase = document.querySelector('[data-set-phase]')?.getAttribute('data-set-phase') ?? '';
      const count = Number.parseInt(document.querySelector('[data-testid="rep-count"]')?.textContent ?? '0', 10) || 0;
      const summary = Number.parseInt(document.querySelector('[data-testid="summary-reps"]')?.textContent ?? '0', 10) || 0;
      return { phase, count, summary, probe: (window as unknown as { __postureLive: Probe }).__postureLive };
    });
    let reps = repsInSavedSets + state.count;
    if (state.phase === 'done') {
      // The set reached its target of 100: it is saved, and the next set starts at once.
      repsInSavedSets += state.summary;
      reps = repsInSavedSets;
      sets++;
      log(`set ${sets - 1} done with ${state.summary} reps; starting set ${sets}`);
      await page.getByRole('button', { name: 'Start another set' }).click();
    } else if (state.phase === 'paused') {
      throw new Error(`The set paused during the soak: ${await page.getByTestId('counting').textContent()}`);
    }
    if (reps !== lastReps) {
      changes.push({ atMs: Date.now() - t0, reps });
      lastReps = reps;
    }
    if (Date.now() >= nextSample) {
      nextSample += sampleS * 1000;
      const sample = { atS: (Date.now() - t0) / 1000, reps, frames: state.probe.frames, heapBytes: await heap(), engineStarts: state.probe.engineStarts };
      samples.push(sample);
      log(`${sample.atS.toFixed(0)} s: ${reps} reps, ${sample.frames} frames, heap ${(sample.heapBytes / 1e6).toFixed(1)} MB`);
    }
    await page.waitForTimeout(100);
  }
  await cdp.detach();

  // Windows of one loop, placed in the middle of the longest quiet stretch between reps.
  const problems: string[] = [];
  const phases = changes.map((c) => c.atMs % loopMs).sort((a, b) => a - b);
  let quiet = 0;
  let widest = -1;
  for (let i = 0; i < phases.length; i++) {
    const gap = (i + 1 < phases.length ? phases[i + 1] : phases[0] + loopMs) - phases[i];
    if (gap > widest) {
      widest = gap;
      quiet = (phases[i] + gap / 2) % loopMs;
    }
  }
  const totalMs = Date.now() - t0;
  const repsAt = (ms: number) => changes.filter((c) => c.atMs <= ms).at(-1)?.reps ?? 0;
  const windows: number[] = [];
  for (let start = quiet; start + loopMs <= totalMs; start += loopMs) windows.push(repsAt(start + loopMs) - repsAt(start));
  windows.forEach((n, i) => n !== repsPerLoop && problems.push(`loop ${i + 1}: ${n} reps, expected ${repsPerLoop}`));
  if (windows.length === 0) problems.push('no full loop was seen');

  const quarter = Math.max(1, Math.round(samples.length * Math.min(0.25, 5 / minutes)));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const heapEarly = mean(samples.slice(1, 1 + quarter).map((s) => s.heapBytes));
  const heapLate = mean(samples.slice(-quarter).map((s) => s.heapBytes));
  const heapGrowthPct = ((heapLate - heapEarly) / heapEarly) * 100;
  if (heapGrowthPct >= 10) problems.push(`heap grew ${heapGrowthPct.toFixed(1)} %`);

  const fps = samples.slice(1).map((s, i) => ({ atS: s.atS, fps: ((s.frames - samples[i].frames) * 1000) / ((s.atS - samples[i].atS) * 1000) }));
  // The first minute (a quarter of a short run) is warm-up: the engine's caches fill, the JIT settles.
  const warmUpS = Math.min(60, (minutes * 60) / 4);
  const sorted = fps.filter((f) => f.atS > warmUpS).map((f) => f.fps).sort((a, b) => a - b);
  const warmUpFps = fps.filter((f) => f.atS <= warmUpS).map((f) => Math.round(f.fps * 10) / 10);
  const fpsMedian = sorted[Math.floor(sorted.length / 2)] ?? 0;
  if (sorted.length && sorted[0] < 0.7 * fpsMedian) problems.push(`fps fell to ${sorted[0].toFixed(1)} (median ${fpsMedian.toFixed(1)})`);
  const engineStarts = samples.at(-1)?.engineStarts ?? 0;
  if (engineStarts !== 1) problems.push(`the engine was started ${engineStarts} times`);

  return {
    minutes,
    loops: windows.length,
    reps: lastReps,
    sets,
    repsPerLoopWindow: windows,
    heapEarlyMb: Math.round(heapEarly / 1e5) / 10,
    heapLateMb: Math.round(heapLate / 1e5) / 10,
    heapGrowthPct: Math.round(heapGrowthPct * 10) / 10,
    engineStarts,
    fpsMedian: Math.round(fpsMedian * 10) / 10,
    fpsMin: Math.round((sorted[0] ?? 0) * 10) / 10,
    fpsMax: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
    warmUpFps,
    problems,
  };
}

/** Length of one pass of a y4m file (what Chromium's fake camera loops), ms. */
export function y4mLoopMs(bytes: { size: number; header: string }): number {
  const header = bytes.header.slice(0, bytes.header.indexOf('\n'));
  const w = Number(/ W(\d+)/.exec(header)?.[1]);
  const h = Number(/ H(\d+)/.exec(header)?.[1]);
  const [num, den] = (/ F(\d+):(\d+)/.exec(header) ?? [0, '30', '1']).slice(1).map(Number);
  const frameBytes = 6 + (w * h * 3) / 2; // "FRAME\n" and a 4:2:0 picture
  const frames = Math.round((bytes.size - header.length - 1) / frameBytes);
  return (frames * 1000 * den) / num;
}

/** The loop length of a y4m file on disk, ms. */
export function readY4mLoopMs(file: string): number {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(200);
  readSync(fd, buf, 0, 200, 0);
  closeSync(fd);
  return y4mLoopMs({ size: statSync(file).size, header: buf.toString('latin1') });
}
