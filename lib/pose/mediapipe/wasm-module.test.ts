import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PoseEngineError } from '../types';
import { compileWasm, visionFileset, wasmSimdSupported, withCompiledWasm } from './wasm-module';

const ROOT = path.resolve(__dirname, '../../..');

describe("MediaPipe's runtime files, named without loading the library", () => {
  it('as FilesetResolver.forVisionTasks names them (SIMD or not), and they are built', () => {
    // tasks-vision 1.1.0: `${base}/${task}_wasm${module ? "_module" : ""}${simd ? "" : "_nosimd"}_internal.js` and `.wasm`.
    const bundle = readFileSync(path.join(ROOT, 'node_modules/@mediapipe/tasks-vision/vision_bundle.mjs'), 'utf8');
    expect(bundle).toMatch(/wasmLoaderPath:`\$\{e\}\/\$\{t\}_\$\{r=`wasm\$\{r\?"_module":""\}\$\{await hh\(r\)\?"":"_nosimd"\}_internal`\}\.js`,wasmBinaryPath:`\$\{e\}\/\$\{t\}_\$\{r\}\.wasm`/);
    expect(visionFileset('https://app.example/wasm/mediapipe/', true)).toEqual({
      wasmLoaderPath: 'https://app.example/wasm/mediapipe/vision_wasm_internal.js',
      wasmBinaryPath: 'https://app.example/wasm/mediapipe/vision_wasm_internal.wasm',
    });
    const nosimd = visionFileset('/wasm/mediapipe', false);
    expect(nosimd).toEqual({ wasmLoaderPath: '/wasm/mediapipe/vision_wasm_nosimd_internal.js', wasmBinaryPath: '/wasm/mediapipe/vision_wasm_nosimd_internal.wasm' });
    for (const f of [...Object.values(visionFileset('/wasm/mediapipe', true)), ...Object.values(nosimd)]) expect(existsSync(path.join(ROOT, 'public', f)), f).toBe(true);
    // Node's V8 has SIMD wasm, as Chromium does.
    expect(wasmSimdSupported()).toBe(true);
  });
});

/** A module that imports one function, a.f: instantiating it without that import fails. */
const NEEDS_IMPORT = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, 7, 1, 1, 0x61, 1, 0x66, 0, 0]);

type Scope = { Module?: { instantiateWasm?: (imports: WebAssembly.Imports, done: (i: WebAssembly.Instance) => void) => object } };

/** What MediaPipe's loader does with `Module`: reads it once, instantiates through it, clears it. */
function fakeLoader(imports: WebAssembly.Imports, log: string[], name: string): Promise<WebAssembly.Instance> {
  const scope = globalThis as unknown as Scope;
  const arg = scope.Module;
  log.push(`${name} start`);
  return new Promise<WebAssembly.Instance>((resolve) => {
    arg!.instantiateWasm!(imports, (instance) => {
      scope.Module = undefined;
      log.push(`${name} done`);
      resolve(instance);
    });
  });
}

describe('one compiled MediaPipe module for every landmarker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('hands the module to each task in turn, never two at once', async () => {
    const module = await WebAssembly.compile(NEEDS_IMPORT);
    const log: string[] = [];
    const imports = { a: { f: () => {} } };
    const [one, two] = await Promise.all([
      withCompiledWasm(module, () => fakeLoader(imports, log, 'video')),
      withCompiledWasm(module, () => fakeLoader(imports, log, 'still')),
    ]);
    expect(one).toBeInstanceOf(WebAssembly.Instance);
    expect(two).toBeInstanceOf(WebAssembly.Instance);
    expect(log).toEqual(['video start', 'video done', 'still start', 'still done']);
    expect((globalThis as unknown as Scope).Module).toBeUndefined();
  });

  it('rejects (instead of waiting forever) when the module cannot be instantiated, and the next task still runs', async () => {
    const module = await WebAssembly.compile(NEEDS_IMPORT);
    const log: string[] = [];
    const failed = withCompiledWasm(module, () => fakeLoader({}, log, 'broken'));
    await expect(failed).rejects.toMatchObject({ code: 'runtime-missing' });
    expect((globalThis as unknown as Scope).Module).toBeUndefined();
    await expect(withCompiledWasm(module, () => fakeLoader({ a: { f: () => {} } }, log, 'next'))).resolves.toBeInstanceOf(WebAssembly.Instance);
  });

  it('passes on a task that fails by itself, leaving no Module behind', async () => {
    const module = await WebAssembly.compile(NEEDS_IMPORT);
    await expect(withCompiledWasm(module, async () => { throw new Error('bad model'); })).rejects.toThrow('bad model');
    expect((globalThis as unknown as Scope).Module).toBeUndefined();
  });

  it('compiles an address once, streamed from an application/wasm response', async () => {
    const fetch = vi.fn(async () => new Response(NEEDS_IMPORT, { headers: { 'content-type': 'application/wasm' } }));
    vi.stubGlobal('fetch', fetch);
    const streaming = vi.spyOn(WebAssembly, 'compileStreaming');
    const [a, b] = await Promise.all([compileWasm('https://x.example/a.wasm?v=1'), compileWasm('https://x.example/a.wasm?v=1')]);
    expect(a).toBe(b);
    expect(a).toBeInstanceOf(WebAssembly.Module);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(streaming).toHaveBeenCalledTimes(1);
    streaming.mockRestore();
  });

  it('falls back to the bytes when the server gives another type, and says which file is missing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(NEEDS_IMPORT, { headers: { 'content-type': 'application/octet-stream' } })));
    await expect(compileWasm('https://x.example/b.wasm')).resolves.toBeInstanceOf(WebAssembly.Module);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('not found', { status: 404 })));
    const missing = compileWasm('https://x.example/c.wasm');
    await expect(missing).rejects.toBeInstanceOf(PoseEngineError);
    await expect(missing).rejects.toMatchObject({ code: 'runtime-missing', file: 'https://x.example/c.wasm' });
    // A failure is not kept: the next try fetches again.
    vi.stubGlobal('fetch', vi.fn(async () => new Response(NEEDS_IMPORT, { headers: { 'content-type': 'application/wasm' } })));
    await expect(compileWasm('https://x.example/c.wasm')).resolves.toBeInstanceOf(WebAssembly.Module);
  });
});
