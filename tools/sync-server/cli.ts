// `npm run sync-server -- [--host 127.0.0.1] [--port 5984] [--admin NAME:PASSWORD] [--person NAME:PASSWORD ...]`
// A CouchDB-compatible stand-in for trying sync and for tests. Data in memory only.
import { parseArgs } from 'node:util';
import { startSyncServer } from './server';

const USAGE = `Usage: npm run sync-server -- [--host 127.0.0.1] [--port 5984] [--admin NAME:PASSWORD] [--person NAME:PASSWORD ...]

Starts a CouchDB-compatible server for development and tests. It keeps everything in memory:
all accounts and records are gone when it stops. Do not keep real records on it.
It listens on 127.0.0.1 unless --host says otherwise; --port 0 picks a free port.
Each --person gets an account and a database of their own, as CouchDB 3 does with couch_peruser.
Build or start the app with POSTURE_SYNC_UPSTREAM=http://127.0.0.1:PORT to reach it at /couch.`;

let values: { host?: string; port?: string; admin?: string; person?: string[]; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5984' },
      admin: { type: 'string', default: 'admin:admin' },
      person: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  console.error(`error: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const split = (s: string, what: string) => {
  const at = s.indexOf(':');
  if (at <= 0 || at === s.length - 1) {
    console.error(`error: ${what} must be NAME:PASSWORD, not "${s}"`);
    process.exit(2);
  }
  return { name: s.slice(0, at), password: s.slice(at + 1) };
};

const port = Number(values.port);
if (!/^[0-9]{1,5}$/.test(values.port ?? '') || port > 65535) {
  console.error(`error: --port must be a port number (0 picks a free one), not "${values.port}"`);
  process.exit(2);
}
const host = values.host ?? '127.0.0.1';
if (!/^[A-Za-z0-9.:-]{1,253}$/.test(host)) {
  console.error(`error: --host must be an address to listen on, such as 127.0.0.1, not "${host}"`);
  process.exit(2);
}
const admin = split(values.admin!, '--admin');
const people = (values.person ?? []).map((p) => split(p, '--person'));

let server;
try {
  server = await startSyncServer({ host, port, admin });
  for (const p of people) {
    await server.createPerson(p.name, p.password);
    console.log(`person "${p.name}" added`);
  }
} catch (err) {
  console.error(`error: the sync server could not start: ${(err as Error).message}`);
  process.exit(1);
}
console.log('This server keeps everything in memory only: all accounts and records are gone when it stops.');
console.log('It is meant for development and tests, not for real records.');
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) console.log(`It listens on ${host}: other machines may reach it.`);
console.log(`sync server on ${server.url} (admin "${server.admin.name}"); Ctrl+C stops it`);
const running = server;
const stop = () => void running.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
