import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import withSerwistInit from '@serwist/next';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

// Content-Security-Policy: the app only ever talks to its own origin. This also blocks the
// usage-statistics request that the pose library would otherwise send to a third party.
const dev = process.env.NODE_ENV !== 'production';

const csp = [
  "default-src 'self'",
  // Next.js inlines its bootstrap scripts; wasm needs 'wasm-unsafe-eval'; dev tooling needs eval.
  `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
  // The pose engine's worker and the service worker, both scripts of this origin.
  "worker-src 'self'",
  "manifest-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Pages kept for use with no network (each page of the app, plus the offline fallback).
const PAGES = ['/', '/welcome', '/setup', '/snapshot', '/session', '/routine', '/live', '/range', '/trends', '/report', '/data', '/settings', '/clinician', '/offline'];

const fileRevision = (rel) => {
  const file = path.join(ROOT, 'public', rel);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run models" and "node scripts/build-icons.mjs".`);
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 16);
};

/** What the service worker precaches besides the build's scripts and styles: the pages, the
 * manifest, the icons and the list of model files (whose revision names the model cache: see
 * lib/pwa/offline-assets.ts). Never the models or wasm themselves. */
function precacheExtras() {
  const build = randomUUID();
  const icons = JSON.parse(fs.readFileSync(path.join(ROOT, 'lib', 'pwa', 'icons.json'), 'utf8'));
  return [
    ...PAGES.map((url) => ({ url, revision: build })),
    { url: '/manifest.webmanifest', revision: build },
    { url: '/icon.svg', revision: build },
    ...icons.map((i) => ({ url: `/icons/${i.file}`, revision: fileRevision(`icons/${i.file}`) })),
    { url: '/models/manifest.json', revision: fileRevision('models/manifest.json') },
  ];
}

const serwistOptions = (build) => ({
  swSrc: 'app/sw.ts',
  swDest: 'public/sw.js',
  // Registered by components/pwa/app-updates.tsx, which also handles updates.
  register: false,
  // A reload on reconnecting would end a running set.
  reloadOnOnline: false,
  cacheOnNavigation: false,
  disable: !build,
  // Replaces the default glob of all of public/ (about 125 MB of models and wasm).
  additionalPrecacheEntries: build ? precacheExtras() : [],
  // The pose worker's bundle is a few MB; it must be there offline.
  maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
});

// Optional sync (off unless the deployment names a server): the CouchDB server is reached
// through this origin's own path /couch, so the policy above stays `connect-src 'self'` and
// the login cookie is first-party. Read at build time (Next keeps rewrites in the build).
const SYNC_UPSTREAM = process.env.POSTURE_SYNC_UPSTREAM?.replace(/\/+$/, '') ?? '';
if (SYNC_UPSTREAM && !/^https?:\/\/[^/]+$/.test(SYNC_UPSTREAM)) throw new Error(`POSTURE_SYNC_UPSTREAM must be an http(s) origin such as http://127.0.0.1:5984, not "${SYNC_UPSTREAM}"`);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  env: { NEXT_PUBLIC_SYNC_PATH: SYNC_UPSTREAM ? '/couch' : '' },
  async rewrites() {
    return SYNC_UPSTREAM ? [{ source: '/couch/:path*', destination: `${SYNC_UPSTREAM}/:path*` }] : [];
  },
  poweredByHeader: false,
  // Fewer, larger shared scripts in the browser build: a shared chunk is split off only from 80 kB
  // (webpack's default for Next.js is 20 kB). Today loads 9 scripts instead of 16, the session page
  // 10 instead of 13, with no more bytes. Lighthouse's simulated slow 4G pays a round trip per script
  // the page fetched before its first paint; with one CPU slowdown for the session, interleaved
  // against the build without it, Today went from 6 points under the bare page to 1 over (LCP 2.6
  // to 1.9 s), Settings from 7 to 3 under, the session page from 14 to 13 under (docs/performance.md).
  webpack(config, { isServer }) {
    if (!isServer && config.optimization?.splitChunks) config.optimization.splitChunks = { ...config.optimization.splitChunks, minSize: 80_000 };
    return config;
  },
  // The stylesheet is a file of its own (about 5 kB compressed, cached, and kept offline), not
  // inlined: Next.js writes an inlined stylesheet into the page twice (a style element and again
  // in the page's data for React), and reading both cost more main-thread time on every page load
  // than the one request does (docs/performance.md).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: csp },
          { key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
      {
        // A runtime file at its versioned address (`?v=` and its SHA-256 from the model manifest:
        // lib/pose/runtime-files.ts) never changes, so a reload takes it from the HTTP cache without
        // asking again. Chromium then reuses the wasm code it compiled and optimised last time; a
        // revalidated response (304, as with the default `max-age=0`) gets a new response time and
        // Chromium drops that code. Plain addresses keep the default.
        source: '/wasm/:path*',
        has: [{ type: 'query', key: 'v' }],
        headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
      },
      {
        // The service worker script is checked for updates on every visit.
        source: '/sw.js',
        headers: [
          { key: 'Cache-Control', value: 'no-cache, no-store, must-revalidate' },
          { key: 'Service-Worker-Allowed', value: '/' },
        ],
      },
    ];
  },
};

// The service worker is built with the production build only (not in development).
export default (phase) => withSerwistInit(serwistOptions(phase === 'phase-production-build'))(nextConfig);
