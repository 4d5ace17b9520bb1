// Which model and runtime files the app needs to run a camera page with no network, and the
// name of the cache that holds them. Pure: the page and the service worker both use it.
//
// The files are listed in public/models/manifest.json (written by scripts/build-models.mjs with
// each file's size and SHA-256). The cache's version is the first 16 hex digits of that
// manifest's own SHA-256, so a rebuild with different models gets a new cache and the old one
// is deleted (app/sw.ts on activation, and the page after a download).
import { modelFilesFor } from '../pose/config';
import type { EngineKind, ModelVariant } from '../pose/types';

export const ASSET_CACHE_PREFIX = 'posture-assets-';
/** The list of files, precached by the service worker (it is small). */
export const ASSET_MANIFEST_URL = '/models/manifest.json';

export type AssetManifest = Readonly<Record<string, { readonly bytes: number; readonly sha256: string }>>;

export interface OfflineFile {
  /** Absolute path on this origin, e.g. `/models/pose_landmarker_full.task`. */
  readonly url: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface OfflineChoice {
  readonly engineKind: EngineKind;
  readonly model: ModelVariant;
  /** The model is chosen automatically: it may step down to lite or up from lite to full. */
  readonly automatic: boolean;
}

export const assetCacheName = (version: string) => `${ASSET_CACHE_PREFIX}${version}`;

/** Model and runtime files (under /models/ and /wasm/), not the list of them. */
export function isAssetPath(pathname: string): boolean {
  return (pathname.startsWith('/models/') || pathname.startsWith('/wasm/')) && pathname !== ASSET_MANIFEST_URL;
}

/** Runtime files an engine loads. MediaPipe picks its SIMD or non-SIMD build; tfjs's three are small, so all are kept. */
export function runtimeFilesFor(kind: EngineKind, simd: boolean): string[] {
  if (kind === 'mediapipe') {
    const base = simd ? 'vision_wasm_internal' : 'vision_wasm_nosimd_internal';
    return [`wasm/mediapipe/${base}.js`, `wasm/mediapipe/${base}.wasm`];
  }
  return ['wasm/tfjs/tfjs-backend-wasm.wasm', 'wasm/tfjs/tfjs-backend-wasm-simd.wasm', 'wasm/tfjs/tfjs-backend-wasm-threaded-simd.wasm'];
}

/** Models kept for a choice: the chosen one, and with the automatic choice lite and full too
 * (what it steps between on most devices; heavy only when it is the current choice). */
export function offlineModels(choice: OfflineChoice): ModelVariant[] {
  const models: ModelVariant[] = choice.automatic ? ['lite', 'full'] : [];
  if (!models.includes(choice.model)) models.push(choice.model);
  return models;
}

/** Every file the choice needs offline, each once, with size and hash from the manifest. */
export function offlineFilesFor(manifest: AssetManifest, choice: OfflineChoice, simd: boolean): OfflineFile[] {
  const paths = [
    ...runtimeFilesFor(choice.engineKind, simd),
    ...offlineModels(choice).flatMap((m) => modelFilesFor(choice.engineKind, m).map((f) => `models/${f}`)),
  ];
  const unique = [...new Set(paths)];
  return unique.map((p) => {
    const entry = manifest[p];
    if (!entry) throw new Error(`The list of model files has no entry for ${p}; the app's model files need rebuilding.`);
    return { url: `/${p}`, bytes: entry.bytes, sha256: entry.sha256 };
  });
}

export const totalBytes = (files: readonly OfflineFile[]) => files.reduce((sum, f) => sum + f.bytes, 0);

/** Whether a model can run with no network: all its files are in the offline cache. */
export function modelAvailableOffline(cachedUrls: ReadonlySet<string>, kind: EngineKind, model: ModelVariant): boolean {
  return modelFilesFor(kind, model).every((f) => cachedUrls.has(`/models/${f}`));
}

/** "12.3 MB", "10.7 GB" (decimal units, as phones show storage). */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(0, Math.round(bytes / 1000))} kB`;
  if (bytes >= 1_000_000_000) return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** Version of the file list: the first 16 hex digits of its SHA-256 (next.config.js computes the same at build). */
export async function assetVersion(manifestBytes: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', manifestBytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 16);
}
