// A bounded, seeded request fuzz against `npm run sync-server` (the CLI child process on a free
// loopback port): random methods, paths assembled from pieces of real CouchDB endpoints with
// encodings and junk, random query strings, headers and bodies (invalid JSON too), from each
// role in turn: anonymous, dr-lee (member of alice's database), bob (another person), alice
// (the owner). Afterwards the server still answers, the process lives, no answer was a 5xx,
// and every person's documents and security objects are as before, except that a person's own
// fuzz may have added documents with brand-new ids to their own database. No account, database
// or server admin appeared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from '../../tests/figures';
import { VALIDATE_OWNER_ONLY } from '../../lib/sync/remote';
import { ADMIN, ALICE, BOB, LEE, accounts, basic, dbOf, seedAlice, seedBob, send, snapshotDb, startCli, type CliServer, type Reply, type Send, type Who } from './testkit';

// Another seed or more requests: SYNC_FUZZ_SEED=7 SYNC_FUZZ_REQUESTS=20000 npx vitest run tools/sync-server/fuzz.test.ts
const PER_ROLE = Number(process.env.SYNC_FUZZ_REQUESTS ?? 2000);
const CONCURRENCY = 8;
const SEED = Number(process.env.SYNC_FUZZ_SEED ?? 0x5eed_2026);

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const A = dbOf(ALICE);
const B = dbOf(BOB);
const L = dbOf(LEE);
const DBS = [A, A, A, B, L, 'userdb-6d616c6c6f7279', 'nosuchdb', '_users', '_replicator', '_global_changes', A.toUpperCase(), `${A}x`, 'userdb-', 'a', 'Z'];
const SERVER_PARTS = ['_config', '_all_dbs', '_session', '_node', '_node/_local/_config', '_utils', '_replicate', '_active_tasks', '_db_updates', '_uuids', '_stats', '_restart', '_up', '_membership', '_cluster_setup', '_scheduler', '_log', '_dbs_info', 'favicon.ico'];
const DB_PARTS = [
  '_all_docs',
  '_all_docs',
  '_changes',
  '_changes',
  '_bulk_docs',
  '_bulk_docs',
  '_bulk_get',
  '_revs_diff',
  '_security',
  '_security',
  '_design/posture-owner',
  '_design/posture-owner',
  '_design',
  'posture-owner',
  '_design/other',
  '_local',
  '_local/_security',
  '_local/compaction',
  '_local/GgyRfZohWgm1b5KKuLPtgw==',
  '_view',
  '_rewrite',
  '_show',
  '_list',
  '_update',
  '_info',
  '_find',
  '_index',
  '_explain',
  '_purge',
  '_compact',
  '_view_cleanup',
  '_ensure_full_commit',
  '_revs_limit',
  '_design_docs',
  '_local_docs',
  '_missing_revs',
  '_temp_view',
  'sets:abc',
  'sets:abc',
  'sets:def',
  'sets:new',
  'settings:cues.muted',
  'att.txt',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
];
const JUNK_SEGMENTS = ['..', '.', '', '%2e%2e', '%2E%2E', '%2F', '%2f', '%00', '%ZZ', '%', '%5C', '%5F', '%5Fconfig', '%5Fdesign', '%252e', '~', '!', '$', "'", '(', ')', '*', '+', ',', ';', '=', '@', ':', '%C3%A9', '%E0%A4%A', '%FF', 'é', '\u00ff'];
const QUERY_NAMES = ['include_docs', 'conflicts', 'descending', 'inclusive_end', 'update_seq', 'limit', 'skip', 'key', 'keys', 'startkey', 'endkey', 'start_key', 'end_key', 'since', 'feed', 'heartbeat', 'timeout', 'style', 'seq_interval', 'filter', 'view', 'rev', 'revs', 'open_revs', 'latest', 'revs_info', 'deleted_conflicts', 'attachments', 'att_encoding_info', 'atts_since', 'local_seq', 'meta', 'callback', 'next', '_method', '_nonce', 'batch', 'new_edits', 'doc_ids', 'selector', 'stale', 'reduce', 'group', '__proto__', 'constructor', 'x'];
const QUERY_VALUES = ['true', 'false', '0', '1', '-1', '10', '250', '99999999999', 'all', 'normal', 'longpoll', 'continuous', 'eventsource', 'now', 'main_only', 'all_docs', '_view', '_doc_ids', '_design', '"sets:"', '"sets:\uffff"', '"_local/_security"', '["_local/_security"]', '["sets:abc"]', '["1-abc"]', '1-abc', '1-9f86b038ff8fd22a40439d3b00e18ade', 'posture-owner/v', '../../_config', '/_config', 'http://evil.example/', '%ZZ', '%00', '', 'x', '{}', '[]', 'null', '"', "'", '<script>'];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'PUT', 'PUT', 'DELETE', 'DELETE', 'HEAD', 'COPY', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'MOVE', 'LOCK', 'PURGE', 'SEARCH', 'BREW'];

function encodeVariant(rng: Rng, seg: string): string {
  switch (rng.int(6)) {
    case 0:
      return encodeURIComponent(seg);
    case 1:
      return seg.replace(/[_/.:]/g, (c) => (rng.chance(0.5) ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : c));
    case 2:
      return rng.chance(0.5) ? seg.toUpperCase() : seg;
    case 3:
      return encodeURIComponent(encodeURIComponent(seg));
    default:
      return seg.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  }
}

function randomPath(rng: Rng, own: string): string {
  const segs: string[] = [];
  const kind = rng.int(10);
  if (kind === 0) segs.push(...rng.pick(SERVER_PARTS).split('/'));
  else if (kind !== 1) segs.push(rng.chance(0.5) ? own : rng.pick(DBS));
  const more = rng.int(4);
  for (let i = 0; i < more; i++) segs.push(rng.chance(0.8) ? rng.pick(DB_PARTS) : rng.pick(JUNK_SEGMENTS));
  if (rng.chance(0.1)) segs.push(rng.pick(JUNK_SEGMENTS));
  let path = `/${segs.map((s) => (rng.chance(0.3) ? encodeVariant(rng, s) : s.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c)))).join('/')}`;
  if (rng.chance(0.05)) path = path.replace('/', '//');
  if (rng.chance(0.05)) path += '/';
  if (rng.chance(0.5)) {
    const n = 1 + rng.int(4);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const name = rng.pick(QUERY_NAMES);
      const value = rng.pick(QUERY_VALUES);
      parts.push(rng.chance(0.1) ? name : `${name}=${rng.chance(0.7) ? encodeURIComponent(value) : value.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c)).replace(/[ #]/g, '')}`);
    }
    path += `?${parts.join('&')}`;
  }
  return path;
}

function randomId(rng: Rng): string {
  return rng.pick(['sets:abc', 'sets:def', 'sets:ghi', 'sets:bob-1', '_design/posture-owner', '_design/evil', '_local/_security', '_local/x', '_users', '__proto__', 'constructor', '', `sets:fuzz-${rng.int(1e9)}`, `sets:fuzz-${rng.int(1e9)}`, `checkIns:fuzz-${rng.int(1e9)}`]);
}

const freshId = (rng: Rng) => `${rng.pick(['sets', 'sessions', 'checkIns', 'settings', 'programme', 'snapshots'])}:fuzz-${rng.int(1e12)}`;

/** A document; `fresh`: only brand-new ids (what a write with new_edits=false may name in the fuzzer's own database). */
function randomDoc(rng: Rng, fresh = false): Record<string, unknown> {
  const doc: Record<string, unknown> = { _id: fresh ? rng.pick([freshId(rng), freshId(rng), '_local/_security', '_design/evil', '_local/x']) : randomId(rng) };
  if (rng.chance(0.3)) doc._rev = rng.pick(['1-abc', '2-9f86b038ff8fd22a40439d3b00e18ade', 'x', '99-ffff']);
  if (rng.chance(0.1)) doc._deleted = rng.pick([true, 'yes', 1]);
  if (rng.chance(0.1)) doc._attachments = { 'x.txt': { content_type: 'text/plain', data: 'aGk=' } };
  if (rng.chance(0.1)) doc._revisions = { start: rng.int(5), ids: ['abc'] };
  if (rng.chance(0.05)) doc._conflicts = ['1-abc'];
  if (rng.chance(0.1)) doc.validate_doc_update = rng.pick([VALIDATE_OWNER_ONLY, 'function () {}', "function () { require('fs') }"]);
  if (rng.chance(0.05)) doc.rewrites = [{ from: 'x', to: '../../_config' }];
  doc.table = rng.pick(['sets', 'checkIns', 'settings', 7]);
  doc.record = rng.chance(0.5) ? { id: rng.int(1000), note: 'fuzz' } : null;
  doc.editedAtMs = rng.int(1e12);
  doc.device = 'fuzz';
  return doc;
}

function randomBody(rng: Rng, owner: Who | null): string | Buffer | undefined {
  switch (rng.int(14)) {
    case 0:
    case 1:
      return undefined;
    case 2: {
      const newEdits = rng.chance(0.3) ? rng.pick([false, true, 'false']) : undefined;
      return JSON.stringify({ docs: Array.from({ length: rng.int(4) }, () => randomDoc(rng, newEdits === false)), ...(newEdits === undefined ? {} : { new_edits: newEdits }) });
    }
    case 3:
      return JSON.stringify(randomDoc(rng));
    case 4:
      return JSON.stringify({ docs: Array.from({ length: rng.int(3) }, () => ({ id: randomId(rng), ...(rng.chance(0.5) ? { rev: '1-abc' } : {}) })) });
    case 5:
      return JSON.stringify({ [randomId(rng)]: ['1-abc'], [randomId(rng)]: 'x' });
    case 6:
      return JSON.stringify(securityBody(rng, owner));
    case 7:
      return JSON.stringify({ name: rng.pick(['alice', 'admin', 'bob', 'mallory']), password: rng.pick(['x', ALICE.password, '']) });
    case 8:
      return rng.pick(['{', '[', '{"docs":', 'null', 'true', '"x"', '1e999', '{"a":1,}', '\u0000', '{"__proto__":{"x":1}}', '{"docs":[{"_id":"sets:p","__proto__":{"_deleted":true}}]}']);
    case 9:
      return Buffer.from(Array.from({ length: rng.int(200) }, () => rng.int(256)));
    case 10:
      return `${'['.repeat(1000 + rng.int(5000))}${']'.repeat(rng.int(2) === 0 ? 0 : 3000)}`;
    case 11:
      return `name=${rng.pick(['alice', 'admin'])}&password=${rng.pick(['x', 'y'])}${rng.chance(0.3) ? '&next=/_config' : ''}`;
    case 12:
      return JSON.stringify({ keys: [randomId(rng), randomId(rng)] });
    default:
      return 'x'.repeat(rng.int(100_000));
  }
}

/** The security object each person's database has (the seed), written back unchanged, or a broken one. */
const SECURITY: Record<string, { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } }> = {
  alice: { admins: { names: ['alice'], roles: [] }, members: { names: ['alice', 'dr-lee'], roles: [] } },
  bob: { admins: { names: ['bob'], roles: [] }, members: { names: ['bob'], roles: [] } },
  'dr-lee': { admins: { names: ['dr-lee'], roles: [] }, members: { names: ['dr-lee'], roles: [] } },
};
function securityBody(rng: Rng, owner: Who | null): unknown {
  const own = SECURITY[owner?.name ?? 'alice'];
  const name = owner?.name ?? 'alice';
  return rng.pick([
    own,
    { ...own, admins: { names: name, roles: [] } },
    { ...own, members: { names: `${name} dr-lee`, roles: [] } },
    { ...own, admins: { names: [name], roles: ['_admin'] } },
    { ...own, members: { names: own.members.names, roles: ['x'] } },
    { admins: { names: ['dr-lee'], roles: [] }, members: { names: ['dr-lee'], roles: [] } },
    { admins: { names: [name], roles: [] }, members: { names: ['bob'], roles: [] } },
    { admins: { names: [], roles: [] }, members: { names: [name], roles: [] } },
    { ...own, extra: true },
    { admins: own.admins },
    { ...own, admins: { names: [name, 5], roles: [] } },
  ]);
}

/**
 * A request shaped like one the allow-list takes, with random ids, revisions, parameters and
 * bodies: what reaches express-pouchdb. Writes to the fuzzer's own database name new ids, or
 * existing ones without their current revision (refused as conflicts): nothing that was there
 * may change.
 */
function nearValid(rng: Rng, who: Who | null, own: string): Send {
  const db = rng.pick([own, own, A, B, L]);
  const id = () => rng.pick(['sets:abc', 'sets:def', 'sets:bob-1', '_design/posture-owner', 'constructor', 'hasOwnProperty', freshId(rng)]);
  const bool = () => rng.pick(['true', 'false']);
  const rev = () => rng.pick(['1-abc', '1-9f86b038ff8fd22a40439d3b00e18ade', '3-ffffffffffffffffffffffffffffffff', '2-0']);
  const q = (params: Record<string, () => string>) => {
    const names = Object.keys(params).filter(() => rng.chance(0.4));
    return names.length ? `?${names.map((n) => `${n}=${encodeURIComponent(params[n]())}`).join('&')}` : '';
  };
  const json = (method: string, path: string, body: unknown): Send => ({ method, path, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const choice = rng.int(17);
  const send: Send = (() => {
    switch (choice) {
      case 0:
        return { path: rng.pick(['/', `/${db}`, `/${db}/`, '/_session']) };
      case 1:
        return { path: `/${db}/_all_docs${q({ include_docs: bool, conflicts: bool, descending: bool, inclusive_end: bool, update_seq: bool, limit: () => String(rng.int(5)), skip: () => String(rng.int(5)), startkey: () => JSON.stringify(rng.pick(['sets:', '_design/', ''])), endkey: () => JSON.stringify(rng.pick(['sets:￿', '_design0', 'z'])), key: () => JSON.stringify(id()), keys: () => JSON.stringify([id(), id()]) })}` };
      case 2:
        return { path: `/${db}/_changes${q({ style: () => rng.pick(['all_docs', 'main_only']), since: () => rng.pick(['0', '1', '2', '999999']), limit: () => String(1 + rng.int(5)), include_docs: bool, conflicts: bool, descending: bool, seq_interval: () => String(1 + rng.int(5)), heartbeat: () => '1000', feed: () => rng.pick(['normal', 'normal', 'normal', 'longpoll']) })}` };
      case 3:
        return json('POST', `/${db}/_revs_diff`, { [id()]: [rev(), rev()], [id()]: [rev()] });
      case 4:
        return json('POST', `/${db}/_bulk_get${q({ revs: bool, latest: bool })}`, { docs: [{ id: id() }, { id: id(), rev: rev() }] });
      case 5:
        return json('POST', `/${db}/_all_docs${q({ include_docs: bool, conflicts: bool })}`, { keys: [id(), id()] });
      case 6:
      case 7: {
        const newEdits = rng.chance(0.3) ? false : undefined;
        const docs = Array.from({ length: 1 + rng.int(3) }, () => {
          const d = randomDoc(rng, newEdits === false || db !== own);
          if (newEdits === false) d._revisions = { start: 1, ids: ['abc'] };
          if (newEdits === false) d._rev = '1-abc';
          delete d._attachments;
          return d;
        });
        return json('POST', `/${db}/_bulk_docs`, newEdits === false ? { docs, new_edits: false } : { docs });
      }
      case 8:
        return json('PUT', `/${db}/${encodeURIComponent(rng.chance(0.5) ? freshId(rng) : id())}`, { table: 'sets', record: { id: rng.int(100) }, editedAtMs: rng.int(1e12), device: 'fuzz', ...(rng.chance(0.3) ? { _rev: rev() } : {}) });
      case 9:
        return { method: 'DELETE', path: `/${db}/${encodeURIComponent(id()).replace('%2F', '/')}?rev=${rev()}` };
      case 10:
        return { path: `/${db}/${encodeURIComponent(id()).replace('%2F', '/')}${q({ rev, revs: bool, revs_info: bool, latest: bool, conflicts: bool, deleted_conflicts: bool, open_revs: () => rng.pick(['all', JSON.stringify([rev()]), JSON.stringify([rev(), rev()])]) })}` };
      case 11:
        return { path: `/${db}/_local/${encodeURIComponent(rng.pick(['GgyRfZohWgm1b5KKuLPtgw==', 'qF9Ugrk4CFs98Ylfbaf2Mg==', '__proto__aaaaaaaaaaaaaaa==']))}` };
      case 12:
        return json('PUT', `/${db}/_local/${encodeURIComponent(`fuzz${String(rng.int(1e9)).padStart(18, '0')}==`)}`, { session_id: 'x', history: [{ last_seq: rng.int(10), session_id: 'x' }], replicator: 'pouchdb', version: 1, last_seq: rng.int(10), ...(rng.chance(0.2) ? { _rev: '0-1' } : {}) });
      case 13:
        return { path: `/${db}/_security` };
      case 14:
        return json('PUT', `/${db}/_security`, securityBody(rng, who));
      case 15:
        return json('PUT', `/${db}/_design/posture-owner`, rng.pick([{ validate_doc_update: VALIDATE_OWNER_ONLY }, { validate_doc_update: VALIDATE_OWNER_ONLY, language: 'javascript' }, { validate_doc_update: 'function () {}' }]));
      default:
        return rng.chance(0.5) ? json('POST', '/_session', { name: who?.name ?? 'alice', password: rng.pick(['x', who?.password ?? 'y']) }) : { method: 'DELETE', path: '/_session' };
    }
  })();
  return { ...send, headers: { ...send.headers, ...(who ? { authorization: basic(who) } : {}) }, timeoutMs: 3000 };
}

function randomHeaders(rng: Rng, who: Who | null): Record<string, string> {
  const h: Record<string, string> = {};
  if (who) {
    const r = rng.next();
    if (r < 0.85) h.authorization = basic(who);
    else if (r < 0.9) h.authorization = rng.pick(['Basic', 'Basic !!!!', 'Bearer x', `Basic ${Buffer.from(`${who.name}:wrong`).toString('base64')}`, `Basic ${Buffer.from('admin:admin').toString('base64')}`]);
    else h.authorization = basic(who);
  }
  if (rng.chance(0.6)) h['content-type'] = rng.pick(['application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'multipart/related; boundary=x', 'APPLICATION/JSON', '']);
  if (rng.chance(0.05)) h['x-http-method-override'] = rng.pick(['DELETE', 'PUT', 'COPY']);
  if (rng.chance(0.03)) h['x-http-method'] = 'DELETE';
  if (rng.chance(0.05)) h.destination = rng.pick(['_design/posture-owner', 'sets:copy', '_local/_security']);
  if (rng.chance(0.05)) h.cookie = rng.pick(['AuthSession=', 'AuthSession=abc', 'AuthSession=YWRtaW46NkIxNEMzMjg67MGzBtfC3XSA5tdqju42Gwc8t8s', 'x=y', 'AuthSession=a; AuthSession=b']);
  if (rng.chance(0.05)) h['content-encoding'] = rng.pick(['gzip', 'identity', 'br']);
  if (rng.chance(0.05)) h.accept = rng.pick(['text/html', 'multipart/mixed', '*/*', 'application/json']);
  if (rng.chance(0.03)) h['x-forwarded-for'] = '10.0.0.1';
  if (rng.chance(0.03)) h['x-couchdb-roles'] = '_admin';
  if (rng.chance(0.03)) h['x-auth-couchdb-username'] = 'admin';
  if (rng.chance(0.02)) h.host = rng.pick(['evil.example', 'localhost:1', '']);
  return h;
}

type Snap = Record<string, Awaited<ReturnType<typeof snapshotDb>>>;

let s: CliServer;
let start: { dbs: Snap; accounts: Awaited<ReturnType<typeof accounts>> };
const owners: [Who | null, string | null][] = [
  [null, null],
  [LEE, L],
  [BOB, B],
  [ALICE, A],
];

async function snapAll(): Promise<Snap> {
  return { [A]: await snapshotDb(s.url, A), [B]: await snapshotDb(s.url, B), [L]: await snapshotDb(s.url, L) };
}

beforeAll(async () => {
  s = await startCli();
  await seedAlice(s.url);
  await seedBob(s.url);
  start = { dbs: await snapAll(), accounts: await accounts(s.url) };
});

afterAll(async () => {
  expect(await s?.stop()).toBe(0);
});

describe('seeded request fuzz', () => {
  const summary: string[] = [];
  afterAll(() => console.log(`[fuzz] ${summary.join('\n[fuzz] ')}`));

  for (const [index, [who, own]] of owners.entries()) {
    const role = who?.name ?? 'anonymous';
    it(`${PER_ROLE} random requests as ${role}: no 5xx, nothing changed${own ? ` but new documents in ${role}'s own database` : ''}`, async () => {
      const rng = prng(SEED + index);
      const before = await snapAll();
      const requests: Send[] = Array.from({ length: PER_ROLE }, () => {
        if (rng.chance(0.4)) return nearValid(rng, who, own ?? A);
        const method = rng.pick(METHODS);
        const body = randomBody(rng, who);
        return { method, path: randomPath(rng, own ?? A), headers: randomHeaders(rng, who), body: method === 'GET' || method === 'HEAD' ? (rng.chance(0.1) ? body : undefined) : body, timeoutMs: 3000 };
      });
      const t0 = Date.now();
      const replies: Reply[] = new Array(requests.length);
      let nextIndex = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (nextIndex < requests.length) {
            const i = nextIndex++;
            replies[i] = await send(s.url, requests[i]);
          }
        }),
      );
      const ms = Date.now() - t0;
      const byStatus = new Map<number, number>();
      for (const r of replies) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
      // Recorded at once; the console line still comes at the end, as before.
      figure('fuzz', role, { requests: requests.length, ms, statuses: Object.fromEntries([...byStatus.entries()].sort((x, y) => x[0] - y[0])) }, null);
      summary.push(`${role}: ${requests.length} requests in ${ms} ms; statuses ${[...byStatus.entries()].sort((x, y) => x[0] - y[0]).map(([k, v]) => `${k}×${v}`).join(' ')}`);

      expect(s.alive(), s.output()).toBe(true);
      // No answer was a server error.
      const fiveXX = replies.map((r, i) => [r, requests[i]] as const).filter(([r]) => r.status >= 500);
      expect(fiveXX.map(([r, q]) => `${q.method} ${q.path} → ${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
      // Anonymous gets nothing but refusals.
      if (!who) expect(replies.filter((r) => r.status >= 200 && r.status < 300).length).toBe(0);
      // The only requests left unanswered: live change feeds waiting for a change (status -1),
      // and requests Node's own client would not send (-2, nothing reached the server); a cut
      // connection (0) only for bodies refused as too large.
      for (const [i, r] of replies.entries()) {
        const q = requests[i];
        if (r.status === -1) expect(q.path, `${q.method} ${q.path}`).toMatch(/_changes\?.*feed=longpoll/);
        if (r.status === 0) expect(String(q.body ?? '').length, `${q.method} ${q.path}`).toBeGreaterThan(60_000);
      }

      const after = await snapAll();
      for (const db of [A, B, L]) {
        expect(after[db].security, `${role}: security of ${db}`).toEqual(before[db].security);
        const was = new Map(before[db].rows.map((r) => [r.id, r]));
        // Every document that was there is there, with the same revision and content.
        for (const row of before[db].rows) expect(after[db].rows.find((r) => r.id === row.id), `${role}: ${db} ${row.id}`).toEqual(row);
        const added = after[db].rows.filter((r) => !was.has(r.id));
        if (db !== own) expect(added.map((r) => r.id), `${role} added to ${db}`).toEqual([]);
        else {
          // New documents only: records with new ids, and the app's design document where there was none.
          for (const r of added) {
            if (r.id.startsWith('_')) expect(r.doc, `${role} added ${r.id}`).toEqual({ _id: '_design/posture-owner', _rev: r.rev, validate_doc_update: VALIDATE_OWNER_ONLY, ...('language' in r.doc ? { language: 'javascript' } : {}) });
            // (A record the fuzz made may have been changed again by the fuzz: it was not there before.)
          }
        }
      }
      expect(await accounts(s.url)).toEqual(start.accounts);
      // The server still answers: the admin, and alice logging in and reading.
      expect((await send(s.url, { path: '/', as: ADMIN })).status).toBe(200);
      const login = await send(s.url, { method: 'POST', path: '/_session', body: { name: ALICE.name, password: ALICE.password } });
      expect(login.status).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      expect((await send(s.url, { path: `/${A}/_all_docs?include_docs=true`, headers: { cookie } })).status).toBe(200);
    });
  }

  it('leaves every person\'s original records, design documents and security objects exactly as they were', async () => {
    const end = await snapAll();
    for (const db of [A, B, L]) {
      expect(end[db].security).toEqual(start.dbs[db].security);
      for (const row of start.dbs[db].rows) expect(end[db].rows.find((r) => r.id === row.id)).toEqual(row);
    }
    expect(await accounts(s.url)).toEqual(start.accounts);
    expect(s.alive()).toBe(true);
  });
});
