// Tries to break `npm run sync-server` (started here as the CLI child process, on a free loopback
// port, and stopped at the end), as anonymous, as alice (owner of her database), dr-lee (the
// clinician alice shares with: a member) and bob (another person). After every attack: alice's
// records, design document and security object, bob's database, the accounts and the admin list
// are exactly as before, alice can still read and write, and the process is alive.
// Then the other way round: real PouchDB replication (7.3.1, and 9 as the app has it) through
// the guard, both ways and live, proves the allow-list covers what sync needs.
import { createRequire } from 'node:module';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALIDATE_OWNER_ONLY } from '../../lib/sync/remote';
import { ADMIN, ALICE, BOB, LEE, accounts, basic, dbOf, ownerDdoc, seedAlice, seedBob, send, snapshotDb, startCli, type CliServer, type Reply, type Send, type Who } from './testkit';

const require = createRequire(import.meta.url);

// The few PouchDB calls used here (PouchDB 7 and 9 ship no types).
interface Replication extends Promise<{ push: { ok: boolean; docs_written: number }; pull: { ok: boolean } }> {
  cancel(): void;
}
interface LocalDb {
  put(doc: { _id: string; [k: string]: unknown }): Promise<unknown>;
  get(id: string): Promise<Record<string, unknown>>;
  allDocs(): Promise<{ rows: { id: string }[] }>;
  sync(remote: LocalDb, options?: object): Replication;
}
interface PouchStatic {
  new (name: string, options?: object): LocalDb;
  plugin(p: unknown): PouchStatic;
}
const A = dbOf(ALICE);
const B = dbOf(BOB);
const L = dbOf(LEE);

let s: CliServer;
const go = (x: Send) => send(s.url, x);
type Baseline = { alice: Awaited<ReturnType<typeof snapshotDb>>; bob: Awaited<ReturnType<typeof snapshotDb>>; accounts: Awaited<ReturnType<typeof accounts>> };
let baseline: Baseline;
let probes = 0;

beforeAll(async () => {
  s = await startCli();
  await seedAlice(s.url);
  await seedBob(s.url);
});

afterAll(async () => {
  const code = await s?.stop();
  expect(code).toBe(0);
});

async function takeBaseline(): Promise<Baseline> {
  return { alice: await snapshotDb(s.url, A), bob: await snapshotDb(s.url, B), accounts: await accounts(s.url) };
}

/** Everything as before the attack, alice still reads and writes, the process lives. */
async function intact(): Promise<void> {
  expect(s.alive(), s.output()).toBe(true);
  expect(await snapshotDb(s.url, A)).toEqual(baseline.alice);
  expect(await snapshotDb(s.url, B)).toEqual(baseline.bob);
  expect(await accounts(s.url)).toEqual(baseline.accounts);
  const read = await go({ path: `/${A}/_all_docs?include_docs=true`, as: ALICE });
  expect(read.status).toBe(200);
  const id = `probe:${++probes}`;
  const put = await go({ method: 'PUT', path: `/${A}/${encodeURIComponent(id)}`, as: ALICE, body: { table: 'sets', record: {}, editedAtMs: 1, device: 'probe' } });
  expect(put.status, put.text).toBe(201);
  const del = await go({ method: 'DELETE', path: `/${A}/${encodeURIComponent(id)}?rev=${(put.json as { rev: string }).rev}`, as: ALICE });
  expect(del.status, del.text).toBe(200);
  // The owner-only rule is still in force for the clinician.
  const doc = await go({ path: `/${A}/sets%3Aabc`, as: LEE });
  expect(doc.status).toBe(200);
  const edit = await go({ method: 'PUT', path: `/${A}/sets%3Aabc`, as: LEE, body: { ...(doc.json as object), record: { hacked: true } } });
  expect(edit.status).toBe(403);
}

const revOf = async (db: string, id: string, who: Who = ADMIN) => ((await go({ path: `/${db}/${encodeURIComponent(id).replace('%2F', '/')}`, as: who })).json as { _rev: string })._rev;
const refusedDocs = (r: Reply) => (r.json as { id: string; error?: string; ok?: boolean }[]).filter((x) => x.error === 'forbidden').length;
const isRefusal = (r: Reply) => r.status >= 400 && r.status < 500 && typeof (r.json as { error?: unknown } | undefined)?.error === 'string';

describe('what sync needs works through the guard', () => {
  it('answers GET / anonymously with 401 and CouchDB-style JSON, and logs in with a session cookie', async () => {
    const anon = await go({ path: '/' });
    expect(anon.status).toBe(401);
    expect(anon.json).toEqual({ error: 'unauthorized', reason: expect.any(String) });
    expect(anon.headers['www-authenticate']).toBeUndefined();
    const login = await go({ method: 'POST', path: '/_session', body: { name: ALICE.name, password: ALICE.password } });
    expect(login.status).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    expect(cookie).toMatch(/^AuthSession=/);
    const who = await go({ path: '/_session', headers: { cookie } });
    expect(who.json).toMatchObject({ ok: true, userCtx: { name: 'alice', roles: [] } });
    const root = await go({ path: '/', headers: { cookie } });
    expect(root.status).toBe(200);
    expect(root.json).toHaveProperty('vendor');
    const form = await go({ method: 'POST', path: '/_session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `name=alice&password=${ALICE.password}` });
    expect(form.status).toBe(200);
    const wrong = await go({ method: 'POST', path: '/_session', body: { name: ALICE.name, password: 'nope' } });
    expect(wrong.status).toBe(401);
    const out = await go({ method: 'DELETE', path: '/_session', headers: { cookie } });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/AuthSession=;/);
  });

  it('lets the app install its owner-only rule, share with a clinician, and the clinician read everything once', async () => {
    const ddoc = await go({ path: `/${A}/_design/posture-owner`, as: ALICE });
    expect(ddoc.json).toMatchObject({ validate_doc_update: VALIDATE_OWNER_ONLY });
    // ensureOwnerOnly's repair path: PUT the document as read, with the rule.
    const again = await go({ method: 'PUT', path: `/${A}/_design/posture-owner`, as: ALICE, body: { ...(ddoc.json as object), validate_doc_update: VALIDATE_OWNER_ONLY } });
    expect(again.status, again.text).toBe(201);
    const sec = await go({ path: `/${A}/_security`, as: ALICE });
    expect(sec.json).toEqual({ admins: { names: ['alice'], roles: [] }, members: { names: ['alice', 'dr-lee'], roles: [] } });
    const read = await go({ path: `/${A}/_all_docs?include_docs=true`, as: LEE });
    expect(read.status).toBe(200);
    expect((read.json as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual(expect.arrayContaining(['sets:abc', 'sets:def', 'sets:ghi', '_design/posture-owner']));
    const forged = await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: LEE, body: { docs: [{ _id: 'sets:forged', table: 'sets', record: {}, editedAtMs: 0, device: 'x' }] } });
    expect(forged.json).toEqual([expect.objectContaining({ id: 'sets:forged', error: 'forbidden' })]);
    expect((await go({ path: `/${A}/_security`, as: LEE })).status).toBe(403);
  });

  it('replicates both ways with PouchDB 7.3.1 (one-shot and live) through the guard, checkpoints included', async () => {
    const PouchDB7 = (require('pouchdb-core') as PouchStatic).plugin(require('pouchdb-adapter-http')).plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-replication'));
    const log: string[] = [];
    const logged = async (url: string, opts: RequestInit = {}) => {
      const r = await fetch(url, opts);
      log.push(`${opts.method ?? 'GET'} ${url.replace(s.url, '')} ${r.status}`);
      return r;
    };
    const local = new PouchDB7(`p7-${Date.now()}`, { adapter: 'memory' });
    const remote = new PouchDB7(`${s.url}/${A}`, { skip_setup: true, auth: { username: ALICE.name, password: ALICE.password }, fetch: logged });
    await local.put({ _id: 'sets:p7-local', table: 'sets', record: { id: 'p7-local' }, editedAtMs: 1, device: 'p7' });
    const once = await local.sync(remote, { batch_size: 2 }).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${log.join('\n')}`);
    });
    expect(once.push.ok && once.pull.ok).toBe(true);
    expect(once.push.docs_written).toBe(1);
    expect((await local.allDocs()).rows.map((r) => r.id)).toEqual(expect.arrayContaining(['sets:abc', 'sets:def', 'sets:ghi', '_design/posture-owner']));
    expect((await go({ path: `/${A}/sets%3Ap7-local`, as: ALICE })).status).toBe(200);

    const live = local.sync(remote, { live: true, retry: true });
    await local.put({ _id: 'sets:p7-live', table: 'sets', record: {}, editedAtMs: 2, device: 'p7' });
    await expect.poll(async () => (await go({ path: `/${A}/sets%3Ap7-live`, as: ALICE })).status, { timeout: 15_000 }).toBe(200);
    await go({ method: 'PUT', path: `/${A}/sets%3Ap7-remote`, as: ALICE, body: { table: 'sets', record: {}, editedAtMs: 3, device: 'other' } });
    await expect.poll(async () => (await local.get('sets:p7-remote').catch(() => null)) !== null, { timeout: 15_000 }).toBe(true);
    live.cancel();

    // Nothing PouchDB asked for was refused; only "no checkpoint yet" came back 404.
    const failures = log.filter((l) => !/ (200|201)$/.test(l));
    expect(failures.every((l) => / \/userdb-[0-9a-f]+\/_local\/[A-Za-z0-9._]{22}%3D%3D\?? 404$/.test(l)), failures.join('\n')).toBe(true);
    const checkpoint = /_local\/[A-Za-z0-9._]{22}%3D%3D/.exec(log.find((l) => l.startsWith('PUT') && l.includes('/_local/'))!)![0];
    const cp = await go({ path: `/${A}/${checkpoint}`, as: ALICE });
    expect(cp.status).toBe(200);
    expect(cp.json).toMatchObject({ _id: decodeURIComponent(checkpoint), history: expect.any(Array) });
    // The clinician may not read or write alice's checkpoints.
    expect((await go({ path: `/${A}/${checkpoint}`, as: LEE })).status).toBe(403);
    expect((await go({ method: 'PUT', path: `/${A}/${checkpoint}`, as: LEE, body: { last_seq: 0 } })).status).toBe(403);
  });

  it('replicates live with PouchDB 9 (the app\'s http adapter and replication) logged in by cookie', async () => {
    (globalThis as { self?: unknown }).self ??= globalThis;
    const PouchDB9 = (require('pouchdb-browser') as PouchStatic).plugin(require('pouchdb-adapter-memory'));
    const login = await go({ method: 'POST', path: '/_session', body: { name: ALICE.name, password: ALICE.password } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const log: string[] = [];
    const logged = async (url: string, opts: RequestInit = {}) => {
      const r = await fetch(url, { ...opts, credentials: undefined });
      log.push(`${opts.method ?? 'GET'} ${url.replace(s.url, '')} ${r.status}`);
      return r;
    };
    const local = new PouchDB9(`p9-${Date.now()}`, { adapter: 'memory' });
    const remote = new PouchDB9(`${s.url}/${A}`, { skip_setup: true, fetch: logged, headers: { cookie } });
    await local.put({ _id: 'sets:p9-local', table: 'sets', record: {}, editedAtMs: 1, device: 'p9' });
    const live = local.sync(remote, { live: true, retry: true, batch_size: 250 });
    await expect.poll(async () => (await go({ path: `/${A}/sets%3Ap9-local`, as: ALICE })).status, { timeout: 15_000 }).toBe(200);
    await go({ method: 'PUT', path: `/${A}/sets%3Ap9-remote`, as: ALICE, body: { table: 'sets', record: {}, editedAtMs: 3, device: 'other' } });
    await expect.poll(async () => (await local.get('sets:p9-remote').catch(() => null)) !== null, { timeout: 15_000 }).toBe(true);
    expect((await local.get('_design/posture-owner')) as object).toMatchObject({ validate_doc_update: VALIDATE_OWNER_ONLY });
    live.cancel();
    const failures = log.filter((l) => !/ (200|201)$/.test(l));
    expect(failures.every((l) => / \/userdb-[0-9a-f]+\/_local\/[A-Za-z0-9._]{22}%3D%3D\?? 404$/.test(l)), failures.join('\n')).toBe(true);
    // The requests PouchDB 9 made for live sync, as the allow-list takes them.
    const kinds = new Set(log.map((l) => l.replace(/\/userdb-[0-9a-f]+/, '/{db}').replace(/_local\/\S+/, '_local/{id}').replace(/since=\d+/, 'since=N').replace(/limit=\d+/, 'limit=N').replace(/ \d+$/, '')));
    expect([...kinds]).toEqual(expect.arrayContaining(['GET /', 'GET /{db}/', 'GET /{db}/_local/{id}', 'PUT /{db}/_local/{id}', 'POST /{db}/_revs_diff', 'POST /{db}/_bulk_docs', 'POST /{db}/_bulk_get?revs=true&latest=true']));
    expect([...kinds].some((k) => /^GET \/\{db\}\/_changes\?style=all_docs&feed=longpoll&heartbeat=10000&since=N&limit=N$/.test(k)), [...kinds].join('\n')).toBe(true);
  });
});

describe('attacks', () => {
  beforeAll(async () => {
    baseline = await takeBaseline();
  });

  it('1. the clinician cannot delete or replace the owner-only design document (bulk, POST, PUT, DELETE, new_edits=false)', async () => {
    const rev = await revOf(A, '_design/posture-owner');
    const attempts: Send[] = [
      { method: 'POST', path: `/${A}/_bulk_docs`, body: { docs: [{ _id: '_design/posture-owner', _rev: rev, _deleted: true }] } },
      { method: 'POST', path: `/${A}/_bulk_docs`, body: { docs: [{ _id: '_design/posture-owner', _rev: rev, validate_doc_update: 'function () {}' }] } },
      { method: 'POST', path: `/${A}/_bulk_docs`, body: { docs: [{ ...ownerDdoc, _rev: rev }] } },
      { method: 'POST', path: `/${A}/_bulk_docs`, body: { new_edits: false, docs: [{ _id: '_design/posture-owner', _rev: '99-abc', _revisions: { start: 99, ids: ['abc'] }, _deleted: true }] } },
      { method: 'POST', path: `/${A}`, body: { _id: '_design/posture-owner', _rev: rev, validate_doc_update: 'function () {}' } },
      { method: 'POST', path: `/${A}/`, body: { _id: '_design/posture-owner', _rev: rev, _deleted: true } },
      { method: 'PUT', path: `/${A}/_design/posture-owner`, body: { _rev: rev, validate_doc_update: 'function () {}' } },
      { method: 'PUT', path: `/${A}/_design%2Fposture-owner`, body: { ...ownerDdoc, _rev: rev } },
      { method: 'PUT', path: `/${A}/_design%2fposture-owner`, body: { _rev: rev, _deleted: true } },
      { method: 'DELETE', path: `/${A}/_design/posture-owner?rev=${rev}` },
      { method: 'DELETE', path: `/${A}/_design%2Fposture-owner?rev=${rev}` },
      { method: 'COPY', path: `/${A}/sets:abc`, headers: { destination: '_design/posture-owner' } },
    ];
    for (const a of attempts) {
      const r = await go({ ...a, as: LEE });
      if (a.path.endsWith('_bulk_docs')) expect(refusedDocs(r), `${a.method} ${a.path} ${r.text}`).toBe(1);
      else expect(isRefusal(r), `${a.method} ${a.path} ${r.status} ${r.text}`).toBe(true);
    }
    // The owner cannot remove it either, nor change it into something else.
    for (const a of attempts.slice(0, 2).concat(attempts.slice(3, 7), attempts.slice(8, 11))) {
      const r = await go({ ...a, as: ALICE });
      if (a.path.endsWith('_bulk_docs')) expect(refusedDocs(r), `${a.method} ${a.path} ${r.text}`).toBe(1);
      else expect(isRefusal(r), `${a.method} ${a.path} ${r.status} ${r.text}`).toBe(true);
    }
    // And after all that, the clinician's PUT and DELETE on a record are still refused.
    const recRev = await revOf(A, 'sets:abc');
    expect((await go({ method: 'DELETE', path: `/${A}/sets:abc?rev=${recRev}`, as: LEE })).status).toBe(403);
    expect(refusedDocs(await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: LEE, body: { docs: [{ _id: 'sets:abc', _rev: recRev, _deleted: true }] } }))).toBe(1);
    expect(refusedDocs(await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: LEE, body: { new_edits: false, docs: [{ _id: 'sets:abc', _rev: '9-ffff', _revisions: { start: 9, ids: ['ffff'] }, table: 'sets', record: { forged: true } }] } }))).toBe(1);
    await intact();
  });

  it('2. nobody but a server admin reads or writes _local/_security or any internal local document', async () => {
    const evil = { admins: { names: ['dr-lee'], roles: [] }, members: { names: ['dr-lee'], roles: [] } };
    for (const who of [LEE, ALICE, BOB]) {
      for (const path of [`/${A}/_local/_security`, `/${A}/_local%2F_security`, `/${A}/_local%2f_security`, `/${A}/%5Flocal/_security`, `/${A}/_local/compaction`, `/${A}/_local/purges`, `/${A}/_local/_pouch_dependentDbs`, `/${A}/_local/x`]) {
        expect(isRefusal(await go({ method: 'PUT', path, as: who, body: evil })), `${who.name} PUT ${path}`).toBe(true);
        expect(isRefusal(await go({ path, as: who })), `${who.name} GET ${path}`).toBe(true);
        expect(isRefusal(await go({ method: 'DELETE', path: `${path}?rev=0-1`, as: who })), `${who.name} DELETE ${path}`).toBe(true);
      }
      const bulk = await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: who, body: { docs: [{ _id: '_local/_security', ...evil }] } });
      if (who === BOB) expect(bulk.status).toBe(403);
      else expect(refusedDocs(bulk)).toBe(1);
      const bulkGet = await go({ method: 'POST', path: `/${A}/_bulk_get`, as: who, body: { docs: [{ id: '_local/_security' }] } });
      expect(bulkGet.status).toBe(403);
      const keys = await go({ path: `/${A}/_all_docs?include_docs=true&keys=${encodeURIComponent('["_local/_security"]')}`, as: who });
      expect(keys.status).toBe(who === BOB ? 403 : 400);
    }
    await intact();
  });

  it('3. no rewrite, no _config, no _all_dbs, no becoming server admin, no path hidden in a query string', async () => {
    const rewrite = { _id: '_design/evil', rewrites: [{ from: 'x', to: '../../../_config' }, { from: 'a', to: '../../../_all_dbs' }] };
    expect(isRefusal(await go({ method: 'PUT', path: `/${A}/_design/evil`, as: ALICE, body: rewrite }))).toBe(true);
    expect(refusedDocs(await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: ALICE, body: { docs: [rewrite] } }))).toBe(1);
    const attempts: Send[] = [
      { path: `/${A}/_design/evil/_rewrite/x` },
      { path: `/${A}/_design/posture-owner/_rewrite/x` },
      { path: `/${A}/_design%2Fposture-owner%2F_rewrite%2Fx` },
      { path: `/${A}/_design/posture-owner/_rewrite/../../../_config` },
      { path: '/_all_dbs' },
      { path: '/_config' },
      { path: '/_config/couch_httpd_auth/secret' },
      { path: '/_config/admins' },
      { method: 'PUT', path: '/_config/admins/alice', body: '"alice-pw-1"' },
      { method: 'PUT', path: '/%5Fconfig/admins/alice', body: '"alice-pw-1"' },
      { method: 'PUT', path: '/_node/_local/_config/admins/alice', body: '"alice-pw-1"' },
      { path: `/${A}/_all_docs?x=/../../_config` },
      { path: `/${A}/_all_docs?include_docs=true&rewrite=../../_config` },
      { path: `/${A}/_all_docs?include_docs=true%26startkey=%22%22` },
      { path: `/${A}/_all_docs?startkey=../../_config` },
      { path: `/${A}/_all_docs/../../_config` },
      { path: `/${A}/_all_docs/%2e%2e/%2e%2e/_config` },
    ];
    for (const a of attempts) {
      const r = await go({ ...a, as: ALICE });
      expect(isRefusal(r), `${a.method ?? 'GET'} ${a.path} ${r.status} ${r.text}`).toBe(true);
      expect(r.text).not.toMatch(/secret|pbkdf2|_users/);
    }
    // The rewrite part of express-pouchdb is off altogether: even for the admin.
    const adminDdoc = await go({ method: 'PUT', path: '/rewrite-check', as: ADMIN });
    expect(adminDdoc.status).toBe(201);
    await go({ method: 'PUT', path: '/rewrite-check/_design/r', as: ADMIN, body: { rewrites: [{ from: 'x', to: '../../_config' }] } });
    expect((await go({ path: '/rewrite-check/_design/r/_rewrite/x', as: ADMIN })).text).not.toMatch(/couch_httpd_auth/);
    await go({ method: 'DELETE', path: '/rewrite-check', as: ADMIN });
    await intact();
  });

  it('4. no stored code ever runs in the server; a database with a validate function it cannot run takes no writes from non-admins', async () => {
    const marker = join(tmpdir(), `sync-server-marker-${process.pid}`);
    rmSync(marker, { force: true });
    const boom = `function (newDoc) { process.mainModule.require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); }`;
    // As alice, in her own database: refused outright.
    expect(isRefusal(await go({ method: 'PUT', path: `/${A}/_design/boom`, as: ALICE, body: { validate_doc_update: boom } }))).toBe(true);
    expect(refusedDocs(await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: ALICE, body: { docs: [{ _id: '_design/posture-owner', _rev: await revOf(A, '_design/posture-owner'), validate_doc_update: boom }] } }))).toBe(1);
    // A database where a server admin put one: alice (its admin) may not write; the function never runs.
    expect((await go({ method: 'PUT', path: '/clinic-shared', as: ADMIN })).status).toBe(201);
    await go({ method: 'PUT', path: '/clinic-shared/_security', as: ADMIN, body: { admins: { names: ['alice'], roles: [] }, members: { names: ['dr-lee'], roles: [] } } });
    expect((await go({ method: 'PUT', path: '/clinic-shared/sets:one', as: ALICE, body: { table: 'sets' } })).status).toBe(201);
    const put = await go({ method: 'PUT', path: '/clinic-shared/_design/boom', as: ADMIN, body: { validate_doc_update: boom } });
    expect(put.status).toBe(201);
    expect((await go({ method: 'PUT', path: '/clinic-shared/sets:two', as: ALICE, body: { table: 'sets' } })).status).toBe(403);
    expect(refusedDocs(await go({ method: 'POST', path: '/clinic-shared/_bulk_docs', as: ALICE, body: { docs: [{ _id: 'sets:three' }] } }))).toBe(1);
    expect((await go({ method: 'PUT', path: '/clinic-shared/sets:two', as: ADMIN, body: { table: 'sets' } })).status).toBe(201);
    expect(existsSync(marker)).toBe(false);
    // An admin-made posture-owner document that differs: the owner may put the exact rule back (the app's repair), nothing else.
    await go({ method: 'DELETE', path: `/clinic-shared/_design/boom?rev=${(put.json as { rev: string }).rev}`, as: ADMIN });
    const odd = await go({ method: 'PUT', path: '/clinic-shared/_design/posture-owner', as: ADMIN, body: { validate_doc_update: 'function () { throw({forbidden: "old rule"}); }' } });
    expect((await go({ method: 'PUT', path: '/clinic-shared/sets:four', as: ALICE, body: { table: 'sets' } })).status).toBe(403);
    const repair = await go({ method: 'PUT', path: '/clinic-shared/_design/posture-owner', as: ALICE, body: { _rev: (odd.json as { rev: string }).rev, validate_doc_update: VALIDATE_OWNER_ONLY } });
    expect(repair.status, repair.text).toBe(201);
    expect((await go({ method: 'PUT', path: '/clinic-shared/sets:four', as: ALICE, body: { table: 'sets' } })).status).toBe(201);
    // A member of a database that is not theirs, named only in members: reads, never writes.
    expect((await go({ path: '/clinic-shared/sets:four', as: LEE })).status).toBe(200);
    expect((await go({ method: 'PUT', path: '/clinic-shared/sets:five', as: LEE, body: {} })).status).toBe(403);
    await go({ method: 'DELETE', path: '/clinic-shared', as: ADMIN });
    expect(existsSync(marker)).toBe(false);
    await intact();
  });

  it('5. no write around the owner-only rule: COPY, attachments (multipart, PUT, inline), _index, _find, _purge', async () => {
    const rev = await revOf(A, 'sets:abc');
    const multipart = (boundary: string) =>
      [`--${boundary}`, 'Content-Disposition: form-data; name="_rev"', '', rev, `--${boundary}`, 'Content-Disposition: form-data; name="_attachments"; filename="x.txt"', 'Content-Type: text/plain', '', 'hello', `--${boundary}--`, ''].join('\r\n');
    for (const who of [LEE, ALICE]) {
      const attempts: Send[] = [
        { method: 'COPY', path: `/${A}/sets:abc`, headers: { destination: 'sets:copied' } },
        { method: 'COPY', path: `/${A}/sets:abc` },
        { method: 'POST', path: `/${A}/sets:abc`, headers: { 'content-type': 'multipart/form-data; boundary=XyZ' }, body: multipart('XyZ') },
        { method: 'POST', path: `/${A}/sets%3Aabc`, headers: { 'content-type': 'multipart/form-data; boundary=XyZ' }, body: multipart('XyZ') },
        { method: 'PUT', path: `/${A}/sets:abc/x.txt?rev=${rev}`, headers: { 'content-type': 'text/plain' }, body: 'hello' },
        { method: 'PUT', path: `/${A}/sets:abc%2Fx.txt?rev=${rev}`, headers: { 'content-type': 'text/plain' }, body: 'hello' },
        { method: 'PUT', path: `/${A}/sets:abc`, headers: { 'content-type': 'multipart/related; boundary=XyZ' }, body: multipart('XyZ') },
        { method: 'PUT', path: `/${A}/sets:abc`, body: { _rev: rev, table: 'sets', _attachments: { 'x.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } } } },
        { method: 'POST', path: `/${A}/_index`, body: { index: { fields: ['table'] } } },
        { method: 'POST', path: `/${A}/_find`, body: { selector: { table: 'sets' } } },
        { method: 'POST', path: `/${A}/_explain`, body: { selector: {} } },
        { method: 'POST', path: `/${A}/_purge`, body: { 'sets:abc': [rev] } },
        { method: 'POST', path: `/${A}/_compact` },
        { method: 'POST', path: `/${A}/_ensure_full_commit` },
        { method: 'PUT', path: `/${A}/_revs_limit`, body: '1' },
      ];
      for (const a of attempts) {
        const r = await go({ ...a, as: who });
        expect(isRefusal(r), `${who.name} ${a.method} ${a.path} ${r.status} ${r.text}`).toBe(true);
      }
      const inline = await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: who, body: { docs: [{ _id: 'sets:att', _attachments: { 'x.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } } }] } });
      expect(refusedDocs(inline)).toBe(1);
    }
    await intact();
  });

  it('6. PUT /_session (and every other odd method on it) kills nothing', async () => {
    for (const method of ['PUT', 'PATCH', 'COPY', 'OPTIONS', 'TRACE', 'HEAD', 'GET', 'DELETE', 'POST']) {
      for (const as of [null, LEE, ALICE, ADMIN]) {
        const r = await go({ method, path: '/_session', as, headers: { 'content-type': 'application/json' }, body: method === 'GET' || method === 'HEAD' || method === 'TRACE' ? undefined : '{}' });
        expect(r.status, `${as?.name ?? 'anonymous'} ${method}`).toBeGreaterThanOrEqual(200);
        expect(r.status, `${as?.name ?? 'anonymous'} ${method}`).toBeLessThan(500);
      }
      for (const path of ['/_session/', '/%5Fsession', '/_session/x', '/_session?basic=true', '/_session?next=/_config']) {
        const r = await go({ method, path, headers: { 'content-type': 'application/json' }, body: method === 'GET' || method === 'HEAD' || method === 'TRACE' ? undefined : '{}' });
        expect(r.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
    expect((await go({ method: 'PUT', path: '/_session', body: '{}' })).status).toBe(401);
    expect((await go({ method: 'PUT', path: '/_session', as: ADMIN, body: '{}' })).status).toBe(400);
    await intact();
  });

  it('7. latest=true with a revision the server does not have (found by the fuzz: it ended the process) answers, for everyone', async () => {
    const real = await revOf(A, 'sets:abc');
    for (const who of [LEE, ALICE, ADMIN]) {
      for (const path of [`/${A}/sets:abc?rev=1-abc&latest=true`, `/${A}/sets:abc?open_revs=${encodeURIComponent('["1-abc","2-def"]')}&latest=true&revs=true`, `/${A}/_design/posture-owner?rev=1-abc&latest=true`, `/${A}/nosuchdoc?rev=1-abc&latest=true`]) {
        const r = await go({ path, as: who });
        expect(r.status, `${who.name} ${path} ${r.text}`).toBeLessThan(500);
      }
      const bulk = await go({ method: 'POST', path: `/${A}/_bulk_get?revs=true&latest=true`, as: who, body: { docs: [{ id: 'sets:abc', rev: '1-abc' }, { id: 'sets:abc', rev: real }, { id: 'nosuchdoc', rev: '1-abc' }] } });
      expect(bulk.status, bulk.text).toBe(200);
      expect(s.alive(), s.output()).toBe(true);
    }
    // With revisions that exist, latest still works as PouchDB 9 uses it.
    const ok = await go({ method: 'POST', path: `/${A}/_bulk_get?revs=true&latest=true`, as: LEE, body: { docs: [{ id: 'sets:abc', rev: real }] } });
    expect((ok.json as { results: { docs: { ok?: { _rev: string } }[] }[] }).results[0].docs[0].ok?._rev).toBe(real);
    await intact();
  });

  // Every category the allow-list leaves out, from each kind of user.
  const refusedRequests: (Send & { anonymous?: number })[] = [
    { path: '/_config' },
    { path: '/_config/admins' },
    { method: 'PUT', path: '/_config/admins/mallory', body: '"pw"' },
    { method: 'DELETE', path: '/_config/admins/admin' },
    { path: '/_node/_local/_config' },
    { path: '/_node/nonode@nohost/_config' },
    { path: '/_all_dbs' },
    { path: '/_users' },
    { path: '/_users/_all_docs' },
    { path: '/_users/org.couchdb.user:alice' },
    { method: 'PUT', path: '/_users/org.couchdb.user:mallory', body: { name: 'mallory', password: 'x', roles: ['_admin'], type: 'user' } },
    { method: 'POST', path: '/_users', body: { _id: 'org.couchdb.user:mallory', name: 'mallory', password: 'x', roles: [], type: 'user' } },
    { method: 'PUT', path: '/_users' },
    { path: '/_replicator' },
    { method: 'POST', path: '/_replicator', body: { source: 'a', target: 'b' } },
    { path: '/_utils' },
    { path: '/_utils/' },
    { path: '/_utils/index.html' },
    { method: 'POST', path: '/_replicate', body: { source: `http://127.0.0.1/${A}`, target: 'stolen', create_target: true } },
    { path: '/_active_tasks' },
    { path: '/_db_updates' },
    { path: '/_uuids' },
    { path: '/_stats' },
    { method: 'POST', path: '/_restart' },
    { path: '/_up' },
    { path: '/_membership' },
    { path: '/_cluster_setup' },
    { path: '/_scheduler/jobs' },
    { path: '/_scheduler/docs' },
    { path: '/_log' },
    { path: '/_global_changes' },
    { path: '/_dbs_info' },
    { method: 'POST', path: '/_dbs_info', body: { keys: [A] } },
    { method: 'PUT', path: '/newdb' },
    { method: 'PUT', path: '/userdb-6d616c6c6f7279' },
    { method: 'DELETE', path: `/${A}` },
    { method: 'DELETE', path: `/${B}` },
    { method: 'POST', path: `/${A}`, body: { _id: 'sets:posted', table: 'sets' } },
    { method: 'PATCH', path: `/${A}/sets:abc`, body: {} },
    { method: 'OPTIONS', path: `/${A}` },
    { method: 'OPTIONS', path: '/' },
    { method: 'TRACE', path: `/${A}` },
    { method: 'PROPFIND', path: `/${A}` },
    { path: `/${A}/_design_docs` },
    { path: `/${A}/_local_docs` },
    { method: 'POST', path: `/${A}/_missing_revs`, body: {} },
    { method: 'POST', path: `/${A}/_temp_view`, body: { map: 'function(d){emit(d._id)}' } },
    { path: `/${A}/_design/posture-owner/_view/v` },
    { path: `/${A}/_design/posture-owner/_show/s/sets:abc` },
    { path: `/${A}/_design/posture-owner/_list/l/v` },
    { method: 'PUT', path: `/${A}/_design/posture-owner/_update/u/sets:abc`, body: {} },
    { path: `/${A}/_design/posture-owner/_rewrite/` },
    { path: `/${A}/_design/posture-owner/_info` },
    { path: `/${A}/_design/posture-owner/attachment.txt` },
    { path: `/${A}/_design/other` },
    { path: `/${A}/_view_cleanup` },
    { method: 'POST', path: `/${A}/_view_cleanup` },
    { path: `/${A}/_revs_limit` },
    { path: `/${A}/_purged_infos_limit` },
    { path: `/${A}/_shards` },
    { path: `/${A}/_sync_shards` },
    { path: `/${A}/_index` },
    { path: `/${A}/_changes?filter=_view&view=posture-owner/v` },
    { path: `/${A}/_changes?filter=_doc_ids` },
    { path: `/${A}/_changes?filter=posture-owner/f` },
    { path: `/${A}/_changes?feed=continuous` },
    { path: `/${A}/_changes?feed=eventsource` },
    { path: `/${A}/_changes?heartbeat=1` },
    { path: `/${A}/_changes?attachments=true&include_docs=true` },
    { method: 'POST', path: `/${A}/_changes`, body: { doc_ids: ['sets:abc'] } },
    { method: 'POST', path: `/${A}/_all_docs`, body: { keys: ['_local/_security'] } },
    { method: 'POST', path: `/${A}/_all_docs`, body: { keys: ['sets:abc'], include_docs: true } },
    { method: 'POST', path: `/${A}/_all_docs?keys=%5B%5D`, body: { keys: ['sets:abc'] } },
    { path: `/${A}/_all_docs?callback=steal` },
    { path: `/${A}/_all_docs?attachments=true` },
    { path: `/${A}/_all_docs?foo=bar` },
    { path: `/${A}/_all_docs?include_docs=yes` },
    { path: `/${A}/_all_docs?limit=-1` },
    { path: `/${A}/_all_docs?include_docs=true&include_docs=true`, anonymous: 400 },
    { path: `/${A}/_all_docs?include_docs`, anonymous: 400 },
    { path: `/${A}/_all_docs?startkey=%22a%22&start_key=%22b%22` },
    { path: `/${A}/sets:abc?attachments=true` },
    { path: `/${A}/sets:abc?local_seq=true` },
    { path: `/${A}/sets:abc?rev=garbage` },
    { path: `/${A}/sets:abc?open_revs=%5B%22x%22%5D` },
    { path: `/${A}/sets:abc/attachment` },
    { method: 'DELETE', path: `/${A}/sets:abc` },
    { path: '/%5Fconfig' },
    { path: '/%5fall_dbs' },
    { path: '/_CONFIG' },
    { path: '/_config/' },
    { path: `/${A.toUpperCase()}` },
    { path: `/${A}/%5Fdesign/other` },
    { path: `/${A}/_design%2Fother` },
    { path: `/${A}/_design%2Fposture-owner%2F_view%2Fv` },
    { path: `//_config`, anonymous: 400 },
    { path: `/${A}//_all_docs`, anonymous: 400 },
    { path: `/${A}/%2e%2e/_config`, anonymous: 400 },
    { path: `/${A}/..`, anonymous: 400 },
    { path: `/${A}/./_all_docs`, anonymous: 400 },
    { path: `/${A}/_all_docs%00`, anonymous: 400 },
    { path: `/${A}/sets%3Aabc%5C..%5C_config`, anonymous: 400 },
    { path: `/${A}/%E0%A4%A`, anonymous: 400 },
    { path: `/${A}/%ZZ`, anonymous: 400 },
    { path: `/${A}/_all_docs?=x`, anonymous: 400 },
    { path: `/${A}/_all_docs?%ZZ=1`, anonymous: 400 },
    { path: `/${A}/_all_docs?include_docs=true&_method=DELETE` },
    { method: 'POST', path: `/${A}/sets:abc`, headers: { 'x-http-method-override': 'DELETE' } },
    { method: 'POST', path: `/${A}/_bulk_docs`, headers: { 'x-http-method-override': 'PUT' }, body: { docs: [] } },
    { method: 'GET', path: `/${A}/_all_docs`, headers: { 'x-method-override': 'DELETE' } },
    { method: 'GET', path: `/${A}/_all_docs`, body: { keys: ['_local/_security'] } },
  ];

  for (const who of [null, LEE, BOB, ALICE] as const) {
    it(`refuses every left-out request from ${who?.name ?? 'anonymous'}`, async () => {
      for (const rq of refusedRequests) {
        const r = await go({ ...rq, as: who });
        const what = `${rq.method ?? 'GET'} ${rq.path} ${JSON.stringify(rq.headers ?? {})} → ${r.status} ${r.text}`;
        if (who === null) expect(r.status, what).toBe(rq.anonymous ?? 401);
        else expect([400, 403, 405, 413, 415], what).toContain(r.status);
        if (rq.method !== 'HEAD') expect(typeof (r.json as { error?: unknown })?.error, what).toBe('string');
      }
      await intact();
    });
  }

  it('keeps the owner in: no lock-out through _security, names only, no roles, strictly checked', async () => {
    const good = { admins: { names: ['alice'], roles: [] }, members: { names: ['alice', 'dr-lee'], roles: [] } };
    const bad: unknown[] = [
      { admins: { names: 'alice', roles: [] }, members: { names: 'alice,dr-lee', roles: [] } },
      { admins: { names: ['alice'], roles: [] }, members: { names: 'dr-lee', roles: [] } },
      { admins: { names: ['dr-lee'], roles: [] }, members: { names: ['dr-lee'], roles: [] } },
      { admins: { names: ['alice'], roles: [] }, members: { names: ['dr-lee'], roles: [] } },
      { admins: { names: [], roles: [] }, members: { names: ['alice'], roles: [] } },
      { admins: { names: ['alice'], roles: ['_admin'] }, members: { names: ['alice'], roles: [] } },
      { admins: { names: ['alice'], roles: [] }, members: { names: ['alice'], roles: ['everyone'] } },
      { admins: { names: ['alice'], roles: [] } },
      { ...good, couchdb_auth_only: true },
      { ...good, __proto__: { admins: { names: ['dr-lee'] } } },
      { admins: { names: ['alice', 7], roles: [] }, members: { names: ['alice'], roles: [] } },
      { admins: { names: ['alice', ''], roles: [] }, members: { names: ['alice'], roles: [] } },
      { admins: { names: ['alice', 'x\u0000'], roles: [] }, members: { names: ['alice'], roles: [] } },
      { admins: { names: ['alice', ...Array.from({ length: 100 }, (_, i) => `n${i}`)], roles: [] }, members: { names: ['alice'], roles: [] } },
      { admins: { names: ['alice', 'y'.repeat(300)], roles: [] }, members: { names: ['alice'], roles: [] } },
      [],
      'alice',
      null,
    ];
    for (const body of bad) {
      const raw = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.getPrototypeOf(body) !== Object.prototype ? `{"admins":${JSON.stringify(good.admins)},"members":${JSON.stringify(good.members)},"__proto__":{"x":1}}` : JSON.stringify(body);
      const r = await go({ method: 'PUT', path: `/${A}/_security`, as: ALICE, body: raw });
      expect([400, 403], `${raw} → ${r.status} ${r.text}`).toContain(r.status);
    }
    const proto = await go({ method: 'PUT', path: `/${A}/_security`, as: ALICE, body: `{"admins":{"names":["alice"],"roles":[]},"members":{"names":["alice","dr-lee"],"roles":[]},"__proto__":{"admins":{"names":["dr-lee"]}}}` });
    expect(proto.status).toBe(400);
    for (const who of [LEE, BOB]) expect((await go({ method: 'PUT', path: `/${A}/_security`, as: who, body: good })).status).toBe(403);
    expect((await go({ method: 'PUT', path: `/${A}/_security`, as: ALICE, body: 'x'.repeat(70 * 1024) })).status).toBe(413);
    expect((await go({ method: 'PUT', path: `/${A}/_security`, as: ALICE, headers: { 'content-type': 'text/plain' }, body: JSON.stringify(good) })).status).toBe(415);
    // A stored security object with names as a string (only an admin could write one) grants nobody anything.
    expect((await go({ method: 'PUT', path: '/substring-check', as: ADMIN })).status).toBe(201);
    await go({ method: 'PUT', path: '/substring-check/_security', as: ADMIN, body: { admins: { names: 'xalice-and-dr-lee', roles: [] }, members: { names: 'bob dr-lee alice', roles: [] } } });
    for (const who of [ALICE, LEE, BOB]) expect((await go({ path: '/substring-check/_all_docs', as: who })).status).toBe(403);
    await go({ method: 'DELETE', path: '/substring-check', as: ADMIN });
    await intact();
  });

  it('keeps people apart: nobody reads a database they are not named in, and a missing one looks the same', async () => {
    const pairs: [Who, string][] = [
      [BOB, A],
      [LEE, B],
      [BOB, L],
      [ALICE, B],
      [ALICE, L],
      [LEE, 'userdb-6d616c6c6f7279'],
      [BOB, 'nosuchdb'],
    ];
    for (const [who, db] of pairs) {
      for (const path of [`/${db}`, `/${db}/`, `/${db}/_all_docs?include_docs=true`, `/${db}/_changes?include_docs=true`, `/${db}/sets:abc`, `/${db}/_design/posture-owner`, `/${db}/_security`, `/${db}/_local/GgyRfZohWgm1b5KKuLPtgw==`]) {
        const r = await go({ path, as: who });
        expect(r.status, `${who.name} ${path}`).toBe(403);
        expect(r.json).toEqual({ error: 'forbidden', reason: 'You are not allowed to access this db.' });
      }
      const bulkGet = await go({ method: 'POST', path: `/${db}/_bulk_get`, as: who, body: { docs: [{ id: 'sets:abc' }] } });
      expect(bulkGet.status).toBe(403);
      const write = await go({ method: 'POST', path: `/${db}/_bulk_docs`, as: who, body: { docs: [{ _id: 'sets:x' }] } });
      expect(write.status).toBe(403);
    }
    await intact();
  });

  it('takes no malformed credentials, and no forged or foreign session cookie', async () => {
    const forged = Buffer.from(`admin:${Math.floor(Date.now() / 1000).toString(16).toUpperCase()}:${'x'.repeat(20)}`).toString('base64url');
    const cases: [Record<string, string>, number][] = [
      [{ authorization: 'Basic' }, 400],
      [{ authorization: 'Basic !!!!' }, 400],
      [{ authorization: 'Bearer abc' }, 400],
      [{ authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` }, 400],
      [{ authorization: `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x41]).toString('base64')}` }, 400],
      [{ authorization: `Basic ${Buffer.from(`${'a'.repeat(2000)}:b`).toString('base64')}` }, 400],
      [{ authorization: `Basic ${Buffer.from(':alice-pw-1').toString('base64')}` }, 400],
      [{ authorization: `Basic ${Buffer.from('alice:wrong').toString('base64')}` }, 401],
      [{ authorization: `Basic ${Buffer.from('mallory:x').toString('base64')}` }, 401],
      [{ authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` }, 401],
      [{ authorization: `basic ${Buffer.from('alice:wrong').toString('base64')}` }, 401],
      [{ cookie: 'AuthSession=' }, 400],
      [{ cookie: 'AuthSession=!!!!!!!!!!' }, 400],
      [{ cookie: 'AuthSession=abcdefgh; AuthSession=ijklmnop' }, 400],
      [{ cookie: `AuthSession=${Buffer.from('garbage-without-colons').toString('base64url')}` }, 400],
      [{ cookie: `AuthSession=${'A'.repeat(9000)}` }, 400],
      [{ cookie: `AuthSession=${forged}` }, 401],
      [{ cookie: `other=1; AuthSession=${forged}; x=y` }, 401],
      [{ cookie: 'theme=dark; other=AuthSession' }, 401],
    ];
    for (const [headers, status] of cases) {
      for (const path of ['/', `/${A}/_all_docs`, '/_session']) {
        const r = await go({ path, headers });
        expect(r.status, `${JSON.stringify(headers).slice(0, 80)} ${path}`).toBe(status);
      }
    }
    // Log-in itself never takes credentials from headers, and takes no next redirect.
    expect((await go({ method: 'POST', path: '/_session?next=http://evil.example/', body: { name: ALICE.name, password: ALICE.password } })).status).toBe(400);
    expect((await go({ method: 'POST', path: '/_session?next=/_config', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `name=alice&password=${ALICE.password}` })).status).toBe(400);
    expect((await go({ method: 'POST', path: '/_session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `name=alice&password=${ALICE.password}&next=/_config` })).status).toBe(400);
    for (const body of ['', '{}', '[]', 'null', '"alice"', '{"name":"alice"}', '{"name":["alice"],"password":"x"}', '{"name":"alice","password":"x","roles":["_admin"]}', `{"name":"alice","password":"${'p'.repeat(2000)}"}`, '{"__proto__":{"name":"admin"},"name":"alice","password":"x"}', '{bad json']) {
      const r = await go({ method: 'POST', path: '/_session', body });
      expect(r.status, body).toBe(400);
    }
    expect((await go({ method: 'POST', path: '/_session', body: 'x'.repeat(70 * 1024) })).status).toBe(413);
    expect((await go({ method: 'POST', path: '/_session', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    await intact();
  });

  it('takes no odd bodies: non-objects, prototype keys, deep nesting, invalid UTF-8, huge or chunked', async () => {
    const routes: [string, string][] = [
      ['POST', `/${A}/_bulk_docs`],
      ['POST', `/${A}/_bulk_get`],
      ['POST', `/${A}/_revs_diff`],
      ['PUT', `/${A}/sets%3Anew`],
      ['PUT', `/${A}/_design/posture-owner`],
      ['PUT', `/${A}/_local/GgyRfZohWgm1b5KKuLPtgw%3D%3D`],
      ['PUT', `/${A}/_security`],
    ];
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepObj = `{"docs":[{"_id":"sets:deep","record":${'{"a":'.repeat(70)}1${'}'.repeat(70)}}]}`;
    for (const [method, path] of routes) {
      for (const body of ['[]', '"x"', '1', 'null', 'true', '', '{', deep, deepObj, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])]) {
        const r = await go({ method, path, as: ALICE, body });
        expect(r.status, `${method} ${path} ${String(body).slice(0, 30)} ${r.text}`).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }
    }
    // __proto__ anywhere: refused; `constructor` and friends are just data (or ids) and harm nothing.
    const protoBulk = '{"docs":[{"_id":"sets:p1","__proto__":{"_attachments":{"x":{"content_type":"text/plain","data":"aGk="}},"_deleted":true}}]}';
    expect((await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: ALICE, body: protoBulk })).status).toBe(400);
    expect((await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: ALICE, body: '{"docs":[{"_id":"sets:p2","record":{"__proto__":{"polluted":1}}}]}' })).status).toBe(400);
    expect((await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: ALICE, body: '{"docs":[],"__proto__":{"new_edits":false}}' })).status).toBe(400);
    expect((await go({ method: 'POST', path: `/${A}/_revs_diff`, as: ALICE, body: '{"__proto__":["1-abc"]}' })).status).toBe(400);
    const diff = await go({ method: 'POST', path: `/${A}/_revs_diff`, as: LEE, body: { constructor: ['1-abc'], hasOwnProperty: ['1-abc'], toString: ['1-abc'] } });
    expect(diff.status, diff.text).toBe(200);
    expect(Object.keys(diff.json as object).sort()).toEqual(['constructor', 'hasOwnProperty', 'toString']);
    const getOdd = await go({ method: 'POST', path: `/${A}/_bulk_get`, as: LEE, body: { docs: [{ id: 'constructor' }, { id: 'hasOwnProperty' }] } });
    expect(getOdd.status).toBe(200);
    // Special members, local and design ids in bulk: refused one by one, the rest written.
    const mixed = await go({
      method: 'POST',
      path: `/${A}/_bulk_docs`,
      as: ALICE,
      body: {
        docs: [
          { _id: 'sets:odd1', _conflicts: ['1-abc'] },
          { _id: 'sets:odd2', _revs_info: [] },
          { _id: 'sets:odd3', _rev: 'not-a-rev' },
          { _id: 'sets:odd4', _deleted: 'yes' },
          { _id: '_local/x' },
          { _id: '_design/x' },
          { _id: '_users' },
          { _id: '_design/posture-owner', validate_doc_update: VALIDATE_OWNER_ONLY, views: {} },
          { _id: '_design/posture-owner', validate_doc_update: VALIDATE_OWNER_ONLY, language: 'erlang' },
        ],
      },
    });
    expect(mixed.status).toBe(201);
    expect(refusedDocs(mixed)).toBe(9);
    for (const body of [{ docs: 'x' }, { docs: [1] }, { docs: [{ id: 'x' }] }, { docs: [{ _id: 5 }] }, { docs: [], new_edits: 'false' }, { docs: [], all_or_nothing: true }]) {
      expect((await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: ALICE, body })).status, JSON.stringify(body)).toBe(400);
    }
    // Too big: refused by its declared length, and when chunked with no length.
    const huge = Buffer.alloc(17 * 1024 * 1024, 0x20);
    const big = await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: ALICE, body: huge });
    expect([0, 413]).toContain(big.status);
    const chunked = await go({ method: 'POST', path: `/${A}/_bulk_docs`, as: ALICE, headers: { 'transfer-encoding': 'chunked' }, body: huge });
    expect([0, 413]).toContain(chunked.status);
    const badLength = await go({ method: 'POST', path: `/${A}/_revs_diff`, as: ALICE, headers: { 'content-encoding': 'gzip' }, body: '{}' });
    expect(badLength.status).toBe(415);
    await intact();
  });

  it('takes no attempt to create accounts or databases', async () => {
    for (const who of [null, LEE, BOB, ALICE]) {
      for (const rq of [
        { method: 'PUT', path: '/_users/org.couchdb.user:mallory', body: { name: 'mallory', password: 'x', roles: [], type: 'user' } },
        { method: 'PUT', path: '/_users/org.couchdb.user%3Amallory', body: { name: 'mallory', password: 'x', roles: [], type: 'user' } },
        { method: 'POST', path: '/_users/_bulk_docs', body: { docs: [{ _id: 'org.couchdb.user:mallory', name: 'mallory', password: 'x', roles: ['_admin'], type: 'user' }] } },
        { method: 'PUT', path: '/userdb-6d616c6c6f7279' },
        { method: 'PUT', path: '/mallory' },
        { method: 'PUT', path: '/_replicator' },
        { method: 'PUT', path: '/_global_changes' },
      ] as Send[]) {
        const r = await go({ ...rq, as: who });
        expect(r.status, `${who?.name} ${rq.method} ${rq.path}`).toBe(who ? 403 : 401);
      }
    }
    expect((await go({ method: 'POST', path: '/_session', body: { name: 'mallory', password: 'x' } })).status).toBe(401);
    await intact();
  });

  it('is alive and unchanged at the end, and the CLI said what it is', async () => {
    expect(s.output()).toMatch(/in memory only/);
    expect(s.output()).toMatch(/development and tests, not for real records/);
    await intact();
    expect(basic(ALICE)).toMatch(/^Basic /);
  });
});
