import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runtimeAddresses, versionedUrl, versionsFromManifest } from './runtime-files';

const SHA = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);
const manifest = {
  'models/pose_landmarker_full.task': { bytes: 1, sha256: SHA },
  'wasm/mediapipe/vision_wasm_internal.wasm': { bytes: 2, sha256: SHA },
  'wasm/mediapipe/vision_wasm_internal.js': { bytes: 3, sha256: OTHER },
  'wasm/tfjs/broken.wasm': { bytes: 4, sha256: 'not a hash' },
};

describe('versioned runtime addresses', () => {
  const versions = versionsFromManifest(manifest);
  const root = 'https://app.example/';

  it('takes the runtime files (under wasm/) with the first 16 hex digits of their SHA-256, nothing else', () => {
    expect([...versions]).toEqual([
      ['wasm/mediapipe/vision_wasm_internal.wasm', 'abababababababab'],
      ['wasm/mediapipe/vision_wasm_internal.js', 'cdcdcdcdcdcdcdcd'],
    ]);
    expect(versionsFromManifest(null).size).toBe(0);
    expect(versionsFromManifest('text').size).toBe(0);
  });

  it('adds ?v= to a known file, keeping an absolute address absolute and a path a path', () => {
    expect(versionedUrl('https://app.example/wasm/mediapipe/vision_wasm_internal.wasm', versions, root)).toBe('https://app.example/wasm/mediapipe/vision_wasm_internal.wasm?v=abababababababab');
    expect(versionedUrl('/wasm/mediapipe/vision_wasm_internal.js', versions, root)).toBe('/wasm/mediapipe/vision_wasm_internal.js?v=cdcdcdcdcdcdcdcd');
  });

  it('leaves alone a file the manifest does not know, another origin, an address with a query, and everything without a manifest', () => {
    expect(versionedUrl('/wasm/tfjs/broken.wasm', versions, root)).toBe('/wasm/tfjs/broken.wasm');
    expect(versionedUrl('https://cdn.example/wasm/mediapipe/vision_wasm_internal.wasm', versions, root)).toBe('https://cdn.example/wasm/mediapipe/vision_wasm_internal.wasm');
    expect(versionedUrl('/wasm/mediapipe/vision_wasm_internal.wasm?x=1', versions, root)).toBe('/wasm/mediapipe/vision_wasm_internal.wasm?x=1');
    expect(versionedUrl('/wasm/mediapipe/vision_wasm_internal.wasm', new Map(), root)).toBe('/wasm/mediapipe/vision_wasm_internal.wasm');
  });

  it('is relative to the folder above the manifest (an app under a sub-path)', () => {
    expect(versionedUrl('/app/wasm/mediapipe/vision_wasm_internal.wasm', versions, 'https://app.example/app/')).toBe('/app/wasm/mediapipe/vision_wasm_internal.wasm?v=abababababababab');
    expect(versionedUrl('/wasm/mediapipe/vision_wasm_internal.wasm', versions, 'https://app.example/app/')).toBe('/wasm/mediapipe/vision_wasm_internal.wasm');
  });

  it('the built manifest names every runtime file the engines load', () => {
    const file = path.resolve(__dirname, '../../public/models/manifest.json');
    const built = versionsFromManifest(JSON.parse(readFileSync(file, 'utf8')));
    for (const f of ['wasm/mediapipe/vision_wasm_internal.js', 'wasm/mediapipe/vision_wasm_internal.wasm', 'wasm/mediapipe/vision_wasm_nosimd_internal.js', 'wasm/mediapipe/vision_wasm_nosimd_internal.wasm', 'wasm/tfjs/tfjs-backend-wasm.wasm', 'wasm/tfjs/tfjs-backend-wasm-simd.wasm', 'wasm/tfjs/tfjs-backend-wasm-threaded-simd.wasm']) {
      expect(built.get(f), f).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});

describe('runtimeAddresses', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads the manifest next to the models once, and versions addresses with it', async () => {
    vi.stubGlobal('location', { href: 'https://one.example/live' });
    const fetch = vi.fn(async () => new Response(JSON.stringify(manifest)));
    vi.stubGlobal('fetch', fetch);
    const a = await runtimeAddresses('/models/');
    const b = await runtimeAddresses('/models');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual(['https://one.example/models/manifest.json', { credentials: 'same-origin' }]);
    expect(a.root).toBe('https://one.example/');
    expect(b.at('/wasm/mediapipe/vision_wasm_internal.wasm')).toBe('/wasm/mediapipe/vision_wasm_internal.wasm?v=abababababababab');
  });

  it('keeps plain addresses when the manifest is missing or unreadable', async () => {
    vi.stubGlobal('location', { href: 'https://two.example/live' });
    vi.stubGlobal('fetch', vi.fn(async () => new Response('nope', { status: 404 })));
    expect((await runtimeAddresses('/models/')).at('/wasm/tfjs/tfjs-backend-wasm.wasm')).toBe('/wasm/tfjs/tfjs-backend-wasm.wasm');
    vi.stubGlobal('location', { href: 'https://three.example/live' });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline'); }));
    expect((await runtimeAddresses('/models/')).versions.size).toBe(0);
  });

  it('outside a browser (Node) asks for nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    expect((await runtimeAddresses('/some/dir/')).versions.size).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });
});
