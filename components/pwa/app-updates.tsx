'use client';

import { useEffect, useRef, useState } from 'react';
import { whenPageSettled } from '../camera/when-settled';
import { anySetRunning } from '../session/set-lock';
import { registerServiceWorker } from './sw-registration';

/** How long after the page has settled the service worker is registered. */
const INSTALL_DELAY_MS = 5000;
/** How often, while an update waits, to look whether a set is still running. */
const BUSY_POLL_MS = 2000;
/** How long "Reload to update" waits for the new version to take over before reloading anyway. */
const UPDATE_FALLBACK_MS = 10_000;

type Probe = { registered: boolean; waiting: boolean; prompt: boolean; setRunning: boolean };
declare global {
  interface Window {
    /** Test hook: what the update machinery sees. */
    __postureUpdate?: Probe;
  }
}

/**
 * Registers the service worker (once the page has loaded and settled, so its install never
 * competes with the first paint) and, when a new version is waiting, offers "Reload to update" — only while no set is
 * running in any tab. Nothing reloads by itself.
 */
export function AppUpdates() {
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);
  const [setRunning, setSetRunning] = useState(false);
  const [reloading, setReloading] = useState(false);
  const probe = useRef<Probe>({ registered: false, waiting: false, prompt: false, setRunning: false });

  useEffect(() => {
    if (!('serviceWorker' in navigator) || process.env.NODE_ENV !== 'production') return;
    window.__postureUpdate = probe.current;
    let cancelled = false;
    let registration: ServiceWorkerRegistration | null = null;
    const check = () => {
      // A worker waiting while another controls the page is an update (the first install activates at once).
      if (!cancelled && registration?.waiting && navigator.serviceWorker.controller) setWaiting(registration.waiting);
    };
    const onUpdateFound = () => registration?.installing?.addEventListener('statechange', check);
    const register = async () => {
      try {
        registration = await registerServiceWorker();
        probe.current.registered = true;
        registration.addEventListener('updatefound', onUpdateFound);
        check();
      } catch {
        // No service worker (private mode, blocked): the app still works online.
      }
    };
    // Its install downloads the app's pages and code (about 2.8 MB): on a phone's connection that
    // must not compete with the page's own loading, so it waits until the page has been quiet a while.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const cancelWait = whenPageSettled(() => (timer = setTimeout(() => void register(), INSTALL_DELAY_MS)), 3000);
    return () => {
      cancelWait();
      if (timer !== null) clearTimeout(timer);
      cancelled = true;
      registration?.removeEventListener('updatefound', onUpdateFound);
    };
  }, []);

  useEffect(() => {
    probe.current.waiting = waiting !== null;
    if (!waiting) return;
    let stop = false;
    const look = async () => {
      const busy = await anySetRunning().catch(() => false);
      if (stop) return;
      probe.current.setRunning = busy;
      setSetRunning(busy);
    };
    void look();
    const timer = window.setInterval(() => void look(), BUSY_POLL_MS);
    return () => {
      stop = true;
      window.clearInterval(timer);
    };
  }, [waiting]);

  const show = waiting !== null && !setRunning;
  useEffect(() => {
    probe.current.prompt = show;
  }, [show]);
  if (!show) return null;

  const update = async () => {
    setReloading(true);
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    // The version waiting now: the one first seen may have been replaced by a newer one since,
    // and a message to a replaced worker does nothing.
    const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
    (registration?.waiting ?? waiting).postMessage({ type: 'SKIP_WAITING' });
    // The person asked for a reload: if the new version does not take over (it failed, or went
    // away), reload anyway rather than stay on "Updating…"; whatever still waits is offered again.
    window.setTimeout(() => window.location.reload(), UPDATE_FALLBACK_MS);
  };

  return (
    <div className="update-bar" role="status" data-testid="update-prompt">
      <p>A new version of the app is ready. What you saved stays.</p>
      <button type="button" className="primary" onClick={() => void update()} disabled={reloading}>
        {reloading ? 'Updating…' : 'Reload to update'}
      </button>
    </div>
  );
}
