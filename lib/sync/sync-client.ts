// Sync on this device: the settings it keeps (server, user, device id, in localStorage: they
// describe this device and stay out of backups), the local PouchDB copy, the Dexie mirror and
// live replication with the person's database. Loaded only when sync is used.
import PouchDB from 'pouchdb-browser';
import { appDb } from '../storage/db';
import { Mirror, type SyncDocs } from './mirror';
import { currentUser, ensureOwnerOnly, logIn, logOut, personDbUrl, PROBLEM_TEXT, serverBase, SyncError, type SyncProblem } from './remote';
import { userDbName } from './rules/docs';

const CONFIG_KEY = 'posture.sync';
const DEVICE_KEY = 'posture.device';

export interface SyncConfig {
  /** As the person typed it (a path on this origin, or an address). */
  readonly url: string;
  readonly user: string;
}

export type SyncState = 'off' | 'connecting' | 'syncing' | 'synced' | 'waiting' | 'problem';

export interface SyncStatus {
  readonly state: SyncState;
  readonly user: string | null;
  readonly url: string | null;
  /** When the last change went either way, or the two sides were last found equal (epoch ms). */
  readonly lastSyncedAtMs: number | null;
  /** This device's changes not yet on the server. */
  readonly pending: number;
  readonly problem: SyncProblem | null;
  readonly message: string | null;
}

const OFF: SyncStatus = { state: 'off', user: null, url: null, lastSyncedAtMs: null, pending: 0, problem: null, message: null };

type Listener = (s: SyncStatus) => void;
let status: SyncStatus = OFF;
const listeners = new Set<Listener>();
const dataListeners = new Set<() => void>();

function setStatus(next: Partial<SyncStatus>): void {
  status = { ...status, ...next };
  for (const l of listeners) l(status);
}

export function syncStatus(): SyncStatus {
  return status;
}

export function onSyncStatus(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Called after another device's records were written here. */
export function onSyncedData(l: () => void): () => void {
  dataListeners.add(l);
  return () => dataListeners.delete(l);
}

export function readConfig(): SyncConfig | null {
  try {
    const v = JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null') as SyncConfig | null;
    return v && typeof v.url === 'string' && typeof v.user === 'string' ? v : null;
  } catch {
    return null;
  }
}

function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

interface Running {
  readonly local: SyncDocs;
  readonly mirror: Mirror;
  readonly replication: PouchDB.Sync<object>;
  readonly base: string;
  pushedSeq: number | string;
}

let running: Running | null = null;
let starting: Promise<void> | null = null;

const localName = (user: string) => `posture-sync-${userDbName(user)}`;

async function countPending(r: Running): Promise<number> {
  const changes = await r.local.changes({ since: r.pushedSeq, include_docs: true });
  const me = deviceId();
  return changes.results.filter((c) => !c.id.startsWith('_') && (c.doc as { device?: string } | undefined)?.device === me).length;
}

function explain(err: unknown): { problem: SyncProblem; message: string } {
  if (err instanceof SyncError) return { problem: err.problem, message: err.message };
  const e = err as { status?: number; name?: string; message?: string };
  if (e?.status === 401) return { problem: 'logged-out', message: PROBLEM_TEXT['logged-out'] };
  if (e?.status === 403) return { problem: 'not-allowed', message: PROBLEM_TEXT['not-allowed'] };
  if (e?.name === 'QuotaExceededError' || /quota/i.test(e?.message ?? '')) return { problem: 'storage', message: PROBLEM_TEXT.storage };
  return { problem: 'unreachable', message: PROBLEM_TEXT.unreachable };
}

async function begin(config: SyncConfig): Promise<void> {
  const base = serverBase(config.url, location.origin);
  setStatus({ state: 'connecting', user: config.user, url: config.url, problem: null, message: null });
  const local = new PouchDB(localName(config.user), { auto_compaction: true }) as unknown as SyncDocs;
  const mirror = new Mirror(appDb(), local, { device: deviceId(), onApplied: () => dataListeners.forEach((l) => l()) });
  await mirror.start();
  const remote = new PouchDB(personDbUrl(base, config.user), { skip_setup: true }) as unknown as SyncDocs;
  const replication = local.sync(remote, {
    live: true,
    retry: true,
    // First retry after 2 s, then doubling up to a minute.
    back_off_function: (delay: number) => (delay === 0 ? 2000 : Math.min(delay * 2, 60_000)),
  } as PouchDB.SyncOptions);
  const r: Running = { local, mirror, replication, base, pushedSeq: 0 };
  running = r;
  const refresh = async () => {
    if (running !== r) return;
    setStatus({ pending: await countPending(r).catch(() => status.pending) });
  };
  replication
    .on('change', (info) => {
      if (info.direction === 'push') r.pushedSeq = info.change.last_seq;
      setStatus({ state: 'syncing', lastSyncedAtMs: Date.now(), problem: null, message: null });
      void refresh();
    })
    .on('active', () => setStatus({ state: 'syncing', problem: null, message: null }))
    .on('paused', (err?: unknown) => {
      if (running !== r) return;
      if (err) {
        const { problem, message } = explain(err);
        setStatus({ state: problem === 'unreachable' ? 'waiting' : 'problem', problem, message });
        if (problem === 'logged-out') stopRunning();
      } else {
        setStatus({ state: 'synced', lastSyncedAtMs: Date.now(), problem: null, message: null });
      }
      void refresh();
    })
    .on('denied', () => setStatus({ state: 'problem', problem: 'not-allowed', message: PROBLEM_TEXT['not-allowed'] }))
    .on('error', (err: unknown) => {
      if (running !== r) return;
      const { problem, message } = explain(err);
      setStatus({ state: 'problem', problem, message });
      stopRunning();
    });
  // Local edits: count them as waiting until the push takes them.
  mirror.idle().then(refresh, () => undefined);
  local.changes({ live: true, since: 'now' }).on('change', () => void refresh());
}

function stopRunning(): void {
  const r = running;
  running = null;
  if (!r) return;
  r.replication.cancel();
  r.mirror.stop();
}

/** Starts syncing with the saved settings, if there are any (on each page load). */
export function resumeSync(): Promise<void> {
  const config = readConfig();
  if (!config || running) return starting ?? Promise.resolve();
  starting ??= (async () => {
    try {
      const base = serverBase(config.url, location.origin);
      // A session that ended while away asks for the password again; an unreachable server does not stop local use.
      const user = await currentUser(base).catch((err: unknown) => {
        if (err instanceof SyncError && err.problem === 'unreachable') return config.user;
        throw err;
      });
      if (user !== config.user) throw new SyncError('logged-out', PROBLEM_TEXT['logged-out']);
      await begin(config);
    } catch (err) {
      const { problem, message } = explain(err);
      setStatus({ state: problem === 'unreachable' ? 'waiting' : 'problem', user: config.user, url: config.url, problem, message });
      if (problem === 'unreachable') setTimeout(() => void resumeSync(), 5000);
    } finally {
      starting = null;
    }
  })();
  return starting;
}

/** Logs in and starts syncing. This device's records go to the account's database. */
export async function startSync(url: string, user: string, password: string): Promise<void> {
  stopRunning();
  const base = serverBase(url, location.origin);
  setStatus({ state: 'connecting', user, url, problem: null, message: null });
  try {
    const name = await logIn(base, user, password);
    await ensureOwnerOnly(personDbUrl(base, name));
    localStorage.setItem(CONFIG_KEY, JSON.stringify({ url, user: name } satisfies SyncConfig));
    await begin({ url, user: name });
  } catch (err) {
    const { problem, message } = explain(err);
    setStatus({ state: 'problem', problem, message });
    throw err;
  }
}

/** Logs out: syncing pauses until the next log-in; records and the sync copy stay here. */
export async function logOutOfSync(): Promise<void> {
  const config = readConfig();
  stopRunning();
  if (config) await logOut(serverBase(config.url, location.origin));
  setStatus({ state: 'problem', problem: 'logged-out', message: 'Logged out. Log in again to carry on syncing; everything stays on this device.' });
}

/** Stops syncing for good on this device: logs out and forgets the server. Every record stays here. */
export async function stopSyncing(): Promise<void> {
  const config = readConfig();
  stopRunning();
  if (config) {
    await logOut(serverBase(config.url, location.origin));
    await new PouchDB(localName(config.user)).destroy().catch(() => undefined);
  }
  localStorage.removeItem(CONFIG_KEY);
  setStatus(OFF);
}
