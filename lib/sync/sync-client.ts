// Sync on this device: the settings it keeps (server, user, device id, in localStorage: they
// describe this device and stay out of backups), the local PouchDB copy, the Dexie mirror and
// live replication with the person's database. Loaded only when sync is used.
//
// One tab syncs at a time (a Web Lock); it sees the other tabs' edits through the storage change
// feed, and tells them its status on a BroadcastChannel. When it closes, another tab takes over.
import PouchDB from 'pouchdb-browser';
import { appDb } from '../storage/app-db';
import { isStorageFull, Mirror, type SetAsideItem, type SyncDocs } from './mirror';
import { currentUser, ensureOwnerOnly, fetchWithDeadline, logIn, logOut, LONGPOLL_MS, personDbUrl, PROBLEM_TEXT, serverBase, setShared, sharedWith, SyncError, type SyncProblem } from './remote';
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
  /** Documents from the server that could not be read here (set aside, not used; nothing was deleted because of them). */
  readonly unreadable: number;
  /** Why, for the first few of them. */
  readonly unreadableReasons: readonly string[];
}

const OFF: SyncStatus = { state: 'off', user: null, url: null, lastSyncedAtMs: null, pending: 0, problem: null, message: null, unreadable: 0, unreadableReasons: [] };

/** The sync card's words for the documents set aside: how many, and what and why for the first few. */
function showSetAside(items: readonly SetAsideItem[]): void {
  setStatus({ unreadable: items.length, unreadableReasons: items.slice(0, 5).map((item) => `${item.id.slice(0, 120)} ${item.reason}`) });
}

type Listener = (s: SyncStatus) => void;
let status: SyncStatus = OFF;
const listeners = new Set<Listener>();

type TabMessage = { type: 'status'; status: SyncStatus } | { type: 'ask' } | { type: 'restart' } | { type: 'logout' } | { type: 'stop' };

let leader = false;
let lockRequested = false;
let releaseLock: (() => void) | null = null;
let tabs: BroadcastChannel | null = null;

function showStatus(next: SyncStatus): void {
  status = next;
  for (const l of listeners) l(status);
}

function setStatus(next: Partial<SyncStatus>): void {
  showStatus({ ...status, ...next });
  if (leader) post({ type: 'status', status });
}

function post(message: TabMessage): void {
  tabChannel()?.postMessage(message);
}

function tabChannel(): BroadcastChannel | null {
  if (tabs || typeof BroadcastChannel !== 'function') return tabs;
  tabs = new BroadcastChannel('posture-sync-tabs');
  tabs.addEventListener('message', (e: MessageEvent<TabMessage>) => {
    const m = e.data;
    if (m.type === 'status' && !leader) showStatus(m.status);
    else if (m.type === 'ask' && leader) post({ type: 'status', status });
    else if (m.type === 'restart') {
      if (leader) {
        stopRunning();
        void runAsLeader();
      } else if (readConfig()) requestLeadership();
    } else if (m.type === 'logout' && leader) {
      stopRunning();
      setStatus(LOGGED_OUT);
    } else if (m.type === 'stop' && leader) void endHere();
  });
  return tabs;
}

export function syncStatus(): SyncStatus {
  return status;
}

export function onSyncStatus(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
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
  readonly remote: SyncDocs;
  readonly mirror: Mirror;
  replication: PouchDB.Sync<object>;
  readonly base: string;
  pushedSeq: number | string;
  readonly stop: () => void;
}

let running: Running | null = null;

const localName = (user: string) => `posture-sync-${userDbName(user)}`;

async function countPending(r: Running): Promise<number> {
  const changes = await r.local.changes({ since: r.pushedSeq, include_docs: true });
  const me = deviceId();
  return changes.results.filter((c) => !c.id.startsWith('_') && (c.doc as { device?: string } | undefined)?.device === me).length;
}

function explain(err: unknown): { problem: SyncProblem; message: string } {
  if (err instanceof SyncError) return { problem: err.problem, message: err.message };
  const e = err as { status?: number };
  if (e?.status === 401) return { problem: 'logged-out', message: PROBLEM_TEXT['logged-out'] };
  if (e?.status === 403) return { problem: 'not-allowed', message: PROBLEM_TEXT['not-allowed'] };
  if (isStorageFull(err)) return { problem: 'storage', message: PROBLEM_TEXT.storage };
  return { problem: 'unreachable', message: PROBLEM_TEXT.unreachable };
}

/** A failure of this device's own storage while starting (the sync copy, or the records). */
function explainLocal(err: unknown): { problem: SyncProblem; message: string } {
  return isStorageFull(err) ? { problem: 'storage', message: PROBLEM_TEXT.storage } : { problem: 'device', message: PROBLEM_TEXT.device };
}

async function begin(config: SyncConfig): Promise<void> {
  const base = serverBase(config.url, location.origin);
  setStatus({ state: 'connecting', user: config.user, url: config.url, problem: null, message: null });
  const local = new PouchDB(localName(config.user), { auto_compaction: true }) as unknown as SyncDocs;
  const mirror = new Mirror(await appDb(), local, {
    device: deviceId(),
    account: userDbName(config.user),
    onSetAside: showSetAside,
    onError: (err) => {
      const { problem, message } = explain(err);
      if (problem === 'storage') setStatus({ state: 'problem', problem, message });
    },
  });
  const remote = new PouchDB(personDbUrl(base, config.user), { skip_setup: true, fetch: fetchWithDeadline }) as unknown as SyncDocs;
  let feed: PouchDB.Changes<object> | null = null;
  // Back on a network: try at once rather than at the end of the back-off.
  const onOnline = () => {
    if (running === r && status.state === 'waiting') replicate();
  };
  const r: Running = {
    local,
    remote,
    mirror,
    replication: null as unknown as PouchDB.Sync<object>,
    base,
    pushedSeq: 0,
    stop: () => {
      window.removeEventListener('online', onOnline);
      feed?.cancel();
      (r.replication as PouchDB.Sync<object> | null)?.cancel();
      mirror.stop();
    },
  };
  // Running from here on, so a log-out, stop or restart while the mirror starts stops this one.
  running = r;
  try {
    await mirror.start();
  } catch (err) {
    if (running === r) running = null;
    throw err;
  }
  if (running !== r) return;
  showSetAside(await mirror.setAside());
  feed = local.changes({ live: true, since: 'now' });
  // The count of waiting changes reads the local changes since the last push: at most twice a second.
  let counting: ReturnType<typeof setTimeout> | null = null;
  const refresh = () => {
    if (counting) return;
    counting = setTimeout(async () => {
      counting = null;
      if (running !== r) return;
      setStatus({ pending: await countPending(r).catch(() => status.pending) });
    }, 500);
  };
  const replicate = () => {
    r.replication?.cancel();
    const replication = local.sync(remote, {
      live: true,
      retry: true,
      // Larger batches than the default 100: a new device fetches a year of records quickly.
      batch_size: 250,
      // The server answers an idle long poll after this long (fetchWithDeadline gives up on a silent one).
      timeout: LONGPOLL_MS,
      // First retry after 2 s, then doubling up to 30 s.
      back_off_function: (delay: number) => (delay === 0 ? 2000 : Math.min(delay * 2, 30_000)),
    } as PouchDB.SyncOptions);
    r.replication = replication;
    const current = () => running === r && r.replication === replication;
    // Each way reports its own failures (the combined replication does not say why it paused).
    const failed = (err?: unknown) => {
      if (!current() || !err) return;
      const { problem, message } = explain(err);
      setStatus({ state: problem === 'unreachable' ? 'waiting' : 'problem', problem, message });
      if (problem === 'logged-out') stopRunning();
      refresh();
    };
    replication.push.on('paused', failed).on('requestError', failed);
    replication.pull.on('paused', failed).on('requestError', failed);
    // Once everything on the server has been read, this device's own records are compared with it.
    replication.pull.on('paused', (err?: unknown) => {
      if (current() && !err) void mirror.markPulled();
    });
    replication
      .on('change', (info) => {
        if (!current()) return;
        if (info.direction === 'push') r.pushedSeq = info.change.last_seq;
        setStatus({ state: 'syncing', lastSyncedAtMs: Date.now(), problem: null, message: null });
        if (info.direction === 'push') refresh();
      })
      .on('active', () => {
        if (current()) setStatus({ state: 'syncing', problem: null, message: null });
      })
      .on('paused', () => {
        // Both ways are idle; a failed way has said so already (below) and keeps its message.
        if (!current() || status.problem) return;
        setStatus({ state: 'synced', lastSyncedAtMs: Date.now(), problem: null, message: null });
        // Idle with no error: everything written here so far is on the server, including an edit
        // the server already had (two devices settling a conflict write the same revision, and
        // such a push reports no change).
        void local.info().then((info) => {
          if (!current()) return;
          r.pushedSeq = info.update_seq;
          refresh();
        });
      })
      .on('denied', () => {
        if (current()) setStatus({ state: 'problem', problem: 'not-allowed', message: PROBLEM_TEXT['not-allowed'] });
      })
      .on('error', (err: unknown) => {
        if (!current()) return;
        const { problem, message } = explain(err);
        setStatus({ state: 'problem', problem, message });
        stopRunning();
      });
  };
  replicate();
  window.addEventListener('online', onOnline);
  // Local edits: count them as waiting until the push takes them.
  mirror.idle().then(refresh, () => undefined);
  feed.on('change', () => refresh());
}

function stopRunning(): void {
  const r = running;
  running = null;
  r?.stop();
}

const LOGGED_OUT: Partial<SyncStatus> = {
  state: 'problem',
  problem: 'logged-out',
  message: 'Logged out. Log in again to carry on syncing; everything stays on this device.',
};

/** This tab syncs (it holds the lock): check the session, then mirror and replicate. */
async function runAsLeader(): Promise<void> {
  const config = readConfig();
  if (!config || running) return;
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
    // What the server said (or that it did not answer) comes as a SyncError; anything else failed here, on the device.
    const local = !(err instanceof SyncError);
    const { problem, message } = local ? explainLocal(err) : explain(err);
    setStatus({ state: problem === 'unreachable' ? 'waiting' : 'problem', user: config.user, url: config.url, problem, message });
    if (problem === 'unreachable') setTimeout(() => void (leader && runAsLeader()), 5000);
    if (local) console.error('sync could not start:', err);
  }
}

/** Waits for this tab's turn to sync (at once when no other tab syncs). */
function requestLeadership(): void {
  if (lockRequested) return;
  lockRequested = true;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const lead = () =>
    new Promise<void>((release) => {
      releaseLock = release;
      leader = true;
      void runAsLeader();
    });
  if (!locks) void lead();
  else void locks.request('posture-sync', lead);
}

/** This tab stops syncing and forgets the server; the lock goes back. */
async function endHere(): Promise<void> {
  const config = readConfig();
  stopRunning();
  localStorage.removeItem(CONFIG_KEY);
  if (config) await new PouchDB(localName(config.user)).destroy().catch(() => undefined);
  setStatus(OFF);
  leader = false;
  lockRequested = false;
  releaseLock?.();
  releaseLock = null;
}

/** Starts syncing with the saved settings, if there are any (on each page load). */
export function resumeSync(): Promise<void> {
  if (!readConfig()) return Promise.resolve();
  tabChannel();
  if (!leader) post({ type: 'ask' });
  requestLeadership();
  return Promise.resolve();
}

/** Logs in and starts syncing. This device's records go to the account's database. */
export async function startSync(url: string, user: string, password: string): Promise<void> {
  const base = serverBase(url, location.origin);
  showStatus({ ...status, state: 'connecting', user, url, problem: null, message: null });
  try {
    const name = await logIn(base, user, password);
    await ensureOwnerOnly(personDbUrl(base, name));
    localStorage.setItem(CONFIG_KEY, JSON.stringify({ url, user: name } satisfies SyncConfig));
  } catch (err) {
    const { problem, message } = explain(err);
    // Not logged in: the form stays, with the reason.
    showStatus({ ...status, state: 'problem', user: null, problem, message });
    throw err;
  }
  tabChannel();
  if (leader) {
    stopRunning();
    await runAsLeader();
  } else {
    post({ type: 'restart' });
    requestLeadership();
  }
}

/** Logs out: syncing pauses until the next log-in; records and the sync copy stay here. */
export async function logOutOfSync(): Promise<void> {
  const config = readConfig();
  if (config) await logOut(serverBase(config.url, location.origin));
  if (leader) {
    stopRunning();
    setStatus(LOGGED_OUT);
  } else {
    post({ type: 'logout' });
    showStatus({ ...status, ...LOGGED_OUT });
  }
}

/** Stops syncing for good on this device: logs out and forgets the server. Every record stays here. */
export async function stopSyncing(): Promise<void> {
  const config = readConfig();
  if (config) await logOut(serverBase(config.url, location.origin));
  if (leader) await endHere();
  else {
    localStorage.removeItem(CONFIG_KEY);
    post({ type: 'stop' });
    showStatus(OFF);
  }
}

function configuredDb(): { dbUrl: string; user: string } {
  const config = readConfig();
  if (!config) throw new SyncError('logged-out', PROBLEM_TEXT['logged-out']);
  return { dbUrl: personDbUrl(serverBase(config.url, location.origin), config.user), user: config.user };
}

/** Who may read this person's records (their clinicians), as the server has it. */
export async function listSharing(): Promise<string[]> {
  const { dbUrl, user } = configuredDb();
  return sharedWith(dbUrl, user);
}

/** Lets a clinician (by their user name on the server) read these records, read-only; or stops it. */
export async function shareWith(reader: string, shared: boolean): Promise<string[]> {
  const { dbUrl, user } = configuredDb();
  const name = reader.trim();
  if (!name) throw new RangeError('Type the user name your clinician uses on this server.');
  if (name === user) throw new RangeError('That is your own user name.');
  return setShared(dbUrl, user, name, shared);
}
