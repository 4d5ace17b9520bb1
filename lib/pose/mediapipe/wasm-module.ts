// MediaPipe's wasm compiled once per page or worker, and handed to each landmarker it makes.
//
// - Compiled with WebAssembly.compileStreaming from its own (versioned, long-cached) address:
//   only a streamed compile of a same-origin `application/wasm` response from the HTTP cache or
//   Cache Storage can use the code Chromium cached last time (not an ArrayBuffer, not a Blob).
// - MediaPipe's Emscripten loader takes a module through `Module.instantiateWasm`, so the video
//   landmarker, the still one for the second look and a CPU landmarker after a failed GPU start
//   all instantiate the same compiled module instead of fetching and compiling 13 MB each.
import { epochNow, recordPhase } from '../phases';
import type { RuntimeAddresses } from '../runtime-files';
import { PoseEngineError } from '../types';

/** What MediaPipe's tasks load (its `WasmFileset`): the loader script and the wasm. */
export interface VisionFileset {
  readonly wasmLoaderPath: string;
  readonly wasmBinaryPath: string;
}

/** A module with one v128 instruction: it validates where the browser has SIMD wasm (MediaPipe's own test). */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function wasmSimdSupported(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * The files `FilesetResolver.forVisionTasks(base)` of @mediapipe/tasks-vision 1.1.0 names
 * (`vision_wasm[_nosimd]_internal.js` and `.wasm`; wasm-module.test.ts checks the bundle still
 * builds them so), here without loading the library's code first.
 */
export function visionFileset(base: string, simd = wasmSimdSupported()): VisionFileset {
  const name = `vision_wasm${simd ? '' : '_nosimd'}_internal`;
  const dir = base.replace(/\/$/, '');
  return { wasmLoaderPath: `${dir}/${name}.js`, wasmBinaryPath: `${dir}/${name}.wasm` };
}

export interface MediapipeRuntime {
  /** The loader and wasm at their versioned addresses (runtime-files.ts). */
  readonly fileset: VisionFileset;
  /** The wasm compiling (or compiled). */
  readonly module: Promise<WebAssembly.Module>;
}

const runtimes = new Map<string, MediapipeRuntime>();

/**
 * Starts compiling the runtime's wasm under `base` (a URL or path), once per page or worker:
 * a worker calls it at boot, while the model downloads and the library's code loads, and every
 * landmarker made there (video, still, CPU after a failed GPU start) uses the same module.
 */
export function mediapipeRuntime(wasmBase: string, addresses: RuntimeAddresses): MediapipeRuntime {
  const here = (globalThis as { location?: { href: string } }).location?.href;
  const base = here ? new URL(wasmBase, here).href : wasmBase;
  const key = `${base}|${addresses.root}`;
  let found = runtimes.get(key);
  if (!found) {
    const plain = visionFileset(base);
    const fileset = { wasmLoaderPath: addresses.at(plain.wasmLoaderPath), wasmBinaryPath: addresses.at(plain.wasmBinaryPath) };
    const start = epochNow();
    const module = compileWasm(fileset.wasmBinaryPath);
    module.then(() => recordPhase('runtime', start)).catch(() => runtimes.delete(key)); // a failure is reported where the module is awaited
    found = { fileset, module };
    runtimes.set(key, found);
  }
  return found;
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Compiles the wasm at `url` (once per address); rejects with a `runtime-missing` error. */
export function compileWasm(url: string): Promise<WebAssembly.Module> {
  let found = compiled.get(url);
  if (!found) {
    found = compile(url);
    compiled.set(url, found);
    found.catch(() => compiled.delete(url));
  }
  return found;
}

async function compile(url: string): Promise<WebAssembly.Module> {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' }));
    } catch {
      // Below: the file's bytes, and a clear error when it is missing.
    }
  }
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw new PoseEngineError('runtime-missing', `The pose runtime file ${url} could not be loaded: ${(err as Error).message}.`, url);
  }
  if (!response.ok) throw new PoseEngineError('runtime-missing', `The pose runtime file ${url} could not be loaded (the server answered ${response.status}).`, url);
  try {
    // A server that does not say `application/wasm`: compiled from the bytes (nothing cached).
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch (err) {
    throw new PoseEngineError('runtime-missing', `The pose runtime file ${url} is damaged: ${(err as Error).message}.`, url);
  }
}

type EmscriptenModuleArg = { instantiateWasm?: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) => object };
type LoaderScope = { Module?: EmscriptenModuleArg };

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `create` (which makes one MediaPipe task) with `module` offered to MediaPipe's loader.
 * The loader reads the global `Module` once per task and clears it, so tasks are made one at a
 * time. Rejects when `create` does, or when the module cannot be instantiated (which the loader
 * itself would wait for forever).
 */
export function withCompiledWasm<T>(module: WebAssembly.Module, create: () => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    const scope = globalThis as unknown as LoaderScope;
    let fail: (err: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    const arg: EmscriptenModuleArg = {
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(module, imports).then(done, (err: unknown) => fail(new PoseEngineError('runtime-missing', `The pose runtime could not start: ${(err as Error).message}`)));
        return {};
      },
    };
    scope.Module = arg;
    try {
      return await Promise.race([create(), failed]);
    } finally {
      if (scope.Module === arg) scope.Module = undefined;
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => {});
  return result;
}
