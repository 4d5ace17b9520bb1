// The runtimes' files (MediaPipe's loader and wasm, tfjs's wasm) are fetched at addresses that
// name their content: `?v=` and the first 16 hex digits of the file's SHA-256 from
// /models/manifest.json (scripts/build-models.mjs writes it). Such an address is served with a
// long cache lifetime (next.config.js), so a reload takes the file from the HTTP cache as it is,
// without asking the server again. That is what lets Chromium reuse the wasm code it compiled
// and optimised last time: a revalidated response (304) gets a new response time, and Chromium
// drops the compiled code it kept for the old one. A rebuild with other runtime files gives
// other addresses. Where the manifest cannot be read, the plain addresses are used (they work,
// with revalidation and without cached code).

/** Path under the public root (`wasm/mediapipe/vision_wasm_internal.wasm`) to its version. */
export type RuntimeVersions = ReadonlyMap<string, string>;

const VERSION_DIGITS = 16;

/** The runtime files' versions from the manifest's JSON (entries under `wasm/`); anything else is ignored. */
export function versionsFromManifest(manifest: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!manifest || typeof manifest !== 'object') return out;
  for (const [file, entry] of Object.entries(manifest as Record<string, unknown>)) {
    const sha = (entry as { sha256?: unknown } | null)?.sha256;
    if (file.startsWith('wasm/') && typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha)) out.set(file, sha.slice(0, VERSION_DIGITS));
  }
  return out;
}

/**
 * `url` with its content version added (`?v=…`), when the manifest knows the file. `root` is the
 * public root the manifest's paths are relative to (the folder above the manifest's own).
 */
export function versionedUrl(url: string, versions: RuntimeVersions, root: string): string {
  if (versions.size === 0) return url;
  let parsed: URL;
  try {
    parsed = new URL(url, root);
  } catch {
    return url;
  }
  const rootUrl = new URL(root);
  if (parsed.origin !== rootUrl.origin || !parsed.pathname.startsWith(rootUrl.pathname) || parsed.search) return url;
  const version = versions.get(parsed.pathname.slice(rootUrl.pathname.length));
  if (!version) return url;
  parsed.searchParams.set('v', version);
  // Keep the caller's form: absolute stays absolute, a path stays a path.
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? parsed.href : `${parsed.pathname}${parsed.search}`;
}

export interface RuntimeAddresses {
  readonly versions: RuntimeVersions;
  /** The public root the manifest's paths are relative to (absolute URL, ends with `/`). */
  readonly root: string;
  /** `url` at its versioned address (see versionedUrl). */
  at(url: string): string;
}

const loaded = new Map<string, Promise<RuntimeAddresses>>();

/**
 * Reads the manifest under `modelBase` (once per page or worker) and returns the versioned
 * addresses. Never rejects: without a manifest (or outside a browser) addresses stay as they are.
 */
export function runtimeAddresses(modelBase: string): Promise<RuntimeAddresses> {
  const here = (globalThis as { location?: { href: string } }).location?.href;
  if (!here) return Promise.resolve(plain('file:///'));
  let manifestUrl: string;
  try {
    manifestUrl = new URL('manifest.json', new URL(modelBase.replace(/\/?$/, '/'), here)).href;
  } catch {
    return Promise.resolve(plain(here));
  }
  const root = new URL('../', manifestUrl).href;
  let found = loaded.get(manifestUrl);
  if (!found) {
    found = (async () => {
      try {
        const response = await fetch(manifestUrl, { credentials: 'same-origin' });
        if (!response.ok) return plain(root);
        const versions = versionsFromManifest(await response.json());
        return { versions, root, at: (url: string) => versionedUrl(url, versions, root) };
      } catch {
        return plain(root);
      }
    })();
    loaded.set(manifestUrl, found);
  }
  return found;
}

function plain(root: string): RuntimeAddresses {
  return { versions: new Map(), root, at: (url) => url };
}
