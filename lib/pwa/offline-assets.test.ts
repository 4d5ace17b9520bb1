import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetVersion, formatBytes, isAssetPath, modelAvailableOffline, offlineFilesFor, totalBytes, type AssetManifest } from './offline-assets';
import { figure } from '../../tests/figures';

const PUBLIC = path.resolve(__dirname, '../../public');
const manifestBytes = fs.readFileSync(path.join(PUBLIC, 'models', 'manifest.json'));
const manifest = JSON.parse(manifestBytes.toString('utf8')) as AssetManifest;
const urls = (files: { url: string }[]) => files.map((f) => f.url).sort();

describe('offline files', () => {
  it('MediaPipe, automatic model, SIMD: its SIMD runtime and the lite and full models, nothing else', () => {
    const files = offlineFilesFor(manifest, { engineKind: 'mediapipe', model: 'full', automatic: true }, true);
    expect(urls(files)).toEqual(
      [
        '/models/pose_landmarker_full.task',
        '/models/pose_landmarker_lite.task',
        '/wasm/mediapipe/vision_wasm_internal.js',
        '/wasm/mediapipe/vision_wasm_internal.wasm',
      ].sort(),
    );
    expect(totalBytes(files)).toBe(files.reduce((s, f) => s + manifest[f.url.slice(1)].bytes, 0));
    // What Make available offline keeps (docs/offline.md), recorded only.
    const mb = (bytes: number) => ({ bytes, MB: Math.round(bytes / 1e5) / 10 });
    const kept = (engineKind: 'mediapipe' | 'tfjs', model: 'full' | 'heavy', automatic: boolean) => mb(totalBytes(offlineFilesFor(manifest, { engineKind, model, automatic }, true)));
    figure('offline-assets', 'kept offline (SIMD)', { 'mediapipe, automatic': kept('mediapipe', 'full', true), 'tfjs, automatic': kept('tfjs', 'full', true), 'mediapipe, heavy chosen': kept('mediapipe', 'heavy', false) }, null);
    figure('offline-assets', 'every model and runtime file in the list', mb(Object.values(manifest).reduce((sum, e) => sum + e.bytes, 0)), null);
  });

  it('MediaPipe without SIMD gets the non-SIMD runtime; a chosen heavy model is kept alone', () => {
    const files = offlineFilesFor(manifest, { engineKind: 'mediapipe', model: 'heavy', automatic: false }, false);
    expect(urls(files)).toEqual(['/models/pose_landmarker_heavy.task', '/wasm/mediapipe/vision_wasm_nosimd_internal.js', '/wasm/mediapipe/vision_wasm_nosimd_internal.wasm']);
  });

  it('TensorFlow.js: detector and landmark model, and its three small runtimes', () => {
    const files = offlineFilesFor(manifest, { engineKind: 'tfjs', model: 'lite', automatic: false }, true);
    expect(urls(files)).toEqual(
      [
        '/models/tfjs/blazepose-detector.bin',
        '/models/tfjs/blazepose-detector.json',
        '/models/tfjs/blazepose-lite.bin',
        '/models/tfjs/blazepose-lite.json',
        '/wasm/tfjs/tfjs-backend-wasm-simd.wasm',
        '/wasm/tfjs/tfjs-backend-wasm-threaded-simd.wasm',
        '/wasm/tfjs/tfjs-backend-wasm.wasm',
      ].sort(),
    );
  });

  it('every file it would keep is served by the app at the size the list states', () => {
    for (const engineKind of ['mediapipe', 'tfjs'] as const) {
      for (const simd of [true, false]) {
        for (const file of offlineFilesFor(manifest, { engineKind, model: 'heavy', automatic: true }, simd)) {
          expect(fs.statSync(path.join(PUBLIC, file.url)).size, file.url).toBe(file.bytes);
        }
      }
    }
  });

  it('the MediaPipe runtime names are the ones its loader asks for', () => {
    const bundle = fs.readFileSync(path.resolve(__dirname, '../../node_modules/@mediapipe/tasks-vision/vision_bundle.mjs'), 'utf8');
    // `${base}_wasm${module ? '_module' : ''}${simd ? '' : '_nosimd'}_internal.js` (and .wasm), base "vision".
    const hasPattern = /wasm\$\{[^}]*"_module"[^}]*\}\$\{[^}]*"_nosimd"\}_internal/.test(bundle);
    expect(hasPattern, 'the loader still builds its runtime file names as this module expects').toBe(true);
  });

  it('a list that lacks a file is refused with its name', () => {
    const partial = { ...manifest } as Record<string, unknown>;
    delete partial['models/pose_landmarker_lite.task'];
    expect(() => offlineFilesFor(partial as AssetManifest, { engineKind: 'mediapipe', model: 'full', automatic: true }, true)).toThrow(/pose_landmarker_lite\.task/);
  });

  it('knows which models can run from what is stored', () => {
    const cached = new Set(['/models/pose_landmarker_lite.task', '/models/tfjs/blazepose-detector.json', '/models/tfjs/blazepose-detector.bin']);
    expect(modelAvailableOffline(cached, 'mediapipe', 'lite')).toBe(true);
    expect(modelAvailableOffline(cached, 'mediapipe', 'full')).toBe(false);
    expect(modelAvailableOffline(cached, 'tfjs', 'lite')).toBe(false);
  });
});

describe('offline cache version and paths', () => {
  it('the version is the first 16 hex digits of the list\'s SHA-256, as the build gives the service worker', async () => {
    expect(await assetVersion(new Uint8Array(manifestBytes))).toBe(createHash('sha256').update(manifestBytes).digest('hex').slice(0, 16));
    expect(await assetVersion(new TextEncoder().encode('{}'))).not.toBe(await assetVersion(new Uint8Array(manifestBytes)));
  });

  it('model and runtime files are answered from the offline cache; the list itself is precached', () => {
    expect(isAssetPath('/models/pose_landmarker_full.task')).toBe(true);
    expect(isAssetPath('/wasm/tfjs/tfjs-backend-wasm.wasm')).toBe(true);
    expect(isAssetPath('/models/manifest.json')).toBe(false);
    expect(isAssetPath('/session')).toBe(false);
  });

  it('sizes read as a phone shows them', () => {
    expect(formatBytes(950)).toBe('1 kB');
    expect(formatBytes(5_786_452)).toBe('5.8 MB');
    expect(formatBytes(29_000_000)).toBe('29 MB');
    expect(formatBytes(10_737_418_240)).toBe('10.7 GB');
  });
});
