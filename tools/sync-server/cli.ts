// `npm run sync-server -- [--port 5984] [--admin NAME:PASSWORD] [--person NAME:PASSWORD ...]`
// A CouchDB-compatible stand-in on 127.0.0.1 for trying sync and for tests; data in memory.
import { parseArgs } from 'node:util';
import { startSyncServer } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5984' },
    admin: { type: 'string', default: 'admin:admin' },
    person: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`Usage: npm run sync-server -- [--port 5984] [--admin NAME:PASSWORD] [--person NAME:PASSWORD ...]

Starts a CouchDB-compatible server on 127.0.0.1 (in memory: everything is gone when it stops).
Each --person gets an account and a database of their own, as CouchDB 3 does with couch_peruser.
Build or start the app with POSTURE_SYNC_UPSTREAM=http://127.0.0.1:PORT to reach it at /couch.`);
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
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`error: --port must be a port number, not "${values.port}"`);
  process.exit(2);
}
const server = await startSyncServer({ port, admin: split(values.admin!, '--admin') });
for (const p of values.person ?? []) {
  const { name, password } = split(p, '--person');
  await server.createPerson(name, password);
  console.log(`person "${name}" added`);
}
console.log(`sync server on ${server.url} (admin "${server.admin.name}"); Ctrl+C stops it`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
