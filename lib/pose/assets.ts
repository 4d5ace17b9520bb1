import { PoseEngineError, type AssetLoader } from './types';

/** Browser loader: fetches `base + path`, streaming so callers can show progress. */
export function fetchAssetLoader(base = '/models/'): AssetLoader {
  return async (path, onProgress) => {
    const url = `${base.replace(/\/?$/, '/')}${path}`;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (err) {
      throw new PoseEngineError('model-missing', `Could not download the model file ${url}: ${(err as Error).message}.`, url);
    }
    if (!response.ok) {
      throw new PoseEngineError(
        'model-missing',
        `The model file ${url} is missing (the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}).`,
        url,
      );
    }
    const total = Number(response.headers.get('content-length')) || null;
    return readBody(response, (loaded) => onProgress?.(loaded, total));
  };
}

/** A response's whole body, streamed: `onBytes(loadedSoFar)` after each chunk. */
export async function readBody(response: Response, onBytes?: (loaded: number) => void): Promise<Uint8Array> {
  if (!response.body) {
    const all = new Uint8Array(await response.arrayBuffer());
    onBytes?.(all.byteLength);
    return all;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onBytes?.(loaded);
  }
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Loads several files, reporting overall progress by bytes (by file count when sizes are unknown). */
export async function loadAll(
  loader: AssetLoader,
  files: readonly string[],
  onProgress?: (fraction: number, file: string) => void,
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const perFile = new Array<number>(files.length).fill(0);
  const report = (file: string) => onProgress?.(perFile.reduce((a, b) => a + b, 0) / files.length, file);
  await Promise.all(
    files.map(async (file, i) => {
      const bytes = await loader(file, (loaded, total) => {
        perFile[i] = total ? Math.min(loaded / total, 1) : 0.5;
        report(file);
      });
      perFile[i] = 1;
      report(file);
      out.set(file, bytes);
    }),
  );
  return out;
}
