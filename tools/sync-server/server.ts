// A CouchDB-compatible server for development and tests: express-pouchdb (the core of the
// `pouchdb-server` package) with PouchDB in memory, on 127.0.0.1 only. A guard in front of it
// gives it CouchDB 3's access rules where express-pouchdb is looser (see README, "Sync"):
// creating databases and listing them is for server admins; a database is readable only by its
// admins and members (with none named, by server admins only); `_users` takes no self sign-up.
// `createPerson` does what CouchDB 3's `couch_peruser` does when an admin adds a user.
// express-pouchdb's own validate_doc_update support loses the requester on `_bulk_docs` (what
// replication writes with) and drops replicated revisions that conflict; it is switched off,
// and the guard runs the functions itself on every write, as CouchDB does, passing on only
// what they accept.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import express, { type NextFunction, type Request, type Response } from 'express';
import { userDbName } from '../../lib/sync/rules/docs';

// express-pouchdb and PouchDB 7 (the server side) ship no types.
const require = createRequire(import.meta.url);
const expressPouch = require('express-pouchdb') as (pouch: unknown, opts: Record<string, unknown>) => express.Express & { couchConfig: CouchConfig };
const PouchCore = require('pouchdb-core') as { plugin(p: unknown): typeof PouchCore; defaults(o: Record<string, unknown>): unknown };

interface CouchConfig {
  set(section: string, key: string, value: string, cb: (err?: unknown) => void): void;
}

interface UserCtx {
  readonly name: string | null;
  readonly roles: readonly string[];
}

interface Security {
  admins?: { names?: string[]; roles?: string[] };
  members?: { names?: string[]; roles?: string[] };
}

export interface SyncServerOptions {
  /** 0 picks a free port. */
  readonly port?: number;
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

const isAdmin = (u: UserCtx) => u.roles.includes('_admin');

function allowed(sec: Security, u: UserCtx): { read: boolean; admin: boolean } {
  if (isAdmin(u)) return { read: true, admin: true };
  const inList = (l?: { names?: string[]; roles?: string[] }) => Boolean(l && ((u.name && l.names?.includes(u.name)) || l.roles?.some((r) => u.roles.includes(r))));
  const admin = inList(sec.admins);
  const named = (sec.admins?.names?.length ?? 0) + (sec.admins?.roles?.length ?? 0) + (sec.members?.names?.length ?? 0) + (sec.members?.roles?.length ?? 0) > 0;
  return { read: named && (admin || inList(sec.members)), admin };
}

export async function startSyncServer(options: SyncServerOptions = {}): Promise<SyncServer> {
  const admin = options.admin ?? { name: 'admin', password: 'admin' };
  const pouchApp = expressPouch(PouchDB.defaults({ adapter: 'memory' }), {
    inMemoryConfig: true,
    mode: 'fullCouchDB',
    overrideMode: { exclude: ['validation'] },
    logPath: options.logPath ?? '/dev/null',
  });
  const app = express();
  let base = '';
  const adminAuth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;

  async function whoIs(req: Request): Promise<UserCtx> {
    const r = await fetch(`${base}/_session`, { headers: { cookie: req.headers.cookie ?? '', authorization: req.headers.authorization ?? '' } });
    if (!r.ok) return { name: null, roles: [] };
    const body = (await r.json()) as { userCtx?: UserCtx };
    return body.userCtx ?? { name: null, roles: [] };
  }

  async function securityOf(db: string): Promise<Security | null> {
    const r = await fetch(`${base}/${encodeURIComponent(db)}/_security`, { headers: { authorization: adminAuth } });
    if (r.status === 404) return null;
    return (await r.json()) as Security;
  }

  type Refusal = { id: string; error: string; reason: string };

  /** Runs the database's validate functions on `docs` as `u`; returns the refusals by document index. */
  async function validate(db: string, u: UserCtx, sec: Security, docs: readonly Record<string, unknown>[]): Promise<Map<number, Refusal>> {
    const dbPath = `${base}/${encodeURIComponent(db)}`;
    const design = (await (await fetch(`${dbPath}/_all_docs?startkey="_design/"&endkey="_design0"&include_docs=true`, { headers: { authorization: adminAuth } })).json()) as { rows: { doc: { validate_doc_update?: string } }[] };
    // The stand-in runs the database's own functions, as express-pouchdb does for single writes.
    const validators = design.rows.map((r) => r.doc.validate_doc_update).filter((c): c is string => typeof c === 'string').map((code) => new Function(`return (${code});`)() as (n: unknown, o: unknown, u: unknown, s: unknown) => void);
    const ids = docs.map((d) => String(d._id ?? ''));
    const old = (await (await fetch(`${dbPath}/_all_docs?include_docs=true`, { method: 'POST', headers: { authorization: adminAuth, 'content-type': 'application/json' }, body: JSON.stringify({ keys: ids }) })).json()) as { rows: { key: string; doc?: unknown }[] };
    const oldById = new Map(old.rows.map((r) => [r.key, r.doc ?? null]));
    const userCtx = { db, name: u.name, roles: u.roles };
    const refused = new Map<number, Refusal>();
    docs.forEach((doc, i) => {
      if (String(doc._id ?? '').startsWith('_design/') || String(doc._id ?? '').startsWith('_local/')) return;
      try {
        for (const v of validators) v(doc, oldById.get(String(doc._id)) ?? null, userCtx, sec);
      } catch (err) {
        const e = err as { forbidden?: string; unauthorized?: string };
        refused.set(i, { id: String(doc._id), error: e.unauthorized ? 'unauthorized' : 'forbidden', reason: e.forbidden ?? e.unauthorized ?? String(err) });
      }
    });
    return refused;
  }

  /** `_bulk_docs` as CouchDB runs it: each document through the validate functions, as the requester. */
  async function bulkDocs(db: string, u: UserCtx, sec: Security, req: Request, res: Response): Promise<void> {
    const body = (await readJson(req)) as { docs?: Record<string, unknown>[]; new_edits?: boolean } | null;
    if (!body || !Array.isArray(body.docs)) {
      res.status(400).json({ error: 'bad_request', reason: "Missing JSON list of 'docs'" });
      return;
    }
    const dbPath = `${base}/${encodeURIComponent(db)}`;
    const refusedAt = await validate(db, u, sec, body.docs);
    const refused = [...refusedAt.values()];
    const accepted = body.docs.filter((_, i) => !refusedAt.has(i));
    let written: unknown[] = [];
    if (accepted.length > 0) {
      const r = await fetch(`${dbPath}/_bulk_docs`, { method: 'POST', headers: { authorization: adminAuth, 'content-type': 'application/json' }, body: JSON.stringify({ ...body, docs: accepted }) });
      written = (await r.json()) as unknown[];
    }
    res.status(201).json([...(Array.isArray(written) ? written : []), ...refused]);
  }

  /** A write of one document (PUT, POST or DELETE) checked like `_bulk_docs`, then made as the admin. */
  async function oneDoc(db: string, docId: string | null, u: UserCtx, sec: Security, req: Request, res: Response): Promise<void> {
    const raw = req.method === 'DELETE' ? null : ((await readJson(req)) as Record<string, unknown> | null);
    if (req.method !== 'DELETE' && !raw) {
      res.status(400).json({ error: 'bad_request', reason: 'invalid UTF-8 JSON' });
      return;
    }
    const doc = raw ?? { _id: docId, _rev: String(req.query.rev ?? ''), _deleted: true };
    if (docId) doc._id = docId;
    const refusal = (await validate(db, u, sec, [doc])).get(0);
    if (refusal) {
      res.status(refusal.error === 'unauthorized' ? 401 : 403).json({ error: refusal.error, reason: refusal.reason });
      return;
    }
    const r = await fetch(`${base}${req.originalUrl}`, { method: req.method, headers: { authorization: adminAuth, 'content-type': 'application/json' }, body: raw ? JSON.stringify(raw) : undefined });
    res.status(r.status).type('application/json').send(await r.text());
  }

  const readJson = (req: Request) =>
    new Promise<unknown>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          resolve(null);
        }
      });
    });

  const refuse = (res: Response, u: UserCtx, reason: string) =>
    res.status(u.name ? 403 : 401).json({ error: u.name ? 'forbidden' : 'unauthorized', reason });

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const [first] = req.path.split('/').filter(Boolean).map(decodeURIComponent);
      if (!first || first === '_session' || first === '_uuids') return next();
      const u = await whoIs(req);
      // Server admins may do anything (the guard's own requests are theirs).
      if (isAdmin(u)) return next();
      if (first === '_users') return refuse(res, u, 'Only an administrator manages accounts on this server.');
      if (first.startsWith('_')) return refuse(res, u, 'You are not a server admin.');
      const rest = req.path.split('/').filter(Boolean).slice(1);
      if (rest.length === 0 && (req.method === 'PUT' || req.method === 'DELETE')) return refuse(res, u, 'Only a server admin creates or deletes databases.');
      const sec = await securityOf(first);
      if (!sec) return res.status(404).json({ error: 'not_found', reason: 'Database does not exist.' });
      const may = allowed(sec, u);
      if (!may.read) return refuse(res, u, 'You are not allowed to access this database.');
      if (rest[0] === '_security' && req.method !== 'GET' && !may.admin) return refuse(res, u, 'Only the database admin changes who may read it.');
      if (rest[0] === '_design' && req.method !== 'GET' && !may.admin) return refuse(res, u, 'Only the database admin changes design documents.');
      if (rest[0] === '_bulk_docs' && rest.length === 1 && req.method === 'POST') return void (await bulkDocs(first, u, sec, req, res));
      const docWrite = (req.method === 'POST' && rest.length === 0) || ((req.method === 'PUT' || req.method === 'DELETE') && rest.length === 1 && !rest[0].startsWith('_'));
      if (docWrite) return void (await oneDoc(first, rest[0] ?? null, u, sec, req, res));
      if ((req.method === 'PUT' || req.method === 'DELETE') && rest.length > 1 && !rest[0].startsWith('_')) return refuse(res, u, 'Attachments are not taken by this stand-in server.');
      next();
    } catch (err) {
      next(err);
    }
  });
  app.use(pouchApp);

  let server: Server = createServer(app);
  const sockets = new Set<import('node:net').Socket>();
  const track = (s: Server) => s.on('connection', (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  track(server);
  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });

  const port = await listen(options.port ?? 0);
  base = `http://127.0.0.1:${port}`;
  const setConfig = (section: string, key: string, value: string) => new Promise<void>((resolve, reject) => pouchApp.couchConfig.set(section, key, value, (err) => (err ? reject(err) : resolve())));
  // Ends "admin party" (where everyone is admin), and no CORS: the app reaches the server through its own origin.
  await setConfig('admins', admin.name, admin.password);
  await setConfig('httpd', 'enable_cors', 'false');

  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, { method, headers: { authorization: adminAuth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!r.ok && r.status !== 412) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r;
  };
  await asAdmin('PUT', '/_users');
  await asAdmin('PUT', '/_users/_security', { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } });

  return {
    url: base,
    port,
    admin,
    async createPerson(name, password, roles = []) {
      await asAdmin('PUT', `/_users/org.couchdb.user:${encodeURIComponent(name)}`, { _id: `org.couchdb.user:${name}`, name, password, roles, type: 'user' });
      const db = userDbName(name);
      await asAdmin('PUT', `/${db}`);
      await asAdmin('PUT', `/${db}/_security`, { admins: { names: [name], roles: [] }, members: { names: [name], roles: [] } });
    },
    async pause() {
      await stop();
    },
    async resume() {
      server = createServer(app);
      track(server);
      await listen(port);
    },
    close: stop,
  };
}
