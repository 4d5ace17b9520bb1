// Devices for the sync tests (not used by the app): each with its Dexie database
// (fake-indexeddb) and its PouchDB copy in memory, replicating with a "server" database that is
// itself a PouchDB database in memory. Time is the device's own clock object.
import 'fake-indexeddb/auto';
import { createRequire } from 'node:module';
import { afterEach, expect } from 'vitest';
import { PostureDb } from '../storage/db';
import { Mirror, type SyncDocs } from './mirror';
import { docIdOf, type SyncedTable } from './rules/docs';

const require = createRequire(import.meta.url);
export const PouchDB = (require('pouchdb-core') as PouchDB.Static).plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-replication'));

let n = 0;
export const freshName = (what: string) => `${what}-${++n}`;
const open: { stop(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.stop();
});

export const DAY = 86_400_000;

export interface Device {
  readonly name: string;
  readonly db: PostureDb;
  docs: SyncDocs;
  mirror: Mirror;
  readonly clock: { t: number };
}

export function newServer(): SyncDocs {
  return new PouchDB(`server-${++n}`, { adapter: 'memory' }) as unknown as SyncDocs;
}

export function device(name: string, clock: { t: number }): Device {
  const id = `${name}-${++n}`;
  const db = new PostureDb(`sync-test-${id}`);
  const docs = new PouchDB(`docs-${id}`, { adapter: 'memory' }) as unknown as SyncDocs;
  const mirror = new Mirror(db, docs, { device: name, now: () => clock.t });
  return { name, db, docs, mirror, clock };
}

/** Waits until the mirror's live feed has written what arrived into Dexie. */
export async function settle(d: Device) {
  for (let i = 0; i < 15; i++) {
    await new Promise((r) => setTimeout(r, 15));
    await d.mirror.idle();
  }
}

/** Starts a device's mirror as the app does: first what the server has, then the device's own records. */
export async function start(d: Device, server: SyncDocs) {
  await d.mirror.start();
  open.push(d.mirror);
  await d.docs.replicate.from(server);
  await settle(d);
  await d.mirror.markPulled();
  await settle(d);
}

/** One pass each way, then the mirror catches up. */
export async function syncOnce(d: Device, server: SyncDocs) {
  await settle(d);
  await d.docs.replicate.to(server);
  await d.docs.replicate.from(server);
  await settle(d);
}

/** The page closes and opens again: a new mirror over the same Dexie and sync copy. */
export async function reopen(d: Device) {
  d.mirror.stop();
  d.mirror = new Mirror(d.db, d.docs, { device: d.name, now: () => d.clock.t });
  await d.mirror.start();
  open.push(d.mirror);
  await settle(d);
}

/** Writes documents straight into the server, as another device or a faulty client would. */
export async function serverWrite(server: SyncDocs, docs: { table: SyncedTable | string; key: string; record: unknown; editedAtMs?: number; device?: string }[]) {
  const res = await server.bulkDocs(
    docs.map((d) => ({ _id: `${d.table}:${d.key}`, table: d.table, record: d.record, editedAtMs: d.editedAtMs ?? 5_000, device: d.device ?? 'elsewhere' })) as never,
  );
  for (const r of res) expect(r).toMatchObject({ ok: true });
}

export async function serverDoc(server: SyncDocs, table: SyncedTable, key: string) {
  return (await server.get(docIdOf(table, key)).catch(() => null)) as (Record<string, unknown> & { _rev: string; record: Record<string, unknown> | null }) | null;
}

