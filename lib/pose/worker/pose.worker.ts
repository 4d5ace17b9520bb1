/// <reference lib="webworker" />
// Runs a pose engine off the main thread. Frames arrive as transferred RGBA buffers, one at
// a time; model files arrive with the init message (the page downloads them to show progress).
import { fetchAssetLoader, loadAll } from '../assets';
import { createPoseEngine, preloadEngineCode } from '../create-pose-engine';
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

let engine: PoseEngine | null = null;
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

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'boot': {
      // The engine's code loads while the model files download (here, so the page's thread
      // never handles megabytes of model; progress goes to the page in whole percents).
      booting = preloadEngineCode(msg.kind, msg.tfjsWasmBase);
      if (msg.fetchModel) {
        let shown = -1;
        fetching = loadAll(fetchAssetLoader(msg.fetchModel.base), msg.fetchModel.paths, (fraction, file) => {
          const percent = Math.floor(fraction * 100);
          if (percent === shown) return;
          shown = percent;
          post({ type: 'load-progress', fraction: percent / 100, file });
        });
        fetching.catch(() => {}); // reported by 'init'
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
        // The first camera frame should not pay for the engine's start-up work.
        await engine.warmUp?.().catch(() => {});
        post({ type: 'ready', info: engine.info });
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
        const t0 = performance.now();
        const pose = await engine.estimate(frame, msg.timestampMs);
        post({ type: 'result', id: msg.id, pose, inferenceMs: performance.now() - t0, buffer }, buffer ? [buffer] : []);
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
