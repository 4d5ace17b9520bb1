// Talking to the sync server: a CouchDB that lets nobody in without logging in is still found,
// and a request whose answer never comes (a long poll a proxy left hanging) fails in time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServer, deadlineFetch, SyncError } from './remote';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/locked') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized","reason":"Authentication required."}');
    } else if (req.url === '/other') {
      res.writeHead(401, { 'content-type': 'text/html' }).end('<h1>Log in</h1>');
    } else if (req.url?.includes('feed=longpoll')) {
      // Headers at once, then a heartbeat and never the changes: the proxy case.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('\n');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[],"last_seq":0}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('the sync server, from the app', () => {
  it('is found when it asks for a log-in in CouchDB\'s words, and not when something else does', async () => {
    await expect(checkServer(`${base}/locked`)).resolves.toBeUndefined();
    await expect(checkServer(`${base}/other`)).rejects.toBeInstanceOf(SyncError);
  });

  it('gives up on a long poll that never ends, and not on one that answers', async () => {
    const f = deadlineFetch({ longpollMs: 300, otherMs: 5_000 });
    const t0 = Date.now();
    const hung = f(`${base}/db/_changes?style=all_docs&feed=longpoll&since=3`).then((r) => r.json());
    await expect(hung).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - t0).toBeLessThan(3_000);
    await expect(f(`${base}/db/_changes?since=3`).then((r) => r.json())).resolves.toEqual({ results: [], last_seq: 0 });
  });

  it('still stops when PouchDB cancels the request itself', async () => {
    const f = deadlineFetch({ longpollMs: 60_000, otherMs: 60_000 });
    const own = new AbortController();
    const req = f(`${base}/db/_changes?feed=longpoll`, { signal: own.signal }).then((r) => r.json());
    setTimeout(() => own.abort(), 50);
    await expect(req).rejects.toThrow();
  });
});
