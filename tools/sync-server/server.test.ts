// The sync server's exported API as the e2e suite and the sync bench use it (startSyncServer,
// createPerson, pause, resume, close, url, admin, host), and the allow-list's pure parts: how
// a request target is read, which route it names, which parameters and bodies it takes.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VALIDATE_OWNER_ONLY } from '../../lib/sync/remote';
import { userDbName } from '../../lib/sync/rules/docs';
import { checkBulkDocsBody, checkQuery, checkSecurityBody, judgeDoc, matchRoute, methodSpec, parseJsonBody, parseTarget, perUserOwner, readSecurityObject, Refused, roleIn, ROUTES } from './routes';
import { parseCredentials, startSyncServer, type SyncServer } from './server';
import { send } from './testkit';

describe('startSyncServer', () => {
  let server: SyncServer | undefined;
  afterAll(async () => {
    await server?.close();
  });

  it('listens on 127.0.0.1, adds people with databases of their own, pauses and resumes on the same port, and closes', async () => {
    // The private socket's directory goes in TMPDIR: a fresh one here, to see it cleaned up.
    const tmp = mkdtempSync(join(tmpdir(), 'sync-server-test-'));
    const oldTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      server = await startSyncServer({ port: 0, admin: { name: 'root', password: 'root-pw' } });
    } finally {
      if (oldTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = oldTmp;
    }
    expect(readdirSync(tmp)).toHaveLength(1);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.admin).toEqual({ name: 'root', password: 'root-pw' });
    await server.createPerson('ana', 'ana-pw');
    const ana = { name: 'ana', password: 'ana-pw' };
    const db = userDbName('ana');
    expect((await send(server.url, { path: `/${db}/_security`, as: ana })).json).toEqual({ admins: { names: ['ana'], roles: [] }, members: { names: ['ana'], roles: [] } });
    expect((await send(server.url, { method: 'PUT', path: `/${db}/sets%3Aone`, as: ana, body: { table: 'sets' } })).status).toBe(201);

    await server.pause();
    expect((await send(server.url, { path: '/', as: ana })).status).toBe(0);
    // People can be added while paused (the guard's own requests use a private socket).
    await server.createPerson('bo', 'bo-pw');
    await server.resume();
    expect((await send(server.url, { path: `/${db}/sets%3Aone`, as: ana })).status).toBe(200);
    expect((await send(server.url, { path: `/${userDbName('bo')}`, as: { name: 'bo', password: 'bo-pw' } })).status).toBe(200);

    // A long poll ends as CouchDB's does: after its timeout with nothing new, at once with a change.
    const feed = `/${db}/_changes?feed=longpoll&since=1&style=all_docs`;
    let t0 = Date.now();
    expect((await send(server.url, { path: `${feed}&timeout=1000`, as: ana })).json).toEqual({ results: [], last_seq: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    t0 = Date.now();
    const waiting = send(server.url, { path: `${feed}&timeout=30000`, as: ana });
    setTimeout(() => void send(server!.url, { method: 'PUT', path: `/${db}/sets%3Atwo`, as: ana, body: { table: 'sets' } }), 200);
    expect(((await waiting).json as { results: { id: string }[] }).results.map((r) => r.id)).toEqual(['sets:two']);
    expect(Date.now() - t0).toBeLessThan(5_000);

    await server.close();
    server = undefined;
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('takes a host, and refuses to start on a port in use', async () => {
    const a = await startSyncServer({ port: 0, host: '127.0.0.1' });
    try {
      await expect(startSyncServer({ port: a.port })).rejects.toThrow(/EADDRINUSE/);
      expect((await send(a.url, { path: '/', as: { name: 'admin', password: 'admin' } })).status).toBe(200);
    } finally {
      await a.close();
    }
  });
});

describe('parseTarget', () => {
  const ok = (url: string) => {
    const t = parseTarget(url);
    if (t instanceof Refused) throw new Error(`${url}: ${t.reason}`);
    return t;
  };
  it('decodes each segment once, joins _design/_local ids however they are spelled, drops one trailing slash', () => {
    expect(ok('/').segments).toEqual([]);
    expect(ok('/db/').segments).toEqual(['db']);
    expect(ok('/db/_design%2Fposture-owner').segments).toEqual(['db', '_design/posture-owner']);
    expect(ok('/db/_design/posture-owner').segments).toEqual(['db', '_design/posture-owner']);
    expect(ok('/db/%5Fdesign%2fposture-owner').segments).toEqual(['db', '_design/posture-owner']);
    expect(ok('/db/_local%2F_security').segments).toEqual(['db', '_local/_security']);
    expect(ok('/db/_design%2Fx%2F_view%2Fv').segments).toEqual(['db', '_design/x', '_view', 'v']);
    expect(ok('/db/sets%2Fx').segments).toEqual(['db', 'sets/x']);
    expect(ok('/db/%252e%252e').segments).toEqual(['db', '%2e%2e']);
    expect(ok('/db/_all_docs?include_docs=true&startkey=%22a%22').query).toEqual([
      ['include_docs', 'true'],
      ['startkey', '"a"'],
    ]);
    expect(ok('/db/x?').query).toEqual([]);
  });
  it('refuses malformed targets', () => {
    for (const url of ['', 'db', 'http://h/db', '*', '//db', '/db//x', '/db/.', '/db/..', '/db/%2e%2e', '/db/%2E', '/db/a%00', '/db/a%0a', '/db/a%5Cb', '/db/a\\b', '/db/%ZZ', '/db/%E0%A4%A', '/db/x#y', '/db/x y', '/db/é', '/db/_design%2F', '/db/_design%2F..', '/db?a=1&a=2', '/db?a', '/db?=1', '/db?A=1', '/db?a=%ZZ', '/db?a=%0a', `/${'x'.repeat(17_000)}`]) {
      expect(parseTarget(url), url).toBeInstanceOf(Refused);
    }
  });
});

describe('matchRoute and methodSpec', () => {
  it('names each allowed route, and refuses the rest', () => {
    expect(matchRoute([])).toEqual({ kind: 'root' });
    expect(matchRoute(['_session'])).toEqual({ kind: 'session' });
    expect(matchRoute(['userdb-61'])).toEqual({ kind: 'db', db: 'userdb-61' });
    expect(matchRoute(['userdb-61', 'sets:a'])).toEqual({ kind: 'doc', db: 'userdb-61', id: 'sets:a' });
    expect(matchRoute(['userdb-61', '_design/posture-owner'])).toEqual({ kind: 'owner_ddoc', db: 'userdb-61', id: '_design/posture-owner' });
    expect(matchRoute(['userdb-61', '_local/GgyRfZohWgm1b5KKuLPtgw=='])).toEqual({ kind: 'checkpoint', db: 'userdb-61', id: '_local/GgyRfZohWgm1b5KKuLPtgw==' });
    for (const segs of [['_config'], ['_users'], ['_session', 'x'], ['Userdb'], ['db', '_local/_security'], ['db', '_local/compaction'], ['db', '_design/x'], ['db', '_find'], ['db', 'sets:a', 'att'], ['db', '_design/posture-owner', '_view'], ['db', '_all_docs', 'x']]) {
      expect(matchRoute(segs), segs.join('/')).toBeInstanceOf(Refused);
    }
  });
  it('answers 405 for methods a path does not have, 403 for those kept for server admins', () => {
    expect((methodSpec('doc', 'PATCH') as Refused).status).toBe(405);
    expect((methodSpec('doc', 'COPY') as Refused).status).toBe(403);
    expect((methodSpec('db', 'PUT') as Refused).status).toBe(403);
    expect((methodSpec('owner_ddoc', 'DELETE') as Refused).status).toBe(403);
    expect(methodSpec('changes', 'GET')).toMatchObject({ role: 'reader' });
    expect(methodSpec('security', 'PUT')).toMatchObject({ role: 'owner' });
    // Every write is the owner's (log-out aside), except _bulk_docs which judges each document.
    for (const [kind, spec] of Object.entries(ROUTES).filter(([k]) => k !== 'session')) {
      for (const [method, m] of Object.entries(spec.methods)) if (['PUT', 'DELETE'].includes(method)) expect(m.role, `${method} ${kind}`).toBe('owner');
    }
  });
  it('takes only the listed parameters, with typed values', () => {
    const changes = ROUTES.changes.methods.GET.query;
    expect(checkQuery(changes, [['style', 'all_docs'], ['feed', 'longpoll'], ['heartbeat', '10000'], ['since', '4'], ['limit', '250']])).toEqual([
      ['style', 'all_docs'],
      ['feed', 'longpoll'],
      ['heartbeat', '10000'],
      ['since', '4'],
      ['limit', '250'],
    ]);
    for (const q of [[['filter', '_view']], [['view', 'x/y']], [['feed', 'continuous']], [['heartbeat', '1']], [['since', '-1']], [['limit', '1e3']], [['include_docs', 'yes']], [['attachments', 'true']], [['callback', 'f']]] as [string, string][][]) {
      expect(checkQuery(changes, q), JSON.stringify(q)).toBeInstanceOf(Refused);
    }
    const allDocs = ROUTES.all_docs.methods.GET.query;
    expect(checkQuery(allDocs, [['start_key', '"a"']])).toEqual([['startkey', '"a"']]);
    expect(checkQuery(allDocs, [['startkey', '"a"'], ['start_key', '"b"']])).toBeInstanceOf(Refused);
    expect(checkQuery(allDocs, [['keys', '["_local/_security"]']])).toBeInstanceOf(Refused);
    expect(checkQuery(allDocs, [['key', '"_local/x"']])).toBeInstanceOf(Refused);
    expect(checkQuery(allDocs, [['startkey', '{}']])).toBeInstanceOf(Refused);
    const doc = ROUTES.doc.methods.GET.query;
    expect(checkQuery(doc, [['open_revs', 'all'], ['latest', 'true'], ['revs', 'true']])).not.toBeInstanceOf(Refused);
    expect(checkQuery(doc, [['open_revs', '["1-abc"]']])).toEqual([['open_revs', '["1-abc"]']]);
    expect(checkQuery(doc, [['open_revs', '["x"]']])).toBeInstanceOf(Refused);
    expect(checkQuery(ROUTES.doc.methods.DELETE.query, [], ['rev'])).toBeInstanceOf(Refused);
  });
});

describe('who may', () => {
  it('reads security objects defensively: names as a string grant nothing', () => {
    const sec = readSecurityObject({ admins: { names: 'alice' }, members: { names: ['bob', 7, null] } });
    expect(sec).toEqual({ admins: { names: [], roles: [] }, members: { names: ['bob'], roles: [] } });
    expect(roleIn('db', sec, 'alice')).toBe('none');
    expect(roleIn('db', sec, 'bob')).toBe('reader');
    expect(roleIn(userDbName('zoë'), readSecurityObject(null), 'zoë')).toBe('owner');
    expect(roleIn('db', readSecurityObject({ admins: { roles: ['_admin'] } }), 'x')).toBe('none');
    expect(perUserOwner(userDbName('zoë'))).toBe('zoë');
    expect(perUserOwner('userdb-ff')).toBeNull();
    expect(perUserOwner('userdb-6')).toBeNull();
  });
  it('keeps the owner of a per-user database in its lists, and roles empty', () => {
    const db = userDbName('alice');
    const good = { admins: { names: ['alice'], roles: [] }, members: { names: ['alice', 'lee'], roles: [] } };
    expect(checkSecurityBody(good, db, 'alice')).toEqual(good);
    expect(checkSecurityBody({ admins: { names: ['alice'] }, members: { names: ['alice'] } }, db, 'alice')).toEqual({ admins: { names: ['alice'], roles: [] }, members: { names: ['alice'], roles: [] } });
    expect(checkSecurityBody({ ...good, members: { names: ['lee'], roles: [] } }, db, 'alice')).toBeInstanceOf(Refused);
    expect(checkSecurityBody({ ...good, admins: { names: ['alice'], roles: ['x'] } }, db, 'alice')).toBeInstanceOf(Refused);
    expect(checkSecurityBody({ ...good, admins: { names: 'alice', roles: [] } }, db, 'alice')).toBeInstanceOf(Refused);
    expect(checkSecurityBody({ admins: { names: ['lee'], roles: [] }, members: { names: ['lee'], roles: [] } }, 'shared', 'lee')).not.toBeInstanceOf(Refused);
    expect(checkSecurityBody({ admins: { names: ['bob'], roles: [] }, members: { names: ['bob'], roles: [] } }, 'shared', 'lee')).toBeInstanceOf(Refused);
  });
  it('judges each document: the owner-only rule, the exact design document, no local or other design documents', () => {
    expect(judgeDoc({ _id: 'sets:a', table: 'sets' }, 'owner').refusal).toBeNull();
    expect(judgeDoc({ _id: 'sets:a', _rev: '2-abc', _revisions: { start: 2, ids: ['abc', 'def'] }, _deleted: true }, 'owner').refusal).toBeNull();
    expect(judgeDoc({ _id: 'sets:a' }, 'reader').refusal).toMatch(/Only the person/);
    expect(judgeDoc({ _id: '_design/posture-owner', validate_doc_update: VALIDATE_OWNER_ONLY }, 'owner').refusal).toBeNull();
    expect(judgeDoc({ _id: '_design/posture-owner', validate_doc_update: VALIDATE_OWNER_ONLY, language: 'javascript', _rev: '1-a' }, 'owner').refusal).toBeNull();
    expect(judgeDoc({ _id: '_design/posture-owner', validate_doc_update: VALIDATE_OWNER_ONLY }, 'reader').refusal).not.toBeNull();
    expect(judgeDoc({ _id: '_design/posture-owner', validate_doc_update: VALIDATE_OWNER_ONLY, _deleted: true }, 'owner').refusal).not.toBeNull();
    expect(judgeDoc({ _id: '_design/posture-owner', validate_doc_update: `${VALIDATE_OWNER_ONLY} ` }, 'owner').refusal).not.toBeNull();
    expect(judgeDoc({ _id: '_design/posture-owner', validate_doc_update: VALIDATE_OWNER_ONLY, views: {} }, 'owner').refusal).not.toBeNull();
    for (const id of ['_design/x', '_local/x', '_local/_security', '_users', '_x']) expect(judgeDoc({ _id: id }, 'owner').refusal, id).not.toBeNull();
    for (const extra of [{ _attachments: {} }, { _conflicts: [] }, { _rev: 'x' }, { _deleted: 'true' }, { _revisions: { start: 0, ids: ['a'] } }, { _revisions: { start: 1, ids: ['XYZ'] } }, { _local_seq: 1 }]) {
      expect(judgeDoc({ _id: 'sets:a', ...extra }, 'owner').refusal, JSON.stringify(extra)).not.toBeNull();
    }
    expect(checkBulkDocsBody({ docs: [{ _id: 'a' }], new_edits: false })).toEqual({ docs: [{ _id: 'a' }], new_edits: false });
    expect(checkBulkDocsBody({ docs: [{}] })).toBeInstanceOf(Refused);
  });
  it('parses JSON bodies strictly: UTF-8, depth, no __proto__', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1,{"b":2}]}'))).toEqual({ a: [1, { b: 2 }] });
    expect(parseJsonBody(Buffer.from('{"a":{"__proto__":{}}}'))).toBeInstanceOf(Refused);
    expect(parseJsonBody(Buffer.from('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'))).toBeInstanceOf(Refused);
    expect(parseJsonBody(Buffer.from([0x22, 0xff, 0x22]))).toBeInstanceOf(Refused);
    expect(parseJsonBody(Buffer.from('{"a":1'))).toBeInstanceOf(Refused);
  });
  it('reads credentials strictly', () => {
    expect(parseCredentials({})).toEqual({ kind: 'none' });
    expect(parseCredentials({ authorization: `Basic ${Buffer.from('zoë:pw:with:colons').toString('base64')}` })).toEqual({ kind: 'basic', token: Buffer.from('zoë:pw:with:colons').toString('base64') });
    expect(parseCredentials({ cookie: 'a=b; AuthSession=YWxpY2U6NkIxNEMzMjg67MGzBtfC3XSA5tdqju42Gwc8t8s; c=d' })).toEqual({ kind: 'cookie', value: 'YWxpY2U6NkIxNEMzMjg67MGzBtfC3XSA5tdqju42Gwc8t8s' });
    expect(parseCredentials({ cookie: 'a=b' })).toEqual({ kind: 'none' });
    for (const h of [{ authorization: 'Digest x' }, { authorization: 'Basic abc' }, { authorization: `Basic ${Buffer.from('x').toString('base64')}` }, { cookie: 'AuthSession=a b' }, { cookie: 'AuthSession=abcdefgh' }]) {
      expect(parseCredentials(h), JSON.stringify(h)).toBeInstanceOf(Refused);
    }
  });
});
