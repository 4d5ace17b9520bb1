// How the person's records travel: one replication document per record, named after its table
// and key. Pure: no storage, no clock (the caller stamps `editedAtMs`).

import { KEY_OF } from '../../storage/backup-schema';

/** The tables that replicate, in backup order. */
export const SYNCED_TABLES = ['snapshots', 'sets', 'sessions', 'checkIns', 'programme', 'settings', 'rangeChecks'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/**
 * Settings that describe this device, not the person: the engine and model chosen here, what the
 * automatic choice measured on this hardware, and whether this device keeps landmarks (they are
 * kept on the device that measured them, in its own storage). They never leave the device.
 */
export const DEVICE_ONLY_SETTINGS: ReadonlySet<string> = new Set(['pose.engine', 'pose.model', 'pose.autoModel', 'tracks.keep']);

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One record as a replication document. */
export interface RecordDoc {
  readonly _id: string;
  readonly _rev?: string;
  readonly _deleted?: boolean;
  readonly _conflicts?: readonly string[];
  readonly table: SyncedTable;
  /** The record as stored, less what never syncs (a snapshot's picture); null once deleted. */
  readonly record: JsonObject | null;
  /** The edit's stamp (rules/clock.ts): wall time in the devices' shared frame (epoch ms)... */
  readonly editedAtMs: number;
  /** ...a counter for edits within one millisecond or while this device's clock lags (absent: 0)... */
  readonly counter?: number;
  /** ...and the device that made it (a random id kept on that device). */
  readonly device: string;
}

const SEP = ':';

export function isSyncedTable(name: unknown): name is SyncedTable {
  return (SYNCED_TABLES as readonly unknown[]).includes(name);
}

export function docIdOf(table: SyncedTable, key: string): string {
  return `${table}${SEP}${key}`;
}

/** The table and key a document id names, or null for any other document (design documents, say). */
export function parseDocId(id: string): { table: SyncedTable; key: string } | null {
  const at = id.indexOf(SEP);
  if (at <= 0) return null;
  const table = id.slice(0, at);
  const key = id.slice(at + 1);
  return isSyncedTable(table) && key.length > 0 ? { table, key } : null;
}

/** A record's key (settings are keyed by `key`, every other table by `id`: KEY_OF), or null when it has none. */
export function keyOf(table: SyncedTable, record: { readonly [k: string]: unknown }): string | null {
  const key = record[KEY_OF[table]];
  return typeof key === 'string' && key.length > 0 ? key : null;
}

/** Whether a record leaves the device at all. */
export function travels(table: SyncedTable, key: string): boolean {
  return !(table === 'settings' && DEVICE_ONLY_SETTINGS.has(key));
}

/**
 * The record as it replicates. A snapshot's picture stays on the device that took it (pictures
 * are not sent); every other field is plain JSON already.
 */
export function toDocRecord(table: SyncedTable, record: { readonly [k: string]: unknown }): JsonObject {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    if (table === 'snapshots' && k === 'picture') continue;
    out[k] = v;
  }
  if (table === 'snapshots') out.picture = null;
  return JSON.parse(JSON.stringify(out)) as JsonObject;
}

/**
 * The record to store from a replicated one. A snapshot keeps the picture this device has for
 * it (the document never carries one).
 */
export function fromDocRecord(table: SyncedTable, record: JsonObject, local: { readonly [k: string]: unknown } | undefined): Record<string, unknown> {
  if (table !== 'snapshots') return { ...record };
  return { ...record, picture: (local?.picture as unknown) ?? null };
}

/** Key order does not matter; everything else does. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}


/**
 * CouchDB's name for a person's own database (its `couch_peruser` option): "userdb-" and the
 * user name's UTF-8 bytes in lower-case hex.
 */
export function userDbName(userName: string): string {
  const bytes = new TextEncoder().encode(userName);
  return `userdb-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The user name a `userdb-…` database belongs to, or null. */
export function userOfDb(dbName: string): string | null {
  const m = /^userdb-((?:[0-9a-f]{2})+)$/.exec(dbName);
  if (!m) return null;
  const bytes = new Uint8Array(m[1].length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(m[1].slice(i * 2, i * 2 + 2), 16);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** What a record holds, as a short fingerprint (53-bit cyrb53 of its canonical JSON, and the length); '-' for no record. */
export function contentHash(record: JsonObject | null | undefined): string {
  if (!record) return NO_RECORD;
  const text = canonical(record);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}.${text.length.toString(36)}`;
}

/** `contentHash` of no record (deleted, or never there). */
export const NO_RECORD = '-';

/** `contentHash` of a record as stored on this device, as it would travel (pictures aside); NO_RECORD for none. */
export function recordHash(table: SyncedTable, stored: { readonly [k: string]: unknown } | undefined): string {
  return stored ? contentHash(toDocRecord(table, stored)) : NO_RECORD;
}
