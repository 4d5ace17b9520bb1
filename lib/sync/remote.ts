// Talking to the sync server (CouchDB 3, or `npm run sync-server`): log in with a CouchDB
// session cookie, find the person's database, and say what went wrong in plain words.
import { userDbName } from './rules/docs';

export type SyncProblem = 'wrong-password' | 'unreachable' | 'not-a-server' | 'logged-out' | 'not-allowed' | 'storage' | 'device';

export class SyncError extends Error {
  constructor(
    readonly problem: SyncProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export const PROBLEM_TEXT: Readonly<Record<SyncProblem, string>> = {
  'wrong-password': 'The server did not accept that user name and password. Check them and try again.',
  unreachable: 'The sync server cannot be reached right now. Everything stays on this device and syncs by itself when the server is back.',
  'not-a-server': 'No sync server answers at that address. Check the address, or ask whoever runs the server for it.',
  'logged-out': 'The server has logged you out. Log in again to carry on syncing; nothing on this device is lost.',
  'not-allowed': 'The server refused access to your records. Ask whoever runs the server to check your account.',
  storage: 'This device has no room left for the sync copy. Free some space; your records are still here.',
  device: 'Sync could not start on this device. Your records are all still here; reload the page to try again.',
};

/** The server's address with no trailing slash; a path is taken on this page's own origin. */
export function serverBase(url: string, origin: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  return new URL(trimmed || '/', origin).href.replace(/\/+$/, '');
}

async function call(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(`${base}${path}`, { ...init, credentials: 'include', headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
  } catch {
    throw new SyncError('unreachable', PROBLEM_TEXT.unreachable);
  }
}

/** The body as a JSON object, or null (CouchDB-like servers may label JSON as text/plain). */
async function json(res: Response): Promise<Record<string, unknown> | null> {
  try {
    const v = JSON.parse(await res.text()) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What a failed answer means for the person. */
export async function problemOf(res: Response): Promise<SyncError> {
  if (res.status === 401) return new SyncError('logged-out', PROBLEM_TEXT['logged-out']);
  if (res.status === 403) return new SyncError('not-allowed', PROBLEM_TEXT['not-allowed']);
  if (res.status >= 500) return new SyncError('unreachable', PROBLEM_TEXT.unreachable);
  return new SyncError('not-a-server', PROBLEM_TEXT['not-a-server']);
}

/**
 * Checks that a CouchDB-like server answers at `base`: its welcome names a vendor (CouchDB's,
 * or PouchDB's for the stand-in), or, where the server lets nobody in without logging in
 * (CouchDB's `require_valid_user`), it answers in CouchDB's words that a log-in is needed.
 */
export async function checkServer(base: string): Promise<void> {
  const res = await call(base, '');
  if (res.status >= 500) throw new SyncError('unreachable', PROBLEM_TEXT.unreachable);
  const body = await json(res);
  if (res.status === 401 && body?.error === 'unauthorized') return;
  if (!res.ok || !body || !('couchdb' in body || (body.vendor && typeof body.vendor === 'object'))) throw new SyncError('not-a-server', PROBLEM_TEXT['not-a-server']);
}

/** Logs in (a session cookie the browser keeps) and returns the user name the server knows. */
export async function logIn(base: string, name: string, password: string): Promise<string> {
  await checkServer(base);
  const res = await call(base, '/_session', { method: 'POST', body: JSON.stringify({ name, password }) });
  if (res.status === 401) throw new SyncError('wrong-password', PROBLEM_TEXT['wrong-password']);
  if (!res.ok) throw await problemOf(res);
  const body = await json(res);
  return typeof body?.name === 'string' ? body.name : name;
}

/** The logged-in user's name, or null when the session has ended. */
export async function currentUser(base: string): Promise<string | null> {
  const res = await call(base, '/_session');
  if (!res.ok) throw await problemOf(res);
  const body = (await json(res)) as { userCtx?: { name?: string | null } } | null;
  if (!body) throw new SyncError('not-a-server', PROBLEM_TEXT['not-a-server']);
  return body.userCtx?.name ?? null;
}

export async function logOut(base: string): Promise<void> {
  await call(base, '/_session', { method: 'DELETE' }).catch(() => undefined);
}

/**
 * How long the server is asked to hold a `_changes` long poll open with nothing to report
 * (CouchDB's `timeout`; it then answers with an empty list, and replication asks again).
 */
export const LONGPOLL_MS = 25_000;
/** An answer later than this counts as lost: a long poll gets its own wait plus a margin. */
const LATE_MS = 300_000;
const LONGPOLL_LATE_MS = LONGPOLL_MS + 15_000;

/**
 * `fetch` for PouchDB's requests to the server, with a deadline. PouchDB itself never gives up
 * on a request: a long poll whose connection died silently (a proxy that kept it open after the
 * server went away, a phone that changed networks) would stop the pull for good. Past the
 * deadline the request fails, and replication retries as after any network error.
 */
export function deadlineFetch({ longpollMs, otherMs }: { readonly longpollMs: number; readonly otherMs: number }) {
  return (url: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const longpoll = /[?&]feed=longpoll(&|$)/.test(String(url instanceof Request ? url.url : url));
    // By hand rather than AbortSignal.any/timeout, which older phones lack. The timer stays after
    // the headers arrive: a long poll's body (the changes) comes at the end.
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('The sync server took too long to answer.', 'TimeoutError')), longpoll ? longpollMs : otherMs);
    const outer = init.signal;
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
    return fetch(url, { ...init, signal: controller.signal });
  };
}

export const fetchWithDeadline = deadlineFetch({ longpollMs: LONGPOLL_LATE_MS, otherMs: LATE_MS });

/** The person's database address. */
export function personDbUrl(base: string, userName: string): string {
  return `${base}/${userDbName(userName)}`;
}

/**
 * Only the owner writes: anyone else the owner lets read (a clinician) is refused by the
 * server, which runs this on every write, replication included. The owner is the user whose
 * per-user database this is (CouchDB's "userdb-" + hex name, in `userCtx.db`), or a database
 * admin named in its security object.
 */
export const VALIDATE_OWNER_ONLY = `function (newDoc, oldDoc, userCtx, secObj) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  var name = userCtx.name || '';
  var bytes = unescape(encodeURIComponent(name));
  var hex = '';
  for (var i = 0; i < bytes.length; i++) hex += ('0' + bytes.charCodeAt(i).toString(16)).slice(-2);
  if (name && userCtx.db === 'userdb-' + hex) return;
  var owners = (secObj && secObj.admins && secObj.admins.names) || [];
  if (name && owners.indexOf(name) !== -1) return;
  throw({ forbidden: 'Only the person these records belong to can change them.' });
}`;

/** Puts the owner-only rule in the person's database (they are its admin) if it is not there yet. */
export async function ensureOwnerOnly(dbUrl: string): Promise<void> {
  const path = '/_design/posture-owner';
  const get = await call(dbUrl, path);
  if (get.ok) {
    const doc = (await json(get)) as { validate_doc_update?: string; _rev?: string } | null;
    if (doc?.validate_doc_update === VALIDATE_OWNER_ONLY) return;
    const put = await call(dbUrl, path, { method: 'PUT', body: JSON.stringify({ ...doc, validate_doc_update: VALIDATE_OWNER_ONLY }) });
    if (!put.ok) throw await problemOf(put);
    return;
  }
  if (get.status !== 404) throw await problemOf(get);
  const put = await call(dbUrl, path, { method: 'PUT', body: JSON.stringify({ validate_doc_update: VALIDATE_OWNER_ONLY }) });
  if (!put.ok && put.status !== 409) throw await problemOf(put);
}

interface SecurityObject {
  admins?: { names?: string[]; roles?: string[] };
  members?: { names?: string[]; roles?: string[] };
}

async function readSecurity(dbUrl: string): Promise<SecurityObject> {
  const res = await call(dbUrl, '/_security');
  if (!res.ok) throw await problemOf(res);
  return ((await json(res)) as SecurityObject | null) ?? {};
}

/** The people the owner lets read their records (the database's members other than the owner). */
export async function sharedWith(dbUrl: string, owner: string): Promise<string[]> {
  const sec = await readSecurity(dbUrl);
  return (sec.members?.names ?? []).filter((n) => n !== owner);
}

/**
 * Lets `reader` read the owner's records, or stops it. The server keeps the list (the
 * database's security object, which only the owner may change) and refuses writes by anyone
 * but the owner (VALIDATE_OWNER_ONLY).
 */
export async function setShared(dbUrl: string, owner: string, reader: string, shared: boolean): Promise<string[]> {
  const sec = await readSecurity(dbUrl);
  const others = (sec.members?.names ?? []).filter((n) => n !== owner && n !== reader);
  const names = [owner, ...others, ...(shared ? [reader] : [])];
  const next: SecurityObject = {
    ...sec,
    admins: { names: [...new Set([owner, ...(sec.admins?.names ?? [])])], roles: sec.admins?.roles ?? [] },
    members: { names, roles: sec.members?.roles ?? [] },
  };
  const res = await call(dbUrl, '/_security', { method: 'PUT', body: JSON.stringify(next) });
  if (!res.ok) throw await problemOf(res);
  return names.filter((n) => n !== owner);
}

export type ReadResult = { readonly state: 'shared'; readonly docs: readonly Record<string, unknown>[] } | { readonly state: 'not-shared' | 'logged-out' };

/** Everything in a person's database, read once (a clinician's read-only view keeps no copy). */
export async function readPersonDocs(base: string, person: string): Promise<ReadResult> {
  const res = await call(personDbUrl(base, person), '/_all_docs?include_docs=true');
  if (res.status === 401) return { state: 'logged-out' };
  if (res.status === 403 || res.status === 404) return { state: 'not-shared' };
  if (!res.ok) throw await problemOf(res);
  const body = (await json(res)) as { rows?: { doc?: Record<string, unknown> }[] } | null;
  return { state: 'shared', docs: (body?.rows ?? []).map((r) => r.doc).filter((d): d is Record<string, unknown> => Boolean(d)) };
}
