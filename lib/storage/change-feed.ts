// Every committed change to the database, table by table, as it happens, in this tab and in
// the app's other tabs: what sync mirrors and what open pages reload on. A Dexie middleware
// (DBCore) sees every write, `clear()` included, and tells listeners once its transaction has
// committed; a BroadcastChannel carries the news to the other tabs.
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';

export interface StorageChange {
  readonly table: string;
  /** The keys written or deleted; 'all' when the table was cleared. */
  readonly keys: readonly string[] | 'all';
  /** Written by sync applying another device's change (not by this device's person). */
  readonly fromSync: boolean;
}

type Listener = (changes: readonly StorageChange[]) => void;

const listeners = new Map<string, Set<Listener>>();
const CHANNEL = 'posture-storage-changes';
let channel: BroadcastChannel | null | undefined;

function tell(dbName: string, changes: readonly StorageChange[]): void {
  for (const l of listeners.get(dbName) ?? []) {
    try {
      l(changes);
    } catch (err) {
      console.error(err);
    }
  }
}

/** The channel to the other tabs (none outside a browser). */
function otherTabs(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  // In Node (tests) the channel must not keep the process alive.
  (channel as unknown as { unref?: () => void } | null)?.unref?.();
  channel?.addEventListener('message', (e: MessageEvent<{ dbName: string; changes: StorageChange[] }>) => {
    if (e.data && typeof e.data.dbName === 'string' && Array.isArray(e.data.changes)) tell(e.data.dbName, e.data.changes);
  });
  return channel;
}
/** Transactions that apply replicated changes (see `markFromSync`). */
const fromSyncTransactions = new WeakSet<object>();
const pending = new WeakMap<object, StorageChange[]>();

/** Marks the running transaction (Dexie's `idbtrans`) as sync applying another device's changes. */
export function markFromSync(idbTransaction: object): void {
  fromSyncTransactions.add(idbTransaction);
}

/** Calls `listener` after each committed transaction that changed `dbName`; returns the unsubscribe. */
export function onStorageChange(dbName: string, listener: Listener): () => void {
  otherTabs();
  let set = listeners.get(dbName);
  if (!set) listeners.set(dbName, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

function keysOf(req: DBCoreMutateRequest, results: readonly unknown[] | undefined): string[] | 'all' {
  if (req.type === 'deleteRange') return 'all';
  if (req.type === 'delete') return req.keys.map(String);
  const keys = req.keys ?? results ?? [];
  return keys.map(String);
}

function note(dbName: string, trans: DBCoreTransaction, change: StorageChange): void {
  let list = pending.get(trans);
  if (!list) {
    pending.set(trans, (list = []));
    const idb = trans as unknown as IDBTransaction;
    idb.addEventListener?.('complete', () => {
      const changes = pending.get(trans) ?? [];
      pending.delete(trans);
      tell(dbName, changes);
      otherTabs()?.postMessage({ dbName, changes });
    });
  }
  list.push(change);
}

/** The middleware; `PostureDb` installs it. */
export function changeFeed(dbName: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'change-feed',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            async mutate(req) {
              const res = await table.mutate(req);
              const results = 'results' in res ? (res.results as unknown[] | undefined) : undefined;
              note(dbName, req.trans, { table: name, keys: keysOf(req, results), fromSync: fromSyncTransactions.has(req.trans) });
              return res;
            },
          };
        },
      };
    },
  };
}
