// One registration of the service worker per page, whoever asks first: the update watcher
// (app-updates.tsx, once the page has settled) or "Make available offline" (at once).
let registering: Promise<ServiceWorkerRegistration> | null = null;

export function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  if (!('serviceWorker' in navigator)) return Promise.reject(new Error('This browser has no service workers.'));
  registering ??= navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch((err: unknown) => {
    registering = null;
    throw err;
  });
  return registering;
}
