/// <reference lib="webworker" />
// Runs a pose engine off the main thread. Frames arrive as transferred RGBA buffers, one at
// a time. At 'boot' the worker downloads the model files itself and starts the runtime (loads
// the engine's code and compiles its wasm) meanwhile; 'init' makes the engine.
import { fetchAssetLoader, loadAll } from '../assets';
import { createPoseEngine, preloadEngine } from '../create-pose-engine';
import { epochNow, recordPhase, takePhases, timed } from '../phases';
import { PoseEngineError, type PoseEngine } from '../types';
import type { FromWorker, SerializedPoseError, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

// The MediaPipe runtime prints its start-up notes ("INFO: Created TensorFlow Lite XNNPACK
// delegate for CPU.") on the error stream; they are information, not errors.
const reportError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('INFO: ')) console.info(...args);
  else reportError(...args);
};

/**
 * The first inference after 'ready' runs on the first camera frame when one comes within this
 * time (the camera is on already, as after a reload): an inference on an empty picture first
 * would only make that frame wait. When none comes (the engine was loaded ahead), it runs on an
 * empty picture, so the first frame later does not pay for the engine's one-off start-up work.
 */
const WARM_UP_AFTER_MS = 150;

let engine: PoseEngine | null = null;
/** The engine's first inference has not run yet. */
let firstRunPending = false;
let booting: Promise<void> = Promise.resolve();
/** The model files this worker is downloading (asked for at boot), or null. */
let fetching: Promise<Map<string, Uint8Array>> | null = null;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function serialize(err: unknown): SerializedPoseError {
  if (err instanceof PoseEngineError) return { code: err.code, message: err.message, file: err.file };
  return { code: 'engine-failed', message: err instanceof Error ? err.message : String(err), file: null };
}

/**
 * Messages are handled one at a time, in order: the page may send the next frame before the
 * current one is answered (it waits here, so the model never waits for the page), and a reset
 * or another page's frames come after the frame being measured.
 */
let work: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  work = work.then(() => handle(msg)).catch(() => {});
};

/** The engine's first inference on an empty picture, unless a camera frame came first. */
async function warmUp(started: PoseEngine): Promise<void> {
  if (!firstRunPending || engine !== started) return;
  firstRunPending = false;
  try {
    await timed('first-run', async () => started.warmUp?.());
  } catch {
    // The first frame pays for it instead.
  }
  post({ type: 'phases', phases: takePhases() });
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'boot': {
      // The engine's code loads while the model files download (here, so the page's thread
      // never handles megabytes of model; progress goes to the page in whole percents).
      recordPhase('worker-start', performance.timeOrigin);
      booting = preloadEngine(msg.kind, { tfjsWasmBase: msg.tfjsWasmBase, mediapipeWasmBase: msg.mediapipeWasmBase, modelBase: msg.modelBase });
      if (msg.fetchModel) {
        let shown = -1;
        const start = epochNow();
        fetching = loadAll(fetchAssetLoader(msg.fetchModel.base), msg.fetchModel.paths, (fraction, file) => {
          const percent = Math.floor(fraction * 100);
          if (percent === shown) return;
          shown = percent;
          post({ type: 'load-progress', fraction: percent / 100, file });
        });
        fetching.then(() => recordPhase('model-files', start)).catch(() => {}); // a failure is reported by 'init'
      }
      break;
    }
    case 'init': {
      await booting;
      engine?.dispose();
      engine = null;
      const download = fetching;
      fetching = null;
      try {
        const files = msg.files.length > 0 || !download ? new Map(msg.files.map(([path, buffer]) => [path, new Uint8Array(buffer)])) : await download;
        engine = await createPoseEngine({
          ...msg.config,
          loadAsset: async (path) => {
            const bytes = files.get(path);
            if (!bytes) throw new PoseEngineError('model-missing', `The model file ${msg.config.modelBase ?? ''}${path} was not provided.`, path);
            return bytes;
          },
        });
        recordPhase('ready', epochNow());
        post({ type: 'ready', info: engine.info, phases: takePhases() });
        firstRunPending = true;
        const started = engine;
        setTimeout(() => {
          work = work.then(() => warmUp(started)).catch(() => {});
        }, WARM_UP_AFTER_MS);
      } catch (err) {
        post({ type: 'init-error', error: serialize(err) });
      }
      break;
    }
    case 'estimate': {
      // RGBA pixels come with their buffer, which goes back with the answer to be reused.
      const frame = msg.frame instanceof ImageBitmap ? msg.frame : new ImageData(msg.frame.data as Uint8ClampedArray<ArrayBuffer>, msg.frame.width, msg.frame.height);
      const buffer = frame instanceof ImageData ? (frame.data.buffer as ArrayBuffer) : null;
      try {
        if (!engine) throw new PoseEngineError('engine-failed', 'The pose engine is not running.');
        const first = firstRunPending;
        firstRunPending = false;
        const t0 = performance.now();
        const pose = await engine.estimate(frame, msg.timestampMs);
        post({ type: 'result', id: msg.id, pose, inferenceMs: performance.now() - t0, buffer }, buffer ? [buffer] : []);
        if (first) {
          recordPhase('first-run', performance.timeOrigin + t0);
          post({ type: 'phases', phases: takePhases() });
        }
      } catch (err) {
        post({ type: 'estimate-error', id: msg.id, error: serialize(err), buffer }, buffer ? [buffer] : []);
      } finally {
        if (frame instanceof ImageBitmap) frame.close();
      }
      break;
    }
    case 'reset': {
      try {
        await engine?.reset();
      } finally {
        post({ type: 'reset-done', id: msg.id });
      }
      break;
    }
    case 'look-for-others': {
      engine?.setLookForOthers?.(msg.on);
      break;
    }
    case 'dispose': {
      engine?.dispose();
      engine = null;
      self.close();
      break;
    }
  }
}
