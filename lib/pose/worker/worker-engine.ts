import { loadAll } from '../assets';
import { modelFilesFor, resolveConfig } from '../config';
import { isRgbaFrame, returnFrameBuffer } from '../frame';
import { PoseEngineError, type EngineInfo, type Pose, type PoseEngine, type PoseEngineConfig, type PoseFrame } from '../types';
import type { PhaseSpan } from '../phases';
import type { FromWorker, SerializedPoseError, ToWorker, WorkerEngineConfig } from './protocol';

export interface WorkerPoseEngine extends PoseEngine {
  /** Inference time of the last frame inside the worker, in ms. */
  readonly lastInferenceMs: number;
}

/**
 * The worker's start, on this page's timeline: a `performance` measure `pose:<phase>` for each
 * part (phases.ts), seen in DevTools and read by `npm run bench:live`.
 */
function measurePhases(phases: readonly PhaseSpan[]): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  for (const p of phases) {
    try {
      performance.measure(`pose:${p.name}`, { start: Math.max(0, p.startMs - performance.timeOrigin), end: Math.max(0, p.endMs - performance.timeOrigin) });
    } catch {
      // A browser without User Timing 3 options: nothing to show.
    }
  }
}

function revive(e: SerializedPoseError): PoseEngineError {
  return new PoseEngineError(e.code, e.message, e.file);
}

/**
 * Starts a pose engine in a Web Worker. The worker downloads the model files itself and
 * reports progress and missing files to the page (a caller's own `loadAsset` runs here and its
 * files are transferred). Requests are
 * answered in order, one at a time; a page may send its next frame before the last answer.
 */
export async function createWorkerPoseEngine(config: PoseEngineConfig): Promise<WorkerPoseEngine> {
  const resolved = resolveConfig(config);
  const paths = modelFilesFor(resolved.kind, resolved.model);
  const modelBase = config.modelBase ?? '/models/';
  // The worker starts first and loads the engine's code while the model files download here.
  const worker = new Worker(new URL('./pose.worker.ts', import.meta.url), { name: 'pose-engine' });
  let startFailure: string | null = null;
  worker.onerror = (event) => {
    event.preventDefault();
    startFailure = event.message || 'unknown error';
  };
  // Model files are downloaded by the worker (megabytes of streaming off the page's thread),
  // unless the caller brings its own loader, which runs here.
  const pageLoads = config.loadAsset !== undefined;
  const boot: ToWorker = {
    type: 'boot',
    kind: resolved.kind,
    tfjsWasmBase: config.tfjsWasmBase,
    mediapipeWasmBase: config.mediapipeWasmBase,
    modelBase,
    fetchModel: pageLoads ? undefined : { base: modelBase, paths },
  };
  worker.postMessage(boot);
  let bytes = new Map<string, Uint8Array>();
  if (pageLoads) {
    try {
      bytes = await loadAll(config.loadAsset!, paths, config.onProgress);
    } catch (err) {
      worker.terminate();
      throw err;
    }
    if (typeof performance !== 'undefined') performance.mark?.('pose:model-files');
  }

  const workerConfig: WorkerEngineConfig = {
    kind: resolved.kind,
    model: resolved.model,
    delegate: resolved.delegate,
    runningMode: resolved.runningMode,
    maxPeople: resolved.maxPeople,
    lookForOthers: resolved.lookForOthers,
    mediapipeWasmBase: config.mediapipeWasmBase,
    tfjsWasmBase: config.tfjsWasmBase,
    modelBase,
  };
  const files = [...bytes.keys()].map((p) => {
    const b = bytes.get(p)!;
    const copy = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? (b.buffer as ArrayBuffer) : b.slice().buffer;
    return [p, copy] as const;
  });

  const info = await new Promise<EngineInfo>((resolve, reject) => {
    if (startFailure !== null) return reject(new PoseEngineError('engine-failed', `The pose worker failed to start: ${startFailure}`));
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (msg.type === 'ready') {
        measurePhases(msg.phases);
        resolve(msg.info);
      }
      else if (msg.type === 'init-error') reject(revive(msg.error));
      else if (msg.type === 'load-progress') {
        config.onProgress?.(msg.fraction, msg.file);
        if (msg.fraction >= 1 && typeof performance !== 'undefined') performance.mark?.('pose:model-files');
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new PoseEngineError('engine-failed', `The pose worker failed to start: ${event.message || 'unknown error'}`));
    };
    const message: ToWorker = { type: 'init', config: workerConfig, files };
    worker.postMessage(message, files.map(([, buffer]) => buffer));
  }).catch((err: unknown) => {
    worker.terminate();
    throw err;
  });

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Pose | null) => void; reject: (e: Error) => void }>();
  let lastInferenceMs = 0;
  let disposed = false;
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const msg = event.data;
    if ((msg.type === 'result' || msg.type === 'estimate-error') && msg.buffer) returnFrameBuffer(msg.buffer);
    if (msg.type === 'result') {
      lastInferenceMs = msg.inferenceMs;
      pending.get(msg.id)?.resolve(msg.pose);
      pending.delete(msg.id);
    } else if (msg.type === 'estimate-error') {
      pending.get(msg.id)?.reject(revive(msg.error));
      pending.delete(msg.id);
    } else if (msg.type === 'reset-done') {
      pending.get(msg.id)?.resolve(null);
      pending.delete(msg.id);
    } else if (msg.type === 'phases') {
      measurePhases(msg.phases);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const err = new PoseEngineError('engine-failed', `The pose worker stopped: ${event.message || 'unknown error'}`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  // Requests are posted at once: the worker handles them one at a time, in order, so a frame
  // sent before the last one's answer waits there, and a reset comes after the frame before it.
  const request = (make: (id: number) => ToWorker, transfer: Transferable[] = []) =>
    new Promise<Pose | null>((resolve, reject) => {
      if (disposed) return reject(new PoseEngineError('engine-failed', 'The pose engine was closed.'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage(make(id), transfer);
    });

  return {
    info,
    get lastInferenceMs() {
      return lastInferenceMs;
    },
    async estimate(frame: PoseFrame, timestampMs: number) {
      // Bitmaps and RGBA pixels move to the worker without a copy (an RGBA frame's buffer is
      // detached here and comes back to the frame-buffer pool); anything else becomes a bitmap.
      if (isRgbaFrame(frame)) {
        const { data, width, height } = frame;
        return request((id) => ({ type: 'estimate', id, frame: { data, width, height }, timestampMs }), [data.buffer]);
      }
      const bitmap = frame instanceof ImageBitmap ? frame : await createImageBitmap(frame as ImageBitmapSource);
      return request((id) => ({ type: 'estimate', id, frame: bitmap, timestampMs }), [bitmap]);
    },
    async reset() {
      await request((id) => ({ type: 'reset', id }));
    },
    setLookForOthers(on: boolean) {
      if (disposed) return;
      const message: ToWorker = { type: 'look-for-others', on };
      worker.postMessage(message);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      const message: ToWorker = { type: 'dispose' };
      worker.postMessage(message);
      for (const p of pending.values()) p.reject(new PoseEngineError('engine-failed', 'The pose engine was closed.'));
      pending.clear();
      setTimeout(() => worker.terminate(), 1000);
    },
  };
}
