// One engine run per fixture and setting, shared by every real-model test that needs only the
// frames' outputs (not timing): the frames of a run are kept on disk (.cache/engine-frames,
// ignored by git) and every later request for the same run, from any test file in this test run
// or a later one, reads them instead of running the model again.
//
// A run is named by what the frames depend on: the file's content (its SHA-256, so a changed
// fixture or a scene made at test time is its own run), the engine, model, runtime (Chromium by
// default, as the app; tfjs in Node when asked), the running mode, the second look for other
// people, and which frames.
// The folder it lies in is named by a fingerprint of everything that produces the outputs: the
// model and runtime files in public/models and public/wasm, the source of lib/pose,
// tools/harness, tools/analyze, tools/media and tools/browser, package-lock.json, this file,
// and the ffmpeg and Chromium builds. Change any of them and the fingerprint changes, so no
// stale frames can be read; other fingerprints' folders are deleted, once an hour old, the next
// time a new one is made.
//
// Test files run in parallel (vitest.config.ts): a run being made by one is waited for by the
// others (a lock folder beside the result), never made twice.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { EngineKind, ModelVariant } from '../../lib/pose/types';
import { analyzeFile, openStillRunner, type AnalyzeSummary, type FrameResult } from '../../tools/analyze/analyze';
import { CHROMIUM_PATH, launchChromium } from '../../tools/browser/chromium';
import { openPoseRunner, type PoseRunner, type Runtime } from '../../tools/harness/pose-runner';
import { decodeFrames, frameTimestampMs, probeMedia } from '../../tools/media/decode';
import { fixtureRelative, readRecord, recordsMode, writeRecord, type RecordSetting } from './engine-outputs';
import { fixture, ROOT } from './fixtures';

export const ENGINES = ['mediapipe', 'tfjs'] as const;
export const CACHE_DIR = path.join(ROOT, '.cache/engine-frames');

export interface EngineRunOptions {
  readonly engine: EngineKind;
  /** Default "full". */
  readonly model?: ModelVariant;
  /**
   * Default: in Chromium, both engines, as the app runs them (tfjs there is about three times
   * faster than in Node on this machine). `npm run analyze` runs tfjs in Node: the tests of the
   * CLI itself run it that way, and a test may ask for "node".
   */
  readonly runtime?: Runtime;
  /** The second look for other people (lib/pose/second-look.ts). Default false, as `analyzeFile`. */
  readonly lookForOthers?: boolean;
  /**
   * Default: the file as `analyzeFile` reads it (a still in IMAGE mode, decoded by the browser
   * where the engine runs there; a video in VIDEO mode, every frame, a fresh engine).
   * Set: chosen frames of a video, each on its own as a still (IMAGE mode, one engine), every
   * `every`th frame or the listed frame numbers; `timestamps` "frame" gives each its time in the
   * clip, "zero" gives 0.
   */
  readonly stills?: { readonly every: number; readonly timestamps: 'frame' | 'zero' } | { readonly frames: readonly number[]; readonly timestamps: 'frame' | 'zero' };
}

export interface EngineRun {
  readonly summary: AnalyzeSummary;
  readonly frames: FrameResult[];
}

// ---------------------------------------------------------------------------------------------
// The fingerprint of what produces the outputs.

const SOURCES = ['lib/pose', 'tools/harness', 'tools/analyze', 'tools/media', 'tools/browser', 'public/models', 'public/wasm'];
const SOURCE_FILES = ['package-lock.json', 'tests/pose/engine-frames.ts'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !/\.test\.[cm]?[jt]s$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function commandVersion(cmd: string): string {
  try {
    return execFileSync(cmd, ['-version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return `${cmd}: none`;
  }
}

let fingerprintValue: string | null = null;
/** A short hash of every file and tool the frames depend on (see the top of this file). */
export function fingerprint(): string {
  if (fingerprintValue) return fingerprintValue;
  const h = createHash('sha256');
  const files = [...SOURCES.flatMap((d) => filesUnder(path.join(ROOT, d))), ...SOURCE_FILES.map((f) => path.join(ROOT, f))];
  for (const file of files) {
    h.update(path.relative(ROOT, file) + '\0');
    h.update(existsSync(file) ? readFileSync(file) : 'missing');
    h.update('\0');
  }
  h.update(commandVersion('ffmpeg') + '\0');
  try {
    const chromium = statSync(realpathSync(CHROMIUM_PATH));
    h.update(`${realpathSync(CHROMIUM_PATH)} ${chromium.size} ${chromium.mtimeMs}`);
  } catch {
    h.update('chromium: none');
  }
  fingerprintValue = h.digest('hex').slice(0, 16);
  return fingerprintValue;
}

// ---------------------------------------------------------------------------------------------
// The disk cache, shared between test files running at the same time.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock left by a process that is gone (or never wrote its id within a minute) is stale. */
async function staleLock(lock: string): Promise<boolean> {
  try {
    const pid = Number(await readFile(path.join(lock, 'pid'), 'utf8'));
    return !alive(pid);
  } catch {
    try {
      return Date.now() - (await stat(lock)).mtimeMs > 60_000;
    } catch {
      return false;
    }
  }
}

/** Another fingerprint's folder unchanged for this long is deleted (a younger one may be in use by a run started before an edit). */
const OLD_FOLDER_MS = 60 * 60_000;

let folderReady: Promise<string> | null = null;
/** This fingerprint's folder; made (and other fingerprints' old folders deleted) on first use. */
function cacheFolder(): Promise<string> {
  folderReady ??= (async () => {
    const dir = path.join(CACHE_DIR, fingerprint());
    if (!existsSync(dir)) {
      await mkdir(dir, { recursive: true });
      for (const other of await readdir(CACHE_DIR)) {
        if (other === fingerprint()) continue;
        const at = path.join(CACHE_DIR, other);
        const age = await stat(at).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > OLD_FOLDER_MS) await rm(at, { recursive: true, force: true });
      }
    }
    return dir;
  })();
  return folderReady;
}

/** ENGINE_FRAMES_LOG=FILE: one line per run asked for (made, read, or waited for and read), to see what the files share. */
async function logRun(name: string, how: 'made' | 'read' | 'waited' | 'recorded', ms: number): Promise<void> {
  const log = process.env.ENGINE_FRAMES_LOG;
  if (!log) return;
  let test: string | null = null;
  try {
    test = path.relative(ROOT, expect.getState().testPath ?? '');
  } catch {
    // Not in a test file.
  }
  await appendFile(log, `${JSON.stringify({ name, how, ms: Math.round(ms), test, pid: process.pid })}\n`);
}

/** The result at `name` in the cache, or made by `make` (once, whichever test file asks first) and kept. */
async function cached<T>(name: string, make: () => Promise<T>): Promise<T> {
  const dir = await cacheFolder();
  const file = path.join(dir, `${name}.json`);
  const lock = path.join(dir, `${name}.lock`);
  const t0 = performance.now();
  let waited = false;
  for (;;) {
    try {
      const value = JSON.parse(await readFile(file, 'utf8')) as T;
      await logRun(name, waited ? 'waited' : 'read', performance.now() - t0);
      return value;
    } catch {
      // Not there yet.
    }
    try {
      await mkdir(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Another test file is making it: wait for it (or take over if that one died).
      waited = true;
      if (await staleLock(lock)) await rm(lock, { recursive: true, force: true });
      else await sleep(200);
      continue;
    }
    try {
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      if (existsSync(file)) continue;
      const value = await make();
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(value));
      await rename(tmp, file);
      await logRun(name, 'made', performance.now() - t0);
      return value;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Engines, one browser and one still engine per setting per test file.

let browser: Promise<Browser> | null = null;
const stillRunners = new Map<string, Promise<PoseRunner>>();
const pending = new Map<string, Promise<EngineRun>>();
const hashes = new Map<string, Promise<string>>();

function sharedBrowser(): Promise<Browser> {
  browser ??= launchChromium();
  return browser;
}

/** Closes the engines and the browser this file opened (call from afterAll). */
export async function closeEngineFrames(): Promise<void> {
  const runners = [...stillRunners.values(), ...videoRunners.values()];
  stillRunners.clear();
  videoRunners.clear();
  pending.clear();
  for (const r of runners) await (await r.catch(() => null))?.close();
  const b = browser;
  browser = null;
  if (b) await (await b.catch(() => null))?.close();
}

function contentHash(file: string): Promise<string> {
  let h = hashes.get(file);
  if (!h) {
    h = readFile(file).then((bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16));
    hashes.set(file, h);
  }
  return h;
}

function resolved(options: EngineRunOptions) {
  const runtime: Runtime = options.runtime ?? 'browser';
  return { engine: options.engine, model: options.model ?? 'full', runtime, lookForOthers: options.lookForOthers ?? false, stills: options.stills };
}
type Resolved = ReturnType<typeof resolved>;

async function stillRunner(o: Resolved): Promise<PoseRunner> {
  const key = `${o.engine}|${o.model}|${o.runtime}|${o.lookForOthers}`;
  let r = stillRunners.get(key);
  if (!r) {
    r = (async () =>
      openStillRunner({ engine: o.engine, model: o.model, runtime: o.runtime, lookForOthers: o.lookForOthers, ...(o.runtime === 'browser' ? { browser: await sharedBrowser() } : {}) }))();
    stillRunners.set(key, r);
  }
  return r;
}

/** Every frame as `analyzeFile` gives it; a still on this file's engine for stills (IMAGE mode keeps nothing between pictures). */
async function runWhole(file: string, o: Resolved): Promise<EngineRun> {
  const info = await probeMedia(file);
  const base = { engine: o.engine, model: o.model, runtime: o.runtime, lookForOthers: o.lookForOthers };
  if (info.kind === 'image') return analyzeFile(file, { ...base, stillRunner: await stillRunner(o) });
  return analyzeFile(file, { ...base, ...(o.runtime === 'browser' ? { browser: await sharedBrowser() } : {}) });
}

/** Chosen frames of a video, each as a still. */
async function runStills(file: string, o: Resolved, stills: NonNullable<EngineRunOptions['stills']>, maxFrames = Infinity): Promise<EngineRun> {
  const info = await probeMedia(file);
  if (info.kind !== 'video') throw new Error(`${file} is not a video: its frames cannot be taken as stills`);
  const wanted = 'every' in stills ? (i: number) => i % stills.every === 0 : ((set) => (i: number) => set.has(i))(new Set(stills.frames));
  const last = 'every' in stills ? Infinity : Math.max(...stills.frames);
  const runner = await stillRunner(o);
  const frames: FrameResult[] = [];
  let i = 0;
  for await (const rgba of decodeFrames(info)) {
    if (wanted(i)) {
      const timestampMs = stills.timestamps === 'frame' ? frameTimestampMs(i, info.fps) : 0;
      const { pose, inferenceMs } = await runner.estimate(rgba, info.width, info.height, timestampMs);
      frames.push({ frame: i, timestampMs, width: info.width, height: info.height, pose, inferenceMs });
    }
    if (++i > last || frames.length >= maxFrames) break;
  }
  const summary: AnalyzeSummary = {
    file,
    engine: o.engine,
    model: o.model,
    frames: frames.length,
    framesWithPose: frames.filter((f) => f.pose !== null).length,
    width: info.width,
    height: info.height,
    fps: info.fps,
  };
  return { summary, frames };
}

/**
 * The engine's frames of `rel` (a fixture path, or an absolute path), from the cache when that
 * run was made before (see the top of this file). The frames' `inferenceMs` are those of the run
 * that made them: not for timing.
 */
export function engineRun(rel: string, options: EngineRunOptions): Promise<EngineRun> {
  const file = path.isAbsolute(rel) ? rel : fixture(rel);
  const o = resolved(options);
  const key = `${o.engine}|${o.model}|${o.runtime}|${o.lookForOthers}|${howOf(o.stills)}|${file}`;
  let run = pending.get(key);
  if (!run) {
    run = (async () => {
      const sha = await contentHash(file);
      const name = runName(file, sha, o);
      // A fixture video's recorded outputs (engine-outputs.ts), checked against the real engine by
      // engine-outputs.test.ts; a still, or a file made at test time, is always run.
      const rel = fixtureRelative(file);
      const mode = recordsMode();
      const made = await cached(name, async () => {
        const record = rel && mode === 'use' ? readRecord(name) : null;
        if (record) {
          await logRun(name, 'recorded', 0);
          return { summary: record.summary, frames: record.frames };
        }
        const { summary, frames } = o.stills ? await runStills(file, o, o.stills) : await runWhole(file, o);
        // Where the file lies is not part of the run: the same content elsewhere gives the same frames.
        const { file: _file, ...rest } = summary;
        return { summary: rest, frames };
      });
      // Only videos: a still is one inference, no dearer to run than to check.
      if (rel && mode === 'record' && made.summary.fps !== null) await writeRecord(name, { fixture: rel, sha256: sha, setting: settingOf(o), summary: made.summary, frames: made.frames });
      return { summary: { file, ...made.summary }, frames: made.frames };
    })();
    pending.set(key, run);
    // A failed run is not kept: the next request tries again.
    run.catch(() => pending.delete(key));
  }
  return run;
}

/** How a run reads the file, in its name: the whole file, or chosen frames as stills. */
function howOf(stills: EngineRunOptions['stills']): string {
  return stills ? ('every' in stills ? `stills-every${stills.every}` : `stills-f${stills.frames.join('.')}`) + `-t${stills.timestamps}` : 'file';
}

/**
 * A run's name, in the cache and in the records: the file's name and the first 16 hex digits of
 * its SHA-256 (`sha`), the engine, model, runtime, second look and how the file is read.
 */
export function runName(file: string, sha: string, setting: EngineRunOptions): string {
  const o = resolved(setting);
  return `${path.basename(file).replace(/[^\w.+-]/g, '_')}-${sha}-${o.engine}-${o.model}-${o.runtime}-${o.lookForOthers ? 'others' : 'one'}-${howOf(o.stills)}`;
}

function settingOf(o: Resolved): RecordSetting {
  return { engine: o.engine, model: o.model, runtime: o.runtime, lookForOthers: o.lookForOthers, ...(o.stills ? { stills: o.stills } : {}) };
}

const videoRunners = new Map<string, Promise<PoseRunner>>();

/** A VIDEO-mode engine per setting for this test file, reset for each clip. */
async function videoRunner(o: Resolved): Promise<PoseRunner> {
  const key = `${o.engine}|${o.model}|${o.runtime}|${o.lookForOthers}`;
  let r = videoRunners.get(key);
  if (!r) {
    r = (async () =>
      openPoseRunner({ kind: o.engine, model: o.model, runtime: o.runtime, lookForOthers: o.lookForOthers, runningMode: 'VIDEO', ...(o.runtime === 'browser' ? { browser: await sharedBrowser() } : {}) }))();
    videoRunners.set(key, r);
    r.catch(() => videoRunners.delete(key));
  }
  return r;
}

/**
 * The start of a recorded run made again by the real engine, exactly as the record was made (a
 * video from a fresh engine in VIDEO mode with the clip's timestamps, as `analyzeFile` runs it, or
 * chosen frames of it each as a still; records are of videos only), its first `maxFrames` frames only:
 * engine-outputs.test.ts compares it with the record. Between videos the engine is reset, as the
 * app resets it between sets (nothing tracked or smoothed is kept), rather than made afresh: the
 * check then also holds the reset to what a fresh engine finds, and costs a graph rebuild, not a
 * new engine.
 */
export async function remakeStart(rel: string, setting: RecordSetting, maxFrames: number): Promise<FrameResult[]> {
  const file = fixture(rel);
  const o = resolved(setting);
  if (o.stills) return (await runStills(file, o, o.stills, maxFrames)).frames;
  const info = await probeMedia(file);
  const runner = await videoRunner(o);
  await runner.reset();
  const frames: FrameResult[] = [];
  for await (const rgba of decodeFrames(info)) {
    if (frames.length >= maxFrames) break;
    const i = frames.length;
    const timestampMs = frameTimestampMs(i, info.fps);
    const { pose, inferenceMs } = await runner.estimate(rgba, info.width, info.height, timestampMs);
    frames.push({ frame: i, timestampMs, width: info.width, height: info.height, pose, inferenceMs });
  }
  return frames;
}

/** `engineRun`'s frames only. */
export async function engineFrames(rel: string, options: EngineRunOptions): Promise<FrameResult[]> {
  return (await engineRun(rel, options)).frames;
}
