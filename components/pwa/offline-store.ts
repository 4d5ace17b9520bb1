// "Make available offline": one store for the whole app, so progress shows wherever the person
// is (Settings, the end of a set) and a download is never started twice.
import { createStore } from 'zustand/vanilla';
import { formatBytes, type OfflineChoice } from '@/lib/pwa/offline-assets';
import { assetPlan, assetStatus, downloadAssets, offlineSupported, OfflineDownloadError, removeOfflineAssets, type AssetStatus } from '@/lib/pwa/offline-cache';
import { currentEngineChoice } from '../camera/engine-choice';
import { registerServiceWorker } from './sw-registration';

export type OfflinePhase = 'checking' | 'unsupported' | 'not-saved' | 'partial' | 'downloading' | 'ready' | 'error';

export interface OfflineState {
  readonly phase: OfflinePhase;
  readonly doneBytes: number;
  readonly totalBytes: number;
  readonly choice: OfflineChoice | null;
  /** The plan's files in the cache, as last read (null before the first look). */
  readonly status: AssetStatus | null;
  /** What went wrong, in words (phase 'error'). */
  readonly message: string | null;
  /** The service worker that keeps the pages is active (the pages are stored). */
  readonly pagesKept: boolean;
}

/** This device's wish, kept out of backups: '1' made available, '0' removed by the person. */
const WANT_KEY = 'posture.offline.wanted';
const wish = (): string | null => {
  try {
    return localStorage.getItem(WANT_KEY);
  } catch {
    return null;
  }
};
const setWish = (v: '0' | '1') => {
  try {
    localStorage.setItem(WANT_KEY, v);
  } catch {
    /* private mode: the wish is not remembered */
  }
};

export const offlineStore = createStore<OfflineState>(() => ({
  phase: 'checking',
  doneBytes: 0,
  totalBytes: 0,
  choice: null,
  status: null,
  message: null,
  pagesKept: false,
}));

let running: Promise<void> | null = null;

async function pagesKept(): Promise<boolean> {
  const reg = await navigator.serviceWorker.getRegistration('/').catch(() => undefined);
  return !!reg?.active;
}

/** Looks at what is stored for the engine in use now. Downloads again by itself after an update
 * changed the files, if the person had made the app available offline. */
export async function refreshOffline(): Promise<void> {
  if (!offlineSupported()) {
    offlineStore.setState({ phase: 'unsupported' });
    return;
  }
  if (running) return;
  try {
    const choice = await currentEngineChoice();
    const status = await assetStatus(await assetPlan(choice));
    const kept = await pagesKept();
    offlineStore.setState({
      choice,
      status,
      pagesKept: kept,
      doneBytes: status.cachedBytes,
      totalBytes: status.totalBytes,
      phase: status.complete && kept ? 'ready' : status.cachedBytes > 0 ? 'partial' : 'not-saved',
      message: null,
    });
    if (!status.complete && wish() === '1' && navigator.onLine && navigator.serviceWorker.controller) void makeAvailableOffline({ auto: true });
  } catch (err) {
    offlineStore.setState({ phase: 'error', message: (err as Error).message });
  }
}

/**
 * Stores the pages (service worker) and the engine's model and runtime files. `auto`: started
 * by the app (after a set, after an update), so it does not ask for persistent storage.
 */
export function makeAvailableOffline({ auto = false } = {}): Promise<void> {
  if (running) return running;
  running = (async () => {
    try {
      if (!offlineSupported()) {
        offlineStore.setState({ phase: 'unsupported' });
        return;
      }
      setWish('1');
      offlineStore.setState({ phase: 'downloading', message: null });
      if (!auto) void requestPersistence();
      // The service worker keeps the pages; it may not be registered yet on a first visit.
      await registerServiceWorker().catch(() => {
        throw new OfflineDownloadError('This browser did not let the app store its pages (private browsing, or blocked in its settings).', 'unsupported');
      });
      const choice = await currentEngineChoice();
      const plan = await assetPlan(choice);
      offlineStore.setState({ choice, totalBytes: plan.totalBytes });
      await downloadAssets(plan, (done, total) => offlineStore.setState({ doneBytes: done, totalBytes: total }));
      await navigator.serviceWorker.ready;
      const status = await assetStatus(plan);
      offlineStore.setState({ status, pagesKept: true, phase: status.complete ? 'ready' : 'partial', doneBytes: status.cachedBytes });
    } catch (err) {
      const message = err instanceof OfflineDownloadError ? err.message : `Saving for offline use failed: ${(err as Error).message}`;
      offlineStore.setState({ phase: 'error', message });
    } finally {
      running = null;
    }
  })();
  return running;
}

/** After a set was saved: the first time, the app makes itself available offline (the model
 * was just loaded, so this mostly copies what the browser already has). */
export function offlineAfterSession(): void {
  if (!offlineSupported() || wish() !== null || !navigator.onLine || !navigator.serviceWorker.controller) return;
  void makeAvailableOffline({ auto: true });
}

export async function removeOffline(): Promise<void> {
  setWish('0');
  await removeOfflineAssets();
  await refreshOffline();
}

/** Asks the browser not to clear this site's data when space runs low. */
export async function requestPersistence(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  try {
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}

export const progressLabel = (s: Pick<OfflineState, 'doneBytes' | 'totalBytes'>) =>
  `${s.totalBytes ? Math.floor((100 * s.doneBytes) / s.totalBytes) : 0} % (${formatBytes(s.doneBytes)} of ${formatBytes(s.totalBytes)})`;
