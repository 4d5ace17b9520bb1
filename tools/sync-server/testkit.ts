// Shared by the sync server's tests: start `npm run sync-server` (the CLI) as a child process on
// a free loopback port, send raw HTTP (the path goes out byte for byte, unlike fetch), and read a
// person's database as the admin to compare before and after.
import { spawn, type ChildProcess } from 'node:child_process';
import { request, Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { VALIDATE_OWNER_ONLY } from '../../lib/sync/remote';
import { userDbName } from '../../lib/sync/rules/docs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Who {
  readonly name: string;
  readonly password: string;
}

export const ADMIN: Who = { name: 'admin', password: 'admin-test-pw' };
export const ALICE: Who = { name: 'alice', password: 'alice-pw-1' };
export const BOB: Who = { name: 'bob', password: 'bob-pw-2' };
export const LEE: Who = { name: 'dr-lee', password: 'lee-pw-3' };
export const PEOPLE = [ALICE, BOB, LEE] as const;

export const basic = (who: Who) => `Basic ${Buffer.from(`${who.name}:${who.password}`).toString('base64')}`;
export const dbOf = (who: Who) => userDbName(who.name);

export interface CliServer {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process wrote. */
  output(): string;
  alive(): boolean;
  stop(): Promise<number | null>;
}

/** Starts the CLI as `npm run sync-server` does (the same file and flags), and waits for the address it prints. */
export function startCli(extra: readonly string[] = []): Promise<CliServer> {
  const args = ['tools/sync-server/cli.ts', '--port', '0', '--admin', `${ADMIN.name}:${ADMIN.password}`, ...PEOPLE.flatMap((p) => ['--person', `${p.name}:${p.password}`]), ...extra];
  // Node itself with tsx as its loader, not the tsx command: that one stands between the test and
  // the server and, on a loaded machine, gave up after 30 ms waiting to hear whether the server
  // handles SIGTERM, ending it with 143 instead of letting it close.
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let exitCode: number | null | undefined;
  child.on('exit', (code) => {
    exitCode = code;
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sync server did not start:\n${out}`)), 60_000);
    const onData = () => {
      const m = /sync server on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        url: m[1],
        port: Number(m[2]),
        child,
        output: () => out,
        alive: () => exitCode === undefined && child.exitCode === null && child.signalCode === null,
        stop: () =>
          new Promise((res) => {
            if (exitCode !== undefined) return res(exitCode);
            child.once('exit', (code) => res(code));
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the sync server exited:\n${out}`));
    });
  });
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The body as JSON, or undefined. */
  readonly json: unknown;
}

export interface Send {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string | number | string[]>;
  /** An object is sent as JSON (with its content type unless one is given). */
  readonly body?: unknown;
  readonly as?: Who | null;
  /** Give up after this long (status -1); 30 s unless given. */
  readonly timeoutMs?: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One raw HTTP request; network errors (a refused huge body may be cut off) resolve as status 0. */
export function send(base: string, s: Send): Promise<Reply> {
  const u = new URL(base);
  const headers: Record<string, string | number | string[]> = { ...(s.headers ?? {}) };
  if (s.as) headers.authorization = basic(s.as);
  let body: Buffer | undefined;
  if (s.body !== undefined) {
    body = Buffer.isBuffer(s.body) ? s.body : Buffer.from(typeof s.body === 'string' ? s.body : JSON.stringify(s.body));
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'transfer-encoding')) headers['content-length'] = body.length;
  }
  return new Promise((resolve) => {
    let r: ReturnType<typeof request>;
    try {
      r = request({ host: u.hostname, port: u.port, method: s.method ?? 'GET', path: s.path, headers, agent }, onResponse);
    } catch {
      // Node's client would not send it (an invalid header or path): nothing reached the server.
      resolve({ status: -2, headers: {}, text: '', json: undefined });
      return;
    }
    function onResponse(res: import('node:http').IncomingMessage) {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', () => resolve({ status: timedOut ? -1 : 0, headers: {}, text: '', json: undefined }));
      res.on('close', () => {
        if (!res.complete) resolve({ status: timedOut ? -1 : 0, headers: {}, text: '', json: undefined });
      });
    }
    let timedOut = false;
    // A whole-request limit (a live change feed's heartbeats keep the socket busy).
    const timer = setTimeout(() => {
      timedOut = true;
      r.destroy();
    }, s.timeoutMs ?? 30_000);
    r.on('close', () => clearTimeout(timer));
    r.on('error', () => resolve({ status: timedOut ? -1 : 0, headers: {}, text: '', json: undefined }));
    r.end(body);
  });
}

/** A person's database as the admin sees it: every document (conflicts too), its security object, its local documents' ids are not listed by CouchDB, so the security object stands for them. */
export async function snapshotDb(base: string, db: string) {
  const all = await send(base, { path: `/${db}/_all_docs?include_docs=true&conflicts=true`, as: ADMIN });
  const sec = await send(base, { path: `/${db}/_security`, as: ADMIN });
  const info = await send(base, { path: `/${db}`, as: ADMIN });
  if (all.status !== 200 || sec.status !== 200) throw new Error(`snapshot of ${db}: ${all.status} ${sec.status}`);
  const rows = (all.json as { rows: { id: string; value: { rev: string }; doc: Record<string, unknown> }[] }).rows;
  return { rows: rows.map((r) => ({ id: r.id, rev: r.value.rev, doc: r.doc })), security: sec.json, docCount: (info.json as { doc_count: number }).doc_count };
}

export const ownerDdoc = { _id: '_design/posture-owner', validate_doc_update: VALIDATE_OWNER_ONLY };

/** What alice has on the server before the attacks: the app's design document, three records, shared with dr-lee. */
export async function seedAlice(base: string): Promise<void> {
  const db = dbOf(ALICE);
  const put = await send(base, { method: 'PUT', path: `/${db}/_design/posture-owner`, as: ALICE, body: { validate_doc_update: VALIDATE_OWNER_ONLY } });
  if (put.status !== 201) throw new Error(`design doc: ${put.status} ${put.text}`);
  const docs = ['abc', 'def', 'ghi'].map((k, i) => ({ _id: `sets:${k}`, table: 'sets', record: { id: k, exerciseId: 'squat', reps: 10 + i, startedAt: 1_700_000_000_000 + i }, editedAtMs: 1_700_000_000_000 + i, device: 'phone' }));
  const bulk = await send(base, { method: 'POST', path: `/${db}/_bulk_docs`, as: ALICE, body: { docs } });
  if (bulk.status !== 201 || !(bulk.json as { ok?: boolean }[]).every((r) => r.ok)) throw new Error(`seed: ${bulk.status} ${bulk.text}`);
  const sec = await send(base, { method: 'PUT', path: `/${db}/_security`, as: ALICE, body: { admins: { names: [ALICE.name], roles: [] }, members: { names: [ALICE.name, LEE.name], roles: [] } } });
  if (sec.status !== 200) throw new Error(`share: ${sec.status} ${sec.text}`);
}

export async function seedBob(base: string): Promise<void> {
  const db = dbOf(BOB);
  await send(base, { method: 'PUT', path: `/${db}/_design/posture-owner`, as: BOB, body: { validate_doc_update: VALIDATE_OWNER_ONLY } });
  await send(base, { method: 'POST', path: `/${db}/_bulk_docs`, as: BOB, body: { docs: [{ _id: 'sets:bob-1', table: 'sets', record: { id: 'bob-1' }, editedAtMs: 1, device: 'bob-phone' }] } });
}

/** The server's accounts and admins, as the admin reads them. */
export async function accounts(base: string) {
  const users = await send(base, { path: '/_users/_all_docs', as: ADMIN });
  const admins = await send(base, { path: '/_config/admins', as: ADMIN });
  const dbs = await send(base, { path: '/_all_dbs', as: ADMIN });
  return { users: (users.json as { rows: { id: string }[] }).rows.map((r) => r.id), admins: Object.keys(admins.json as object), dbs: dbs.json };
}
