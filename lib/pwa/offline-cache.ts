// The page's side of "Make available offline": reads the list of model files, downloads the
// ones this device's engine needs into the versioned cache (checking size and SHA-256), reports
// progress, and deletes caches of other versions. The service worker (app/sw.ts) answers
// /models/ and /wasm/ requests from that cache.
import { readBody } from '../pose/assets';
import {
  ASSET_CACHE_PREFIX,
  ASSET_MANIFEST_URL,
  assetCacheName,
  assetVersion,
  formatBytes,
  offlineFilesFor,
  totalBytes,
  type AssetManifest,
  type OfflineChoice,
  type OfflineFile,
} from './offline-assets';

export interface AssetPlan {
  readonly version: string;
  readonly files: readonly OfflineFile[];
  readonly totalBytes: number;
}

export interface AssetStatus extends AssetPlan {
  /** Bytes of the plan's files already in the cache. */
  readonly cachedBytes: number;
  readonly complete: boolean;
  /** Every URL in this version's cache (for which models can run offline). */
  readonly cachedUrls: ReadonlySet<string>;
}

export class OfflineDownloadError extends Error {
  constructor(
    message: string,
    readonly reason: 'offline' | 'storage-full' | 'bad-file' | 'unsupported' | 'server',
  ) {
    super(message);
  }
}

export const offlineSupported = () => typeof window !== 'undefined' && 'caches' in window && 'serviceWorker' in navigator && !!globalThis.crypto?.subtle;

/** SIMD WebAssembly (a module with one v128 instruction validates), which picks MediaPipe's build. */
export function wasmSimdSupported(): boolean {
  try {
    return WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]));
  } catch {
    return false;
  }
}

export async function assetPlan(choice: OfflineChoice): Promise<AssetPlan> {
  let res: Response;
  try {
    res = await fetch(ASSET_MANIFEST_URL);
  } catch {
    throw new OfflineDownloadError('The list of model files could not be read: no network.', 'offline');
  }
  if (!res.ok) throw new OfflineDownloadError(`The list of model files could not be read (HTTP ${res.status}).`, 'server');
  const bytes = new Uint8Array(await res.arrayBuffer());
  const manifest = JSON.parse(new TextDecoder().decode(bytes)) as AssetManifest;
  const files = offlineFilesFor(manifest, choice, wasmSimdSupported());
  return { version: await assetVersion(bytes), files, totalBytes: totalBytes(files) };
}

export async function assetStatus(plan: AssetPlan): Promise<AssetStatus> {
  const cachedUrls = new Set<string>();
  if (await caches.has(assetCacheName(plan.version))) {
    const cache = await caches.open(assetCacheName(plan.version));
    for (const req of await cache.keys()) cachedUrls.add(new URL(req.url).pathname);
  }
  const cachedBytes = totalBytes(plan.files.filter((f) => cachedUrls.has(f.url)));
  return { ...plan, cachedBytes, complete: cachedBytes === plan.totalBytes, cachedUrls };
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

const isQuota = (err: unknown) => err instanceof DOMException && (err.name === 'QuotaExceededError' || err.code === 22);

/**
 * Downloads what is missing from the plan's cache. `onProgress(doneBytes, totalBytes)` runs as
 * bytes arrive. Files already cached are kept, so a download cut short resumes where it stopped.
 */
export async function downloadAssets(plan: AssetPlan, onProgress: (done: number, total: number) => void, signal?: AbortSignal): Promise<void> {
  const cache = await caches.open(assetCacheName(plan.version));
  const status = await assetStatus(plan);
  let done = status.cachedBytes;
  onProgress(done, plan.totalBytes);
  for (const file of plan.files) {
    if (status.cachedUrls.has(file.url)) continue;
    let res: Response;
    try {
      res = await fetch(file.url, { signal });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new OfflineDownloadError('The download stopped: no network. It carries on from here when you try again.', 'offline');
    }
    if (!res.ok) throw new OfflineDownloadError(`The file ${file.url} could not be downloaded (HTTP ${res.status}).`, 'server');
    const before = done;
    const body = await readBody(res, (loaded) => onProgress(before + Math.min(loaded, file.bytes), plan.totalBytes));
    if (body.byteLength !== file.bytes || hex(await crypto.subtle.digest('SHA-256', body as BufferSource)) !== file.sha256) {
      throw new OfflineDownloadError(`The file ${file.url} arrived damaged; nothing of it was kept. Try again.`, 'bad-file');
    }
    const headers = new Headers();
    headers.set('Content-Type', res.headers.get('Content-Type') ?? 'application/octet-stream');
    headers.set('Content-Length', String(body.byteLength));
    try {
      await cache.put(file.url, new Response(body as BufferSource, { status: 200, headers }));
    } catch (err) {
      if (isQuota(err)) {
        throw new OfflineDownloadError(`This device has no room for the offline files (${formatBytes(plan.totalBytes)} in all). Free some space and try again.`, 'storage-full');
      }
      throw err;
    }
    done = before + file.bytes;
    onProgress(done, plan.totalBytes);
  }
  await deleteOtherVersions(plan.version);
}

/** Names of the offline file caches, every version. */
const assetCacheNames = async () => (await caches.keys()).filter((k) => k.startsWith(ASSET_CACHE_PREFIX));

/** Deletes offline file caches of every version but this one (the page after a download, the
 * service worker on activation); returns the names deleted. */
export async function deleteOtherVersions(version: string): Promise<string[]> {
  const keep = assetCacheName(version);
  const stale = (await assetCacheNames()).filter((k) => k !== keep);
  await Promise.all(stale.map((k) => caches.delete(k)));
  return stale;
}

/** Removes every offline model file (the app still works online). */
export async function removeOfflineAssets(): Promise<void> {
  await Promise.all((await assetCacheNames()).map((k) => caches.delete(k)));
}

/** Paths of every model and runtime file kept for offline use (empty where there is no Cache API). */
export async function keptAssetUrls(): Promise<ReadonlySet<string>> {
  const urls = new Set<string>();
  if (typeof caches === 'undefined') return urls;
  try {
    for (const name of await assetCacheNames()) {
      for (const req of await (await caches.open(name)).keys()) urls.add(new URL(req.url).pathname);
    }
  } catch {
    /* storage unreadable: nothing counts as kept */
  }
  return urls;
}
