// npm run bench:pose: init time and per-frame inference time of every engine and model in
// headless Chromium, on real frames of the squats clip, in VIDEO mode.
// Prints a markdown table and writes bench-results/pose.json.
//
// Timings on a shared machine move with its load: the same code ran 26-53 % slower on another
// day here. So each run also measures the machine's speed in the same browser before and after
// the rows (Lighthouse's benchmark index, the loop Lighthouse itself uses to calibrate its CPU
// slowdown) and the load average, and writes them beside the rows: compare two runs only when
// their indexes are close.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ENGINE_KINDS, MODEL_VARIANTS } from '../../lib/pose/config';
import type { EngineKind, ModelVariant } from '../../lib/pose/types';
import { launchChromium } from '../browser/chromium';
import { machineIndex } from './machine';
import { openPoseRunner, type PoseRunner } from '../harness/pose-runner';
import { ROOT } from '../harness/server';
import { decodeFrames, probeMedia, type MediaInfo } from '../media/decode';

const FIXTURES = process.env.POSE_FIXTURES_DIR ?? path.resolve(ROOT, '../shared/fixtures');
const VIDEO = path.join(FIXTURES, 'videos/tfjs_pose_squats.mp4');
const WARMUP_FRAMES = 2;
const MEASURED_FRAMES = 20;
const OUT_FILE = path.join(ROOT, 'bench-results/pose.json');

interface BenchRow {
  readonly engine: EngineKind;
  readonly model: ModelVariant;
  /** What the engine reports it runs on (MediaPipe CPU or GPU; tfjs is always wasm on CPU). */
  readonly delegate: string | null;
  readonly initMs: number | null;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly framesWithPose: number;
  readonly frames: number;
  readonly frameMs: readonly number[];
  readonly error: string | null;
}

function quantile(sorted: readonly number[], q: number): number {
  // Nearest rank; the median of an even count is the mean of the two middle values.
  if (q === 0.5 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function readFrames(info: MediaInfo, count: number): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  for await (const rgba of decodeFrames(info)) {
    frames.push(rgba);
    if (frames.length === count) break;
  }
  if (frames.length < count) throw new Error(`${info.file} has ${frames.length} frames; the benchmark needs ${count}.`);
  return frames;
}

async function benchOne(browser: Browser, engine: EngineKind, model: ModelVariant, info: MediaInfo, frames: readonly Uint8Array[]): Promise<BenchRow> {
  const fps = info.fps ?? 30;
  let runner: PoseRunner;
  try {
    runner = await openPoseRunner({ kind: engine, model, runtime: 'browser', runningMode: 'VIDEO', browser });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { engine, model, delegate: null, initMs: null, medianMs: null, p90Ms: null, framesWithPose: 0, frames: 0, frameMs: [], error };
  }
  try {
    const frameMs: number[] = [];
    let framesWithPose = 0;
    for (const [i, rgba] of frames.entries()) {
      const { pose, inferenceMs } = await runner.estimate(rgba, info.width, info.height, Math.round((i * 1000) / fps));
      if (i < WARMUP_FRAMES) continue;
      frameMs.push(inferenceMs);
      if (pose) framesWithPose++;
    }
    const sorted = [...frameMs].sort((a, b) => a - b);
    return {
      engine,
      model,
      delegate: runner.info.delegate,
      initMs: runner.initMs,
      medianMs: quantile(sorted, 0.5),
      p90Ms: quantile(sorted, 0.9),
      framesWithPose,
      frames: frameMs.length,
      frameMs,
      error: null,
    };
  } finally {
    await runner.close();
  }
}

const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(1));

function table(rows: readonly BenchRow[]): string {
  const lines = [
    '| engine | model | init ms | median ms/frame | p90 ms/frame | frames with pose |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map((r) =>
      r.error
        ? `| ${r.engine} | ${r.model} | failed: ${r.error.replace(/\|/g, '\\|')} | | | |`
        : `| ${r.engine} | ${r.model} | ${fmt(r.initMs)} | ${fmt(r.medianMs)} | ${fmt(r.p90Ms)} | ${r.framesWithPose}/${r.frames} |`,
    ),
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const info = await probeMedia(VIDEO);
  const frames = await readFrames(info, WARMUP_FRAMES + MEASURED_FRAMES);
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  try {
    const loadBefore = os.loadavg()[0];
    const indexBefore = await machineIndex(browser);
    for (const engine of ENGINE_KINDS) {
      for (const model of MODEL_VARIANTS) {
        process.stderr.write(`bench: ${engine} ${model}...\n`);
        rows.push(await benchOne(browser, engine, model, info, frames));
      }
    }
    const machine = {
      benchmarkIndexBefore: indexBefore,
      benchmarkIndexAfter: await machineIndex(browser),
      loadAverageBefore: Math.round(loadBefore * 100) / 100,
      loadAverageAfter: Math.round(os.loadavg()[0] * 100) / 100,
    };
    const result = {
      date: new Date().toISOString(),
      machine,
      video: path.relative(ROOT, VIDEO),
      size: { width: info.width, height: info.height },
      warmupFrames: WARMUP_FRAMES,
      measuredFrames: MEASURED_FRAMES,
      runningMode: 'VIDEO',
      runtime: 'browser',
      timing: 'engine.estimate() inside the page, excluding frame transfer',
      chromium: browser.version(),
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cpuCount: os.cpus().length,
      results: rows,
    };
    console.log(table(rows));
    console.log(`\nmachine: benchmark index ${machine.benchmarkIndexBefore} before, ${machine.benchmarkIndexAfter} after (higher is faster); load average ${machine.loadAverageBefore} before, ${machine.loadAverageAfter} after, ${os.cpus().length} cores`);
    await mkdir(path.dirname(OUT_FILE), { recursive: true });
    await writeFile(OUT_FILE, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwrote ${path.relative(ROOT, OUT_FILE)}`);
  } finally {
    await browser.close();
  }
  return rows.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
