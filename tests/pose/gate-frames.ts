// The engine's frames of a fixture, run once and kept on disk (.cache/gate-frames, ignored by
// git): the gate tests replay the app's own gate and counter on them many times over (every
// threshold moved, every view rule) without running the model again. The cache is keyed by
// engine, model, the second look, and the file's size and modification time, so a changed
// fixture is analyzed again; delete the folder to force it.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { EngineKind } from '../../lib/pose/types';
import { analyzeFile, type FrameResult } from '../../tools/analyze/analyze';
import { launchChromium } from '../../tools/browser/chromium';
import { fixture, ROOT } from './fixtures';

export const ENGINES = ['mediapipe', 'tfjs'] as const;
const CACHE_DIR = path.join(ROOT, '.cache/gate-frames');

let browser: Promise<Browser> | null = null;
const pending = new Map<string, Promise<FrameResult[]>>();

/** Closes the browser if one was started (call from afterAll). */
export async function closeGateBrowser(): Promise<void> {
  const b = browser;
  browser = null;
  if (b) await (await b).close();
}

/**
 * The frames of fixture `rel` (or an absolute path) through `engine` (full model), from the cache when it is there.
 * `lookForOthers`: the snapshot's second look for other people (stills in the snapshot page).
 */
export function gateFrames(engine: EngineKind, rel: string, options: { lookForOthers?: boolean } = {}): Promise<FrameResult[]> {
  const lookForOthers = options.lookForOthers ?? false;
  const key = `${engine}|${rel}|${lookForOthers}`;
  let run = pending.get(key);
  if (!run) {
    run = (async () => {
      const file = path.isAbsolute(rel) ? rel : fixture(rel);
      const info = await stat(file);
      const name = `${engine}-full-${lookForOthers ? 'others-' : ''}${path.basename(rel)}-${info.size}-${Math.round(info.mtimeMs)}.json`;
      const cached = path.join(CACHE_DIR, name);
      try {
        return JSON.parse(await readFile(cached, 'utf8')) as FrameResult[];
      } catch {
        // Not cached yet: run the engine.
      }
      const needsBrowser = engine === 'mediapipe';
      if (needsBrowser) browser ??= launchChromium();
      const { frames } = await analyzeFile(file, { engine, model: 'full', lookForOthers, ...(needsBrowser ? { browser: await browser! } : {}) });
      await mkdir(CACHE_DIR, { recursive: true });
      await writeFile(cached, JSON.stringify(frames));
      return frames;
    })();
    pending.set(key, run);
  }
  return run;
}
