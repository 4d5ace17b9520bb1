import { fetchAssetLoader, loadAll } from './assets';
import { modelFilesFor, resolveConfig } from './config';
import { recordPhase, epochNow } from './phases';
import { mediapipeRuntime } from './mediapipe/wasm-module';
import { runtimeAddresses } from './runtime-files';
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
  // The runtime's addresses (and, in a browser, its compile) do not wait for the model files.
  const addresses = runtimeAddresses(modelBase);
  const runtime = startRuntime(resolved.kind, { ...config, modelBase });
  runtime.catch(() => {}); // awaited below, once the files are here
  const loadStart = epochNow();
  const bytes = await loadAll(loader, files, config.onProgress);
  recordPhase('model-files', loadStart);
  try {
    await runtime;
    if (resolved.kind === 'mediapipe') {
      const { createMediapipeEngine } = await import('./mediapipe/mediapipe-engine');
      return await createMediapipeEngine(resolved, bytes.get(files[0])!, modelBase + files[0], config.mediapipeWasmBase ?? DEFAULT_MEDIAPIPE_WASM, await addresses);
    }
    const { createTfjsEngine } = await import('./tfjs/tfjs-engine');
    return await createTfjsEngine(resolved, bytes, config.tfjsWasmBase ?? defaultTfjsWasmBase(), modelBase, await addresses);
  } catch (err) {
    if (err instanceof PoseEngineError) throw err;
    throw new PoseEngineError('engine-failed', `The ${resolved.kind} engine failed to start: ${(err as Error).message}`);
  }
}

type RuntimeConfig = Pick<PoseEngineConfig, 'mediapipeWasmBase' | 'tfjsWasmBase' | 'modelBase'>;

/**
 * Loads an engine's code and starts its runtime: MediaPipe's wasm compiling (in a browser),
 * TensorFlow.js's backend. Once per page or worker; a worker does it while the model files
 * download. Failures are left for createPoseEngine to report.
 */
export function preloadEngine(kind: PoseEngineConfig['kind'], config: RuntimeConfig = {}): Promise<void> {
  return startRuntime(kind, config).catch(() => {
    // createPoseEngine tries again and says what failed.
  });
}

const started = new Map<string, Promise<void>>();

function startRuntime(kind: PoseEngineConfig['kind'], config: RuntimeConfig): Promise<void> {
  const modelBase = (config.modelBase ?? DEFAULT_MODEL_BASE).replace(/\/?$/, '/');
  const key = JSON.stringify([kind, config.mediapipeWasmBase, config.tfjsWasmBase, modelBase]);
  let found = started.get(key);
  if (!found) {
    const codeStart = epochNow();
    found = (async () => {
      const addresses = runtimeAddresses(modelBase);
      if (kind === 'mediapipe') {
        // The wasm compiles while the library's code loads (and the model downloads). Node has
        // no browser runtime to prepare; createMediapipeEngine says so.
        const inBrowser = Boolean((globalThis as { location?: unknown }).location);
        if (inBrowser) void addresses.then((a) => mediapipeRuntime(config.mediapipeWasmBase ?? DEFAULT_MEDIAPIPE_WASM, a).module.catch(() => {})); // createMediapipeEngine awaits it and reports a failure
        await import('./mediapipe/mediapipe-engine');
        recordPhase('code', codeStart);
        return;
      }
      const { startTfjsRuntime } = await import('./tfjs/tfjs-engine');
      recordPhase('code', codeStart);
      await startTfjsRuntime(config.tfjsWasmBase ?? defaultTfjsWasmBase(), await addresses);
    })();
    started.set(key, found);
    found.catch(() => started.delete(key));
  }
  return found;
}

export { modelFilesFor, resolveConfig };
