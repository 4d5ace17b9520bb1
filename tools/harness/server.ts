import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PUBLIC_DIR = path.join(ROOT, 'public');

/** The same policy as the app: nothing may connect anywhere but this origin. */
export const HARNESS_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self' blob:; img-src 'self' data: blob:";

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.task': 'application/octet-stream',
};

let bundle: Promise<string> | null = null;
function harnessBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.join(ROOT, 'tools/harness/page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  }).then((r) => r.outputFiles[0].text);
  return bundle;
}

export interface HarnessServer {
  readonly origin: string;
  /** Makes bytes available at the returned same-origin URL until `drop` is called. */
  put(bytes: Uint8Array): string;
  drop(url: string): void;
  close(): Promise<void>;
}

export async function startHarnessServer(): Promise<HarnessServer> {
  const code = await harnessBundle();
  const blobs = new Map<string, Uint8Array>();
  let nextId = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': HARNESS_CSP });
      res.end('<!doctype html><meta charset="utf-8"><title>pose harness</title><script type="module" src="/harness.js"></script>');
      return;
    }
    if (url.pathname === '/harness.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(code);
      return;
    }
    if (url.pathname.startsWith('/blob/')) {
      const bytes = blobs.get(url.pathname);
      if (!bytes) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      res.end(bytes);
      return;
    }
    const file = path.normalize(path.join(PUBLIC_DIR, decodeURIComponent(url.pathname)));
    if (!file.startsWith(PUBLIC_DIR + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    put(bytes) {
      const p = `/blob/${nextId++}`;
      blobs.set(p, bytes);
      return p;
    },
    drop(p) {
      blobs.delete(p);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
