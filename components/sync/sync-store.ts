// The page's view of sync. The sync code (PouchDB and the mirror, lib/sync) loads only when
// sync is set up on this device or the person opens the sync settings; nothing else here
// touches PouchDB.
import { createStore } from 'zustand/vanilla';
import { onStorageChange } from '@/lib/storage/change-feed';
import { DB_NAME } from '@/lib/storage/db-name';
import type { SyncStatus } from '@/lib/sync/sync-client';

/** Where this deployment's sync server answers on this origin ('' when it names none). */
export const SYNC_PATH = process.env.NEXT_PUBLIC_SYNC_PATH ?? '';
/** Set on this device when sync is set up (lib/sync/sync-client.ts writes it). */
const CONFIG_KEY = 'posture.sync';

export interface SyncView {
  readonly status: SyncStatus | null;
  readonly loaded: boolean;
}

export const syncStore = createStore<SyncView>(() => ({ status: null, loaded: false }));

type Client = typeof import('@/lib/sync/sync-client');
let client: Promise<Client> | null = null;

export function syncSetUpHere(): boolean {
  try {
    return localStorage.getItem(CONFIG_KEY) !== null;
  } catch {
    return false;
  }
}

/** Loads the sync code once and follows its status. */
export function loadSyncClient(): Promise<Client> {
  client ??= import('@/lib/sync/sync-client').then((m) => {
    syncStore.setState({ status: m.syncStatus(), loaded: true });
    m.onSyncStatus((status) => syncStore.setState({ status }));
    return m;
  });
  return client;
}

/**
 * Calls `reload` whenever records from another device arrive (in this tab or another one);
 * returns the unsubscribe.
 */
export function onSyncedData(reload: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Changes come a record at a time: reload once they settle.
  const off = onStorageChange(DB_NAME, (changes) => {
    // Records written by sync (not sync's own bookkeeping, `syncBase`).
    if (!changes.some((c) => c.fromSync && c.table !== 'syncBase')) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, 250);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
