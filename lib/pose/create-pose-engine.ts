import { fetchAssetLoader, loadAll } from './assets';
import { modelFilesFor, resolveConfig } from './config';
import { PoseEngineError, type PoseEngine, type PoseEngineConfig } from './types';

const DEFAULT_MEDIAPIPE_WASM = '/wasm/mediapipe';
const DEFAULT_TFJS_WASM = '/wasm/tfjs/';

/**
 * Validates the config, downloads the model files and starts the engine. Resolves only
 * with a ready engine; rejects with a `PoseEngineError` whose code says what went wrong.
 */
export async function createPoseEngine(config: PoseEngineConfig): Promise<PoseEngine> {
  const resolved = resolveConfig(config);
  const files = modelFilesFor(resolved.kind, resolved.model);
  const loader = config.loadAsset ?? fetchAssetLoader();
  const bytes = await loadAll(loader, files, config.onProgress);
  try {
    if (resolved.kind === 'mediapipe') {
      const { createMediapipeEngine } = await import('./mediapipe/mediapipe-engine');
      return await createMediapipeEngine(resolved, bytes.get(files[0])!, files[0], config.mediapipeWasmBase ?? DEFAULT_MEDIAPIPE_WASM);
    }
    const { createTfjsEngine } = await import('./tfjs/tfjs-engine');
    const inBrowser = typeof window !== 'undefined' || typeof importScripts === 'function';
    return await createTfjsEngine(resolved, bytes, config.tfjsWasmBase ?? (inBrowser ? DEFAULT_TFJS_WASM : undefined));
  } catch (err) {
    if (err instanceof PoseEngineError) throw err;
    throw new PoseEngineError('engine-failed', `The ${resolved.kind} engine failed to start: ${(err as Error).message}`);
  }
}

export { modelFilesFor, resolveConfig };
