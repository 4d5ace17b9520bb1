/// <reference lib="webworker" />
// The service worker: keeps the app's pages and code for use with no network, and answers
// model and runtime requests from the offline cache the page fills ("Make available offline").
//
// - Pages, scripts, styles, icons and the model list are precached at install (a few MB). The
//   models and wasm (about 125 MB in all) are never precached: the page downloads only what the
//   person's engine needs into `posture-assets-<version>` (lib/pwa/offline-cache.ts).
// - An update waits: no skipWaiting. The page offers "Reload to update" once no set is running
//   and sends SKIP_WAITING (components/pwa/app-updates.tsx). Nothing reloads by itself.
// - Nothing here fetches from another origin; the page's Content-Security-Policy also applies.
import { NetworkFirst, ExpirationPlugin, Serwist, type PrecacheEntry, type RouteHandlerCallbackOptions } from 'serwist';
import { ASSET_MANIFEST_URL, assetCacheName, isAssetPath } from '@/lib/pwa/offline-assets';
import { deleteOtherVersions } from '@/lib/pwa/offline-cache';

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

const precacheEntries = self.__SW_MANIFEST ?? [];
const listEntry = precacheEntries.find((e): e is PrecacheEntry => typeof e !== 'string' && e.url === ASSET_MANIFEST_URL);
/** This build's model files: the same version the page computes from /models/manifest.json. */
const ASSET_VERSION = listEntry?.revision ?? 'none';
const ASSET_CACHE = assetCacheName(ASSET_VERSION);

async function fromAssetCache({ request }: RouteHandlerCallbackOptions): Promise<Response> {
  const cache = await caches.open(ASSET_CACHE);
  const hit = await cache.match(request, { ignoreSearch: true, ignoreMethod: true });
  if (hit) return request.method === 'HEAD' ? new Response(null, { status: hit.status, headers: hit.headers }) : hit;
  return fetch(request);
}

const assetMatcher = ({ url, sameOrigin }: { url: URL; sameOrigin: boolean }) => sameOrigin && isAssetPath(url.pathname);

const serwist = new Serwist({
  precacheEntries,
  precacheOptions: {
    cleanupOutdatedCaches: true,
    concurrency: 4,
    // A page address with a query (/session?exercise=…) is the same page: its precached HTML.
    // Requests for React Server Component data (?_rsc=…) are not pages and go to the network.
    urlManipulation: ({ url }) => (url.searchParams.has('_rsc') || !url.search ? [] : [new URL(url.pathname, url.origin)]),
  },
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    { matcher: assetMatcher, method: 'GET', handler: fromAssetCache },
    { matcher: assetMatcher, method: 'HEAD', handler: fromAssetCache },
    {
      // Page data for in-app navigation: from the network, or the last copy when offline.
      matcher: ({ request, sameOrigin }) => sameOrigin && request.headers.get('RSC') === '1',
      handler: new NetworkFirst({ cacheName: 'pages-rsc', plugins: [new ExpirationPlugin({ maxEntries: 32, maxAgeSeconds: 7 * 86_400 })] }),
    },
  ],
  fallbacks: {
    entries: [{ url: '/offline', matcher: ({ request }) => request.destination === 'document' }],
  },
});

// Keep exactly one version of the offline model files: this build's.
self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOtherVersions(ASSET_VERSION));
});

// A reminder notification opens the app (an open window of it if there is one).
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      return open ? open.focus() : self.clients.openWindow('/');
    }),
  );
});

serwist.addEventListeners();
