// A CouchDB-compatible server for development and tests: express-pouchdb (the core of the
// `pouchdb-server` package) with PouchDB in memory. Not for real records: everything is gone
// when it stops.
//
// A guard answers every request first and refuses by default: a non-admin may make only the
// requests in the allow-list (routes.ts, RULES.md), which are what the app and PouchDB's
// replication need. An allowed request is rebuilt from what the guard parsed and checked (path,
// query, headers, body) and only then handed to express-pouchdb, as the server admin. Server
// admins pass through, as in CouchDB. The guard behaves like CouchDB 3 with
// `[chttpd] require_valid_user = true`: anonymous requests get 401, except `POST /_session`.
//
// No user code runs in this process: express-pouchdb's validate_doc_update, show, list, update,
// rewrite, view and find support is switched off. The app's owner-only rule (its design
// document, VALIDATE_OWNER_ONLY) is applied here in TypeScript; a database with any other
// validate function takes no writes from non-admins.
//
// The guard talks to express-pouchdb for its own look-ups (who is logged in, security objects,
// design documents) through a second listener on a private socket (a directory only this user
// can open), never through the public port.
import type { AddressInfo, Socket } from 'node:net';
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { VALIDATE_OWNER_ONLY } from '../../lib/sync/remote';
import { userDbName } from '../../lib/sync/rules/docs';
import {
  checkAllDocsKeysBody,
  checkBulkDocsBody,
  checkBulkGetBody,
  checkCheckpointBody,
  checkQuery,
  checkRevsDiffBody,
  checkSecurityBody,
  checkSessionBody,
  DB_NAME,
  isObject,
  judgeDoc,
  LIMITS,
  matchRoute,
  methodSpec,
  OWNER_DDOC,
  parseFormBody,
  parseJsonBody,
  parseTarget,
  readSecurityObject,
  Refused,
  roleIn,
  type DbRole,
  type MethodSpec,
  type Route,
  type SecurityObject,
  type Target,
} from './routes';

// express-pouchdb and PouchDB 7 (the server side) ship no types.
const require = createRequire(import.meta.url);
type Handler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;
const expressPouch = require('express-pouchdb') as (pouch: unknown, opts: Record<string, unknown>) => Handler & { couchConfig: CouchConfig };
const PouchCore = require('pouchdb-core') as { plugin(p: unknown): typeof PouchCore; defaults(o: Record<string, unknown>): unknown };

interface CouchConfig {
  set(section: string, key: string, value: string, cb: (err?: unknown) => void): void;
}

/** What the guard uses of a database handle: its live change events. */
interface FeedDb {
  changes(opts: { live: true; since: number | string }): { on(event: 'change' | 'error', fn: () => void): unknown; cancel(): void };
}

interface UserCtx {
  readonly name: string | null;
  readonly roles: readonly string[];
}

export interface SyncServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** The address to listen on; 127.0.0.1 unless told otherwise. */
  readonly host?: string;
  readonly admin?: { readonly name: string; readonly password: string };
  /** Where express-pouchdb writes its log (it always writes one). */
  readonly logPath?: string;
}

export interface SyncServer {
  readonly url: string;
  readonly port: number;
  readonly admin: { readonly name: string; readonly password: string };
  /** Adds a user, with a database of their own of which they are admin and member. */
  createPerson(name: string, password: string, roles?: readonly string[]): Promise<void>;
  /** Stops answering (the data stays in memory) until `resume`. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

const PouchDB = PouchCore.plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'));

/**
 * The parts of express-pouchdb switched on (everything else is off: rewrite, show, list,
 * update, views, temp views, find, fauxton, replicate, replicator, vhosts, cluster, uuids,
 * attachments, compact, view cleanup, stats, logs, active tasks, db updates, and the
 * validation part that evaluates stored validate_doc_update functions). `_config` and
 * `_all_dbs` stay for server admins.
 */
const EXPRESS_POUCHDB_PARTS = [
  'config-infrastructure',
  'logging-infrastructure',
  'routes/authentication',
  'routes/authorization',
  'routes/root',
  'routes/session',
  'routes/config',
  'routes/all-dbs',
  'routes/db',
  'routes/bulk-docs',
  'routes/bulk-get',
  'routes/all-docs',
  'routes/changes',
  'routes/revs-diff',
  'routes/security',
  'routes/documents',
  'routes/404',
];

/** System databases a server admin may create or delete (CouchDB takes no other name starting with `_`). */
const SYSTEM_DBS = new Set(['_users', '_replicator', '_global_changes']);
/** Headers that change what a request means elsewhere; refused outright from non-admins. */
const OVERRIDE_HEADERS = ['x-http-method-override', 'x-http-method', 'x-method-override', 'destination'];
const IDENTITY_TTL_MS = 2000;
/** CouchDB's `_changes` long-poll timeout when none is asked for (docs: "timeout ... Default is 60000"). */
const LONGPOLL_DEFAULT_MS = 60_000;
const IDENTITY_CACHE_MAX = 1000;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = `${JSON.stringify(body)}\n`;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.setHeader('cache-control', 'must-revalidate');
  res.statusCode = status;
  res.end(text);
}

function refuse(res: ServerResponse, r: Refused, extra: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extra };
  if (r.allow) headers.allow = r.allow.join(', ');
  if (r.status === 413) headers.connection = 'close';
  send(res, r.status, { error: r.error, reason: r.reason }, headers);
}

/** Credentials as sent, checked for form only (who they name is express-pouchdb's to say). */
type Credentials = { kind: 'none' } | { kind: 'basic'; token: string } | { kind: 'cookie'; value: string };

/**
 * The request's credentials: `Authorization: Basic` (base64 of `name:password`, UTF-8) wins
 * over the `AuthSession` cookie; other cookies are ignored. Malformed ones are refused (400).
 */
export function parseCredentials(headers: IncomingHttpHeaders): Credentials | Refused {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const m = /^Basic ([A-Za-z0-9+/]{4,1500}={0,2})$/i.exec(auth);
    if (!m || m[1].length % 4 !== 0) return new Refused(400, 'bad_request', 'Malformed Authorization header: only Basic credentials are taken.');
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(m[1], 'base64'));
    } catch {
      return new Refused(400, 'bad_request', 'Malformed Authorization header.');
    }
    const colon = decoded.indexOf(':');
    const name = decoded.slice(0, colon);
    if (colon <= 0 || name.length > 256 || decoded.length - colon - 1 > 1024 || CONTROL.test(name)) return new Refused(400, 'bad_request', 'Malformed Authorization header.');
    // Re-encoded from what was decoded: nothing but name:password goes on.
    return { kind: 'basic', token: Buffer.from(decoded, 'utf8').toString('base64') };
  }
  const cookie = headers.cookie;
  if (cookie === undefined) return { kind: 'none' };
  if (cookie.length > 8192) return new Refused(400, 'bad_request', 'Cookie header too long.');
  const sessions = cookie
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c.startsWith('AuthSession='))
    .map((c) => c.slice('AuthSession='.length));
  if (sessions.length === 0) return { kind: 'none' };
  const value = sessions[0];
  if (sessions.length > 1 || !/^[A-Za-z0-9_-]{8,1024}$/.test(value)) return new Refused(400, 'bad_request', 'Malformed AuthSession cookie. Please clear your cookies.');
  // Its form: base64url of name:hex-timestamp:hash.
  const decoded = Buffer.from(value, 'base64url').toString('latin1');
  if (!/^[^:]+:[0-9A-Fa-f]{1,16}:/.test(decoded)) return new Refused(400, 'bad_request', 'Malformed AuthSession cookie. Please clear your cookies.');
  return { kind: 'cookie', value };
}

interface InternalResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function startSyncServer(options: SyncServerOptions = {}): Promise<SyncServer> {
  const admin = options.admin ?? { name: 'admin', password: 'admin' };
  if (!admin.name || admin.name.includes(':') || !admin.password) throw new RangeError('The admin needs a name without ":" and a password.');
  const host = options.host ?? '127.0.0.1';
  const MemoryPouch = PouchDB.defaults({ adapter: 'memory' }) as unknown as new (name: string) => FeedDb;
  const pouchApp = expressPouch(MemoryPouch, {
    inMemoryConfig: true,
    mode: 'custom',
    overrideMode: { include: EXPRESS_POUCHDB_PARTS },
    logPath: options.logPath ?? (process.platform === 'win32' ? 'NUL' : '/dev/null'),
  });
  const adminAuth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;

  // The private listener for the guard's own requests.
  const socketDir = process.platform === 'win32' ? null : mkdtempSync(join(tmpdir(), 'sync-server-'));
  const socketPath = socketDir ? join(socketDir, 'pouch.sock') : `\\\\.\\pipe\\sync-server-${randomUUID()}`;
  const internalServer = createServer((req, res) => pouchApp(req, res, (err) => send(res, err ? 500 : 404, err ? { error: 'internal', reason: 'failed' } : { error: 'not_found', reason: 'missing' })));
  await new Promise<void>((resolve, reject) => {
    internalServer.once('error', reject);
    internalServer.listen(socketPath, () => {
      internalServer.removeListener('error', reject);
      internalServer.on('error', (err) => console.error(`sync server (internal socket): ${err.message}`));
      resolve();
    });
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  // The socket's directory goes when the process does, however it ends.
  const removeSocketDir = () => {
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
  };
  process.on('exit', removeSocketDir);

  function internal(method: string, path: string, opts: { auth?: string | null; cookie?: string; body?: unknown } = {}): Promise<InternalResponse> {
    const body = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body), 'utf8');
    const headers: Record<string, string | number> = { accept: 'application/json', host: 'localhost' };
    const auth = opts.auth === undefined ? adminAuth : opts.auth;
    if (auth) headers.authorization = auth;
    if (opts.cookie) headers.cookie = opts.cookie;
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = body.length;
    }
    return new Promise((resolve, reject) => {
      const r = httpRequest({ socketPath, agent, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end(body);
    });
  }

  const setConfig = (section: string, key: string, value: string) => new Promise<void>((resolve, reject) => pouchApp.couchConfig.set(section, key, value, (err) => (err ? reject(err) : resolve())));
  // Ends "admin party" (where everyone is admin) before the public port opens; no CORS: the app
  // reaches the server through its own origin.
  await setConfig('admins', admin.name, admin.password);
  await setConfig('httpd', 'enable_cors', 'false');

  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const r = await internal(method, path, { body });
    if ((r.status < 200 || r.status > 299) && r.status !== 412) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
    return r;
  };
  await asAdmin('PUT', '/_users');
  await asAdmin('PUT', '/_users/_security', { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } });

  // --- Who is asking ---------------------------------------------------------------------------

  interface Identity {
    readonly user: UserCtx;
    /** The refreshed session cookie express-pouchdb hands back for a cookie log-in. */
    readonly setCookie?: string[];
  }
  const identities = new Map<string, { at: number; who: Identity | Refused }>();

  async function identify(cred: Credentials): Promise<Identity | Refused> {
    if (cred.kind === 'none') return { user: { name: null, roles: [] } };
    const key = cred.kind === 'basic' ? `b:${cred.token}` : `c:${cred.value}`;
    const now = Date.now();
    const hit = identities.get(key);
    if (hit && now - hit.at < IDENTITY_TTL_MS) return hit.who;
    const r = cred.kind === 'basic' ? await internal('GET', '/_session', { auth: `Basic ${cred.token}` }) : await internal('GET', '/_session', { auth: null, cookie: `AuthSession=${cred.value}` });
    let who: Identity | Refused;
    const body = parseJsonText(r.text);
    if (r.status === 401) who = new Refused(401, 'unauthorized', 'Name or password is incorrect.');
    else if (r.status === 400) who = new Refused(400, 'bad_request', 'Malformed AuthSession cookie. Please clear your cookies.');
    else if (r.status !== 200 || !isObject(body) || !isObject(body.userCtx)) who = new Refused(500, 'internal', 'Could not check who is logged in.');
    else {
      const ctx = body.userCtx;
      const name = typeof ctx.name === 'string' && ctx.name !== '' ? ctx.name : null;
      const roles = Array.isArray(ctx.roles) ? ctx.roles.filter((x): x is string => typeof x === 'string') : [];
      const setCookie = r.headers['set-cookie']?.filter((c) => c.startsWith('AuthSession='));
      who = { user: name ? { name, roles } : { name: null, roles: [] }, ...(setCookie?.length ? { setCookie } : {}) };
    }
    if (identities.size >= IDENTITY_CACHE_MAX) identities.clear();
    identities.set(key, { at: now, who });
    return who;
  }

  async function securityOf(db: string): Promise<SecurityObject | null> {
    const r = await internal('GET', `/${encodeURIComponent(db)}/_security`);
    if (r.status === 404) return null;
    if (r.status !== 200) throw new Error(`security of ${db}: ${r.status}`);
    return readSecurityObject(parseJsonText(r.text));
  }

  /**
   * Whether the database holds a validate function other than the app's owner-only rule (only
   * a server admin can put one there; the guard cannot run it, so non-admins may not write).
   * `onlyOwnerDdoc`: the only such function is in `_design/posture-owner` itself.
   */
  async function foreignValidators(db: string): Promise<{ any: boolean; onlyOwnerDdoc: boolean }> {
    const q = `startkey=${encodeURIComponent('"_design/"')}&endkey=${encodeURIComponent('"_design0"')}&include_docs=true`;
    const r = await internal('GET', `/${encodeURIComponent(db)}/_all_docs?${q}`);
    const body = parseJsonText(r.text);
    if (r.status !== 200 || !isObject(body) || !Array.isArray(body.rows)) throw new Error(`design documents of ${db}: ${r.status}`);
    const foreign = body.rows.filter((row) => isObject(row) && isObject(row.doc) && row.doc.validate_doc_update !== undefined && row.doc.validate_doc_update !== VALIDATE_OWNER_ONLY).map((row) => String((row as { id: unknown }).id));
    return { any: foreign.length > 0, onlyOwnerDdoc: foreign.length === 1 && foreign[0] === OWNER_DDOC };
  }

  /**
   * Whether every revision named exists in its document's revision tree. PouchDB 7 (the server
   * side) throws outside any callback, and so ends the process, on `latest=true` with a revision
   * it does not have; the guard drops `latest` for such a request (the revision then comes back
   * as missing, as without `latest`).
   */
  async function revsExist(db: string, revs: Map<string, string[]>): Promise<boolean> {
    if (revs.size === 0) return true;
    const body: Record<string, string[]> = {};
    for (const [id, r] of revs) Object.defineProperty(body, id, { value: r, enumerable: true, writable: true, configurable: true });
    const r = await internal('POST', `/${encodeURIComponent(db)}/_revs_diff`, { body });
    const out = parseJsonText(r.text);
    return r.status === 200 && isObject(out) && Object.keys(out).length === 0;
  }

  const withoutLatestUnless = async (ok: () => Promise<boolean>, query: readonly (readonly [string, string])[]) =>
    query.some(([k, v]) => k === 'latest' && v === 'true') && !(await ok()) ? query.filter(([k]) => k !== 'latest') : query;

  // --- Bodies ----------------------------------------------------------------------------------

  const hasBody = (req: IncomingMessage) => (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;

  function readBody(req: IncomingMessage, limit: number): Promise<Buffer | Refused> {
    const cl = req.headers['content-length'];
    if (cl !== undefined && (!/^[0-9]{1,15}$/.test(cl))) return Promise.resolve(new Refused(400, 'bad_request', 'Malformed Content-Length.'));
    if (cl !== undefined && Number(cl) > limit) return Promise.resolve(new Refused(413, 'too_large', 'The request entity is too large.'));
    const enc = req.headers['content-encoding'];
    if (enc !== undefined && enc.toLowerCase() !== 'identity') return Promise.resolve(new Refused(415, 'bad_content_type', 'Compressed bodies are not taken.'));
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const finish = (v: Buffer | Refused) => {
        if (done) return;
        done = true;
        req.removeListener('data', onData);
        resolve(v);
      };
      const onData = (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          finish(new Refused(413, 'too_large', 'The request entity is too large.'));
          return;
        }
        chunks.push(c);
      };
      req.on('data', onData);
      req.on('end', () => finish(Buffer.concat(chunks)));
      req.on('error', () => finish(new Refused(400, 'bad_request', 'The body could not be read.')));
      req.on('aborted', () => finish(new Refused(400, 'bad_request', 'The body could not be read.')));
    });
  }

  const mediaType = (req: IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

  async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
    if (mediaType(req) !== 'application/json') return new Refused(415, 'bad_content_type', 'Content-Type must be application/json');
    const buf = await readBody(req, limit);
    if (buf instanceof Refused) return buf;
    return parseJsonBody(buf);
  }

  /** A JSON body read within `limit` and checked by `check`: its checked value, or why it was refused. */
  async function readChecked<T>(req: IncomingMessage, limit: number, check: (body: unknown) => T | Refused): Promise<T | Refused> {
    const body = await readJson(req, limit);
    return body instanceof Refused ? body : check(body);
  }

  // --- Handing on ------------------------------------------------------------------------------

  let publicHost = '';
  const done = (res: ServerResponse) => (err?: unknown) => send(res, err ? 500 : 404, err ? { error: 'internal', reason: 'The request failed.' } : { error: 'not_found', reason: 'missing' });

  /**
   * Hands an allowed request to express-pouchdb, rebuilt from what the guard checked: a
   * canonical address, the checked query, a few fixed headers, the server admin's credentials,
   * and the checked body (already read; body-parser skips a request marked `_body`).
   */
  function forward(req: IncomingMessage, res: ServerResponse, path: string, query: readonly (readonly [string, string])[], body?: unknown, auth: string | null = adminAuth) {
    const qs = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const url = qs ? `${path}?${qs}` : path;
    const r = req as IncomingMessage & Record<string, unknown>;
    r.url = url;
    r.originalUrl = url;
    const q: Record<string, string> = {};
    for (const [k, v] of query) q[k] = v;
    r.query = q;
    const headers: Record<string, string> = { host: publicHost, accept: 'application/json' };
    if (auth) headers.authorization = auth;
    if (body !== undefined) headers['content-type'] = 'application/json';
    r.headers = headers;
    r.rawHeaders = Object.entries(headers).flat();
    r.body = body ?? {};
    r._body = true;
    pouchApp(req, res, done(res));
  }

  function dbPath(route: Route): string {
    const db = `/${encodeURIComponent(route.db!)}`;
    switch (route.kind) {
      case 'db':
        return db;
      case 'doc':
        return `${db}/${encodeURIComponent(route.id!)}`;
      case 'owner_ddoc':
        return `${db}/_design/posture-owner`;
      case 'checkpoint':
        return `${db}/_local/${encodeURIComponent(route.id!.slice('_local/'.length))}`;
      default:
        return `${db}/_${route.kind}`;
    }
  }

  // --- The guard -------------------------------------------------------------------------------

  async function logIn(req: IncomingMessage, res: ServerResponse, target: Target): Promise<void> {
    if (target.query.length > 0) {
      const next = target.query.some(([k]) => k === 'next');
      return refuse(res, new Refused(400, 'bad_request', next ? 'The next redirect is not offered by this server.' : 'POST /_session takes no query parameters.'));
    }
    const type = mediaType(req);
    if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return refuse(res, new Refused(415, 'bad_content_type', 'Content-Type must be application/json or application/x-www-form-urlencoded'));
    const buf = await readBody(req, LIMITS.sessionBody);
    if (buf instanceof Refused) return refuse(res, buf);
    const parsed = type === 'application/json' ? parseJsonBody(buf) : parseFormBody(buf);
    if (parsed instanceof Refused) return refuse(res, parsed);
    const creds = checkSessionBody(parsed);
    if (creds instanceof Refused) return refuse(res, creds);
    forward(req, res, '/_session', [], creds, null);
  }

  async function asUser(req: IncomingMessage, res: ServerResponse, target: Target, who: Identity): Promise<void> {
    const name = who.user.name!;
    const method = req.method ?? '';
    const route = matchRoute(target.segments);
    if (route instanceof Refused) return refuse(res, route);
    // A database the user cannot read and one that does not exist look the same: 403.
    let role: DbRole = 'none';
    if (route.db !== undefined) {
      const sec = await securityOf(route.db);
      role = sec ? roleIn(route.db, sec, name) : 'none';
      if (role === 'none') return refuse(res, new Refused(403, 'forbidden', 'You are not allowed to access this db.'));
    }
    const spec: MethodSpec | Refused = methodSpec(route.kind, method);
    if (spec instanceof Refused) return refuse(res, spec);
    if (spec.role === 'owner' && role !== 'owner') return refuse(res, new Refused(403, 'forbidden', 'Only the owner of this database may do this.'));
    const query = checkQuery(spec.query, target.query, spec.requiredQuery);
    if (query instanceof Refused) return refuse(res, query);
    if (spec.body === 'none' && hasBody(req)) return refuse(res, new Refused(400, 'bad_request', 'This request takes no body.'));

    // The session cookie express-pouchdb refreshed (CouchDB does the same), except on log-out.
    if (who.setCookie && !(route.kind === 'session' && method === 'DELETE')) res.setHeader('set-cookie', who.setCookie);

    switch (route.kind) {
      case 'session':
        if (method === 'GET') return send(res, 200, { ok: true, userCtx: who.user, info: { authentication_handlers: ['cookie', 'default'], authenticated: who.setCookie ? 'cookie' : 'default' } });
        return forward(req, res, '/_session', [], undefined, null);
      case 'root':
        return forward(req, res, '/', []);
      case 'doc':
      case 'owner_ddoc':
        if (method === 'GET' || method === 'HEAD') {
          const named = query.flatMap(([k, v]) => (k === 'rev' ? [v] : k === 'open_revs' && v !== 'all' ? (JSON.parse(v) as string[]) : []));
          const q = await withoutLatestUnless(() => revsExist(route.db!, new Map([[route.id!, named]])), query);
          return forward(req, res, dbPath(route), q);
        }
        break;
      case 'changes':
        if (query.some(([k, v]) => k === 'feed' && v === 'longpoll')) return longpoll(res, route.db!, dbPath(route), query);
        return forward(req, res, dbPath(route), query);
      default:
        // Reads of a database, its checkpoints and security object.
        if (method === 'GET' || method === 'HEAD') return forward(req, res, dbPath(route), query);
        break;
    }

    const db = route.db!;
    const limit = spec.limit ?? 0;
    switch (spec.body) {
      case 'revs_diff': {
        const checked = await readChecked(req, limit, checkRevsDiffBody);
        if (checked instanceof Refused) return refuse(res, checked);
        return forward(req, res, dbPath(route), query, checked);
      }
      case 'all_docs_keys': {
        const checked = await readChecked(req, limit, checkAllDocsKeysBody);
        if (checked instanceof Refused) return refuse(res, checked);
        if (query.some(([k]) => k === 'keys' || k === 'key')) return refuse(res, new Refused(400, 'bad_request', '`keys` is given in the body.'));
        return forward(req, res, dbPath(route), query, checked);
      }
      case 'bulk_get': {
        const checked = await readChecked(req, limit, checkBulkGetBody);
        if (checked instanceof Refused) return refuse(res, checked);
        const named = new Map<string, string[]>();
        for (const d of checked.docs) if (d.rev) named.set(d.id, [...(named.get(d.id) ?? []), d.rev]);
        const q = await withoutLatestUnless(() => revsExist(db, named), query);
        return forward(req, res, dbPath(route), q, checked);
      }
      case 'security': {
        const checked = await readChecked(req, limit, (body) => checkSecurityBody(body, db, name));
        if (checked instanceof Refused) return refuse(res, checked);
        return forward(req, res, dbPath(route), query, checked);
      }
      case 'checkpoint': {
        const checked = await readChecked(req, limit, (body) => checkCheckpointBody(body, route.id!));
        if (checked instanceof Refused) return refuse(res, checked);
        return forward(req, res, dbPath(route), query, checked);
      }
      case 'bulk_docs':
        return bulkDocs(req, res, db, role, limit);
      case 'doc':
      case 'owner_ddoc':
        return writeOne(req, res, route, role, spec, query);
      case 'none':
        if (method === 'DELETE' && route.kind === 'doc') return writeOne(req, res, route, role, spec, query);
        break;
      default:
        return refuse(res, new Refused(403, 'forbidden', 'Not offered by this server.'));
    }
  }

  /**
   * A long-poll `_changes` as CouchDB answers it: the changes as soon as there are any, or,
   * after `timeout` ms (CouchDB's default 60 s) with none, an empty list. express-pouchdb's own
   * long poll would hold the request open for ever (and keep writing heartbeats after its client
   * left), so the guard reads the feed once and, while there is nothing new, waits on the
   * database's own change events. (A client behind a proxy that kept a dead connection open
   * learns nothing from a server-side timeout; the app also gives up on an answer that is far
   * too late, see lib/sync/remote.ts.)
   */
  async function longpoll(res: ServerResponse, db: string, path: string, query: readonly (readonly [string, string])[]): Promise<void> {
    const asked = Number(query.find(([k]) => k === 'timeout')?.[1] ?? LONGPOLL_DEFAULT_MS);
    const waitMs = Math.min(Math.max(asked, 1000), LONGPOLL_DEFAULT_MS);
    const normal = query.filter(([k]) => k !== 'timeout' && k !== 'heartbeat' && k !== 'feed');
    const url = (q: readonly (readonly [string, string])[]) => `${path}?${q.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
    const read = async (q: readonly (readonly [string, string])[]) => {
      const r = await internal('GET', url(q));
      const body = parseJsonText(r.text);
      return { status: r.status, body: isObject(body) ? body : null };
    };
    const first = await read(normal);
    if (first.status !== 200 || !first.body || !Array.isArray(first.body.results) || first.body.results.length > 0) {
      return send(res, first.status, first.body ?? { error: 'internal', reason: 'The feed failed.' });
    }
    const lastSeq = first.body.last_seq;
    const since = typeof lastSeq === 'number' || typeof lastSeq === 'string' ? lastSeq : 0;
    let finished = false;
    const feed = feedDb(db).changes({ live: true, since });
    const finish = () => {
      if (finished) return false;
      finished = true;
      clearTimeout(timer);
      feed.cancel();
      return true;
    };
    // Nothing changed in time: an empty list, and the place to ask from next.
    const timer = setTimeout(() => {
      if (finish()) send(res, 200, { results: [], last_seq: since });
    }, waitMs);
    feed.on('change', () => {
      if (!finish()) return;
      const next = normal.filter(([k]) => k !== 'since').concat([['since', String(since)]]);
      read(next).then(
        (r) => send(res, r.status, r.body ?? { error: 'internal', reason: 'The feed failed.' }),
        () => send(res, 500, { error: 'internal', reason: 'The feed failed.' }),
      );
    });
    feed.on('error', () => {
      if (finish()) send(res, 500, { error: 'internal', reason: 'The feed failed.' });
    });
    res.on('close', () => finish());
  }

  /** One handle per database for waiting on its changes (the memory adapter shares the data and the events by name). */
  const feedDbs = new Map<string, FeedDb>();
  const feedDb = (db: string) => {
    let d = feedDbs.get(db);
    if (!d) feedDbs.set(db, (d = new MemoryPouch(db)));
    return d;
  };

  /** PUT or DELETE of one document: the same rules as each document of `_bulk_docs`. */
  async function writeOne(req: IncomingMessage, res: ServerResponse, route: Route, role: DbRole, spec: MethodSpec, query: readonly (readonly [string, string])[]): Promise<void> {
    const id = route.id!;
    let doc: Record<string, unknown> & { _id: string };
    if (req.method === 'DELETE') {
      doc = { _id: id, _rev: query.find(([k]) => k === 'rev')?.[1], _deleted: true };
      if (id === OWNER_DDOC) return refuse(res, new Refused(403, 'forbidden', 'The owner-only rule stays.'));
    } else {
      const body = await readJson(req, spec.limit ?? 0);
      if (body instanceof Refused) return refuse(res, body);
      if (!isObject(body)) return refuse(res, new Refused(400, 'bad_request', 'Document must be a JSON object'));
      if (body._id !== undefined && body._id !== id) return refuse(res, new Refused(400, 'bad_request', 'The _id does not match the address.'));
      doc = { ...body, _id: id };
    }
    const verdict = judgeDoc(doc, role);
    if (verdict.refusal) return refuse(res, new Refused(403, 'forbidden', verdict.refusal));
    const v = await foreignValidators(route.db!);
    if (v.any && !(v.onlyOwnerDdoc && id === OWNER_DDOC && req.method === 'PUT')) return refuse(res, new Refused(403, 'forbidden', 'This database has a validate function this server cannot run: only a server admin may write to it.'));
    if (req.method === 'DELETE') return forward(req, res, dbPath(route), query);
    return forward(req, res, dbPath(route), [], doc);
  }

  /** `_bulk_docs` as CouchDB answers it: each document judged on its own; refusals sit beside what was written. */
  async function bulkDocs(req: IncomingMessage, res: ServerResponse, db: string, role: DbRole, limit: number): Promise<void> {
    const checked = await readChecked(req, limit, checkBulkDocsBody);
    if (checked instanceof Refused) return refuse(res, checked);
    const verdicts = checked.docs.map((d) => judgeDoc(d, role));
    const v = verdicts.some((x) => !x.refusal) ? await foreignValidators(db) : { any: false, onlyOwnerDdoc: false };
    const blocked = (i: number) => v.any && !(v.onlyOwnerDdoc && checked.docs[i]._id === OWNER_DDOC);
    const results: unknown[] = new Array(checked.docs.length);
    const accepted: number[] = [];
    verdicts.forEach((x, i) => {
      if (x.refusal) results[i] = { id: x.id, error: 'forbidden', reason: x.refusal };
      else if (blocked(i)) results[i] = { id: x.id, error: 'forbidden', reason: 'This database has a validate function this server cannot run.' };
      else accepted.push(i);
    });
    let written: unknown[] = [];
    if (accepted.length > 0) {
      const r = await internal('POST', `/${encodeURIComponent(db)}/_bulk_docs`, { body: { docs: accepted.map((i) => checked.docs[i]), ...(checked.new_edits === undefined ? {} : { new_edits: checked.new_edits }) } });
      const out = parseJsonText(r.text);
      if (r.status !== 201 || !Array.isArray(out)) {
        const e = isObject(out) ? out : {};
        return send(res, r.status >= 400 && r.status < 500 ? r.status : 500, { error: typeof e.error === 'string' ? e.error : 'internal', reason: typeof e.reason === 'string' ? e.reason : 'The write failed.' });
      }
      written = out;
    }
    if (checked.new_edits === false) {
      // With new_edits=false CouchDB answers only problems; order does not matter.
      send(res, 201, [...written, ...results.filter((x) => x !== undefined)]);
      return;
    }
    accepted.forEach((i, k) => {
      results[i] = written[k] ?? { id: checked.docs[i]._id, error: 'internal', reason: 'No answer for this document.' };
    });
    send(res, 201, results);
  }

  /**
   * Server admins pass through, as in CouchDB (even with an address the guard would not take
   * from others); only database names CouchDB refuses are stopped here (express-pouchdb ends the
   * process on `PUT /_session`, which it takes for creating a database of that name).
   */
  function asAdminPassThrough(req: IncomingMessage, res: ServerResponse): void {
    const rawPath = (req.url ?? '').split('?')[0];
    const m = /^\/([^/]+)\/?$/.exec(rawPath);
    let first: string | null = null;
    try {
      first = m ? decodeURIComponent(m[1]) : null;
    } catch {
      first = m ? m[1] : null;
    }
    if (first !== null && (req.method === 'PUT' || req.method === 'DELETE') && !DB_NAME.test(first) && !SYSTEM_DBS.has(first)) {
      return refuse(res, new Refused(400, 'illegal_database_name', 'Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, - are allowed. Must begin with a letter.'));
    }
    // `latest` with a revision PouchDB 7 does not have ends the process (see revsExist): not for admins either.
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if (q !== -1 && /(^|&)latest=/i.test(url.slice(q + 1))) {
      const rest = url.slice(q + 1).split('&').filter((p) => !/^latest=/i.test(p));
      req.url = rest.length ? `${url.slice(0, q)}?${rest.join('&')}` : url.slice(0, q);
    }
    pouchApp(req, res, done(res));
  }

  async function guard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseTarget(req.url ?? '');
    const isLogIn = !(target instanceof Refused) && req.method === 'POST' && target.segments.length === 1 && target.segments[0] === '_session';
    const cred = isLogIn ? ({ kind: 'none' } as const) : parseCredentials(req.headers);
    if (cred instanceof Refused) return refuse(res, cred);
    const who = await identify(cred);
    if (who instanceof Refused) return refuse(res, who);
    if (who.user.roles.includes('_admin')) return asAdminPassThrough(req, res);
    if (target instanceof Refused) return refuse(res, target);
    const override = OVERRIDE_HEADERS.some((h) => req.headers[h] !== undefined);
    const noOverride = new Refused(400, 'bad_request', 'Method override and Destination headers are not taken.');
    if (isLogIn) return override ? refuse(res, noOverride) : logIn(req, res, target);
    if (!who.user.name) return refuse(res, new Refused(401, 'unauthorized', 'Authentication required.'));
    if (override) return refuse(res, noOverride);
    return asUser(req, res, target, who);
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (process.env.SYNC_SERVER_DEBUG) {
      const what = `${req.method} ${req.url}`;
      res.on('finish', () => console.log(`[sync-server] ${res.statusCode} ${what}`));
    }
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    guard(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal', reason: 'The request failed.' });
      else res.destroy();
    });
  };

  // --- The public listener ---------------------------------------------------------------------

  let server: Server = createServer(handle);
  const sockets = new Set<Socket>();
  const track = (s: Server) => {
    s.on('connection', (sock) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
    s.on('clientError', (_err, sock) => {
      if (sock.writable) sock.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else sock.destroy();
    });
  };
  track(server);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.removeListener('error', reject);
        // A later server error is reported, never left to end the process.
        server.on('error', (err) => console.error(`sync server: ${err.message}`));
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });

  let port: number;
  try {
    port = await listen(options.port ?? 0);
  } catch (err) {
    internalServer.close();
    removeSocketDir();
    process.removeListener('exit', removeSocketDir);
    throw err;
  }
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  publicHost = `${urlHost}:${port}`;
  const url = `http://${publicHost}`;

  return {
    url,
    port,
    admin,
    async createPerson(name, password, roles = []) {
      await asAdmin('PUT', `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`, { _id: `org.couchdb.user:${name}`, name, password, roles: [...roles], type: 'user' });
      const db = userDbName(name);
      await asAdmin('PUT', `/${db}`);
      await asAdmin('PUT', `/${db}/_security`, { admins: { names: [name], roles: [] }, members: { names: [name], roles: [] } });
    },
    async pause() {
      await stop();
    },
    async resume() {
      server = createServer(handle);
      track(server);
      await listen(port);
    },
    async close() {
      await stop();
      agent.destroy();
      internalServer.closeAllConnections();
      await new Promise<void>((resolve) => internalServer.close(() => resolve()));
      removeSocketDir();
      process.removeListener('exit', removeSocketDir);
    },
  };
}
