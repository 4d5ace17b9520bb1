import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createPoseEngine } from '../../lib/pose/create-pose-engine';
import { fileAssetLoader } from '../../lib/pose/node/file-asset-loader';
import { PoseEngineError, type EngineInfo, type Pose, type PoseEngine, type PoseEngineConfig } from '../../lib/pose/types';
import { launchChromium } from '../browser/chromium';
import type { HarnessConfig, HarnessEstimate, HarnessInit } from './page';
import { PUBLIC_DIR, startHarnessServer, type HarnessServer } from './server';

export type Runtime = 'browser' | 'node';

export interface PoseRunner {
  readonly runtime: Runtime;
  readonly info: EngineInfo;
  readonly initMs: number;
  estimate(rgba: Uint8Array, width: number, height: number, timestampMs: number): Promise<RunnerResult>;
  /** Browser runtime only: an encoded still (JPEG, PNG...) decoded by the browser, as the app would. */
  estimateEncoded?(bytes: Uint8Array, timestampMs: number): Promise<RunnerResult>;
  /** The engine's own reset, as the app calls it between sets: a new video follows, nothing tracked or smoothed is kept. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface RunnerResult {
  readonly pose: Pose | null;
  readonly inferenceMs: number;
}

type HarnessApi = {
  init(c: HarnessConfig): Promise<HarnessInit>;
  estimate(u: string, w: number, h: number, t: number): Promise<HarnessEstimate>;
  estimateEncoded(u: string, t: number): Promise<HarnessEstimate>;
  reset(): Promise<void>;
};
// Functions passed to page.evaluate run in the page: they cannot close over Node values.
type HarnessGlobal = { poseHarness: HarnessApi };

export interface RunnerOptions extends HarnessConfig {
  readonly runtime?: Runtime;
  /** Reuse a browser across runners (benchmarks, test files); otherwise one is launched. */
  readonly browser?: Browser;
}

function rethrow(error: { code: string; message: string; file: string | null }): never {
  throw new PoseEngineError(error.code as PoseEngineError['code'], error.message, error.file);
}

/** Starts the app's pose engine in headless Chromium (default) or, for tfjs, in Node. */
export async function openPoseRunner(options: RunnerOptions): Promise<PoseRunner> {
  const runtime = options.runtime ?? 'browser';
  const config: HarnessConfig = {
    kind: options.kind,
    model: options.model,
    delegate: options.delegate,
    runningMode: options.runningMode,
    maxPeople: options.maxPeople,
    lookForOthers: options.lookForOthers,
  };
  if (runtime === 'node') {
    if (options.kind !== 'tfjs') {
      throw new PoseEngineError('invalid-config', 'The mediapipe engine runs in a browser only; use runtime "browser".');
    }
    const t0 = performance.now();
    const modelDir = path.join(PUBLIC_DIR, 'models');
    const engine: PoseEngine = await createPoseEngine({ ...config, modelBase: modelDir, loadAsset: fileAssetLoader(modelDir) } as PoseEngineConfig);
    return {
      runtime,
      info: engine.info,
      initMs: performance.now() - t0,
      async estimate(rgba, width, height, timestampMs) {
        const t = performance.now();
        const pose = await engine.estimate({ data: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height }, timestampMs);
        return { pose, inferenceMs: performance.now() - t };
      },
      async reset() {
        await engine.reset();
      },
      async close() {
        engine.dispose();
      },
    };
  }

  let server: HarnessServer | null = null;
  let ownBrowser: Browser | null = null;
  let page: Page | null = null;
  const cleanup = async () => {
    await page?.close().catch(() => {});
    await ownBrowser?.close().catch(() => {});
    await server?.close();
  };
  try {
    server = await startHarnessServer();
    const browser = options.browser ?? (ownBrowser = await launchChromium());
    page = await browser.newPage();
    await page.goto(server.origin + '/');
    await page.waitForFunction(() => 'poseHarness' in globalThis);
    const init = await page.evaluate((c) => (globalThis as unknown as HarnessGlobal).poseHarness.init(c), config);
    if (!init.ok) rethrow(init.error);
    const srv = server;
    const pg = page;
    return {
      runtime,
      info: init.info,
      initMs: init.initMs,
      async estimate(rgba, width, height, timestampMs) {
        const url = srv.put(rgba);
        try {
          const r = await pg.evaluate(([u, w, h, t]) => (globalThis as unknown as HarnessGlobal).poseHarness.estimate(u, w, h, t), [url, width, height, timestampMs] as const);
          if (!r.ok) rethrow(r.error);
          return { pose: r.pose, inferenceMs: r.inferenceMs };
        } finally {
          srv.drop(url);
        }
      },
      async estimateEncoded(bytes, timestampMs) {
        const url = srv.put(bytes);
        try {
          const r = await pg.evaluate(([u, t]) => (globalThis as unknown as HarnessGlobal).poseHarness.estimateEncoded(u, t), [url, timestampMs] as const);
          if (!r.ok) rethrow(r.error);
          return { pose: r.pose, inferenceMs: r.inferenceMs };
        } finally {
          srv.drop(url);
        }
      },
      async reset() {
        await pg.evaluate(() => (globalThis as unknown as HarnessGlobal).poseHarness.reset());
      },
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
