import { fetchAssetLoader, loadAll } from './assets';
import { modelFilesFor, resolveConfig } from './config';
import { PoseEngineError, type PoseEngine, type PoseEngineConfig } from './types';

const DEFAULT_MODEL_BASE = '/models/';
const DEFAULT_MEDIAPIPE_WASM = '/wasm/mediapipe';
const DEFAULT_TFJS_WASM = '/wasm/tfjs/';

/**
 * In a browser or worker the tfjs wasm files are fetched by absolute URL (a worker's relative
 * URLs resolve against its script); in Node (undefined) the backend finds them in its package.
 */
function defaultTfjsWasmBase(): string | undefined {
  const here = (globalThis as { location?: { href: string } }).location?.href;
  return here ? new URL(DEFAULT_TFJS_WASM, here).href : undefined;
}

/**
 * Validates the config, downloads the model files and starts the engine. Resolves only
 * with a ready engine; rejects with a `PoseEngineError` whose code says what went wrong.
 */
export async function createPoseEngine(config: PoseEngineConfig): Promise<PoseEngine> {
  const resolved = resolveConfig(config);
  const files = modelFilesFor(resolved.kind, resolved.model);
  const modelBase = (config.modelBase ?? DEFAULT_MODEL_BASE).replace(/\/?$/, '/');
  const loader = config.loadAsset ?? fetchAssetLoader(modelBase);
  const bytes = await loadAll(loader, files, config.onProgress);
  try {
    if (resolved.kind === 'mediapipe') {
      const { createMediapipeEngine } = await import('./mediapipe/mediapipe-engine');
      return await createMediapipeEngine(resolved, bytes.get(files[0])!, modelBase + files[0], config.mediapipeWasmBase ?? DEFAULT_MEDIAPIPE_WASM);
    }
    const { createTfjsEngine } = await import('./tfjs/tfjs-engine');
    return await createTfjsEngine(resolved, bytes, config.tfjsWasmBase ?? defaultTfjsWasmBase(), modelBase);
  } catch (err) {
    if (err instanceof PoseEngineError) throw err;
    throw new PoseEngineError('engine-failed', `The ${resolved.kind} engine failed to start: ${(err as Error).message}`);
  }
}

/**
 * Loads an engine's code (and, for TensorFlow.js, starts its runtime) ahead of its model
 * files, so a worker can do it while the page still downloads them. Failures are left for
 * createPoseEngine to report.
 */
export async function preloadEngineCode(kind: PoseEngineConfig['kind'], tfjsWasmBase?: string): Promise<void> {
  try {
    if (kind === 'mediapipe') {
      await import('./mediapipe/mediapipe-engine');
      return;
    }
    const { startTfjsRuntime } = await import('./tfjs/tfjs-engine');
    await startTfjsRuntime(tfjsWasmBase ?? defaultTfjsWasmBase());
  } catch {
    // createPoseEngine tries again and says what failed.
  }
}

export { modelFilesFor, resolveConfig };
