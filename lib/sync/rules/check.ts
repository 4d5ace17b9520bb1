// Every document that arrives from the server is checked before it may touch a record: the
// same record schemas that check a backup file (lib/storage/backup-schema.ts, one module for
// both), and the envelope around them: the document's id names the table and the record's own
// key, the stamp is sane, pictures and this device's own settings never arrive. A document
// that fails is set aside with the reason; it never reaches the app and never causes a deletion.
// Pure: no storage, no clock.
import { z } from '../../zod';
import { KEY_OF, MAX_NUMBER, RECORD_SCHEMAS } from '../../storage/backup-schema';
import { stampOf, type Stamp } from './clock';
import { DEVICE_ONLY_SETTINGS, parseDocId, type JsonObject, type SyncedTable } from './docs';

export type DocCheck =
  /** A record of ours, fit to store (or a deletion of one). */
  | { readonly kind: 'record'; readonly table: SyncedTable; readonly key: string; readonly record: JsonObject | null; readonly stamp: Stamp }
  /** Not a record document (a design document, say): not for the app, and nothing wrong with it. */
  | { readonly kind: 'other' }
  /** Another device's own setting (engine, model): it stays on that device. */
  | { readonly kind: 'device-only' }
  /** Damaged, forged or from a version of the app that stores records differently. */
  | { readonly kind: 'refused'; readonly reason: string };

const stampSchema = z.object({
  editedAtMs: z.number().min(0).max(MAX_NUMBER),
  counter: z.number().int().min(0).max(1e9).optional(),
  device: z.string().min(1).max(200),
});

/** The first problem zod found, in words a person can pass on: "startedAt: expected number". */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not match the expected shape';
  const field = issue.path.length ? issue.path.map(String).join('.') : 'the record';
  if (issue.code === 'invalid_type') return /received undefined$/.test(issue.message) ? `${field} is missing` : `${field} is not a ${issue.expected}`;
  if (issue.code === 'unrecognized_keys') return `${field === 'the record' ? 'it' : field} has fields the app does not write (${issue.keys.slice(0, 3).join(', ')})`;
  return `${field}: ${issue.message}`;
}

/** Checks one replicated document. Never throws. */
export function checkDoc(doc: unknown): DocCheck {
  try {
    return check(doc);
  } catch (err) {
    return { kind: 'refused', reason: `could not be read (${err instanceof Error ? err.message : String(err)})` };
  }
}

function check(doc: unknown): DocCheck {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { kind: 'refused', reason: 'is not a document' };
  const d = doc as Record<string, unknown>;
  const id = d._id;
  if (typeof id !== 'string') return { kind: 'refused', reason: 'has no id' };
  if (id.startsWith('_')) return { kind: 'other' };
  const parsed = parseDocId(id);
  if (!parsed) return { kind: 'refused', reason: `"${id.slice(0, 80)}" is not a kind of record this app keeps` };
  const { table, key } = parsed;
  if (table === 'settings' && DEVICE_ONLY_SETTINGS.has(key)) return { kind: 'device-only' };
  if (d._deleted === true) {
    // A deletion carries no record; its stamp may be missing (made by another program): it then counts as the earliest edit.
    return { kind: 'record', table, key, record: null, stamp: stampOf(d) };
  }
  if (d.table !== table) return { kind: 'refused', reason: `says it belongs to "${String(d.table).slice(0, 40)}", but its id names ${table}` };
  const stamp = stampSchema.safeParse(d);
  if (!stamp.success) return { kind: 'refused', reason: `has no usable edit stamp (${describeIssues(stamp.error)})` };
  const record = d.record;
  if (!record || typeof record !== 'object' || Array.isArray(record)) return { kind: 'refused', reason: 'holds no record' };
  const r = record as JsonObject;
  const field = KEY_OF[table];
  const named = r[field];
  if (named !== key) {
    return { kind: 'refused', reason: `its record's ${field} (${JSON.stringify(named)?.slice(0, 80) ?? 'missing'}) is not the one its id names (${JSON.stringify(key).slice(0, 80)})` };
  }
  if (table === 'snapshots' && r.picture !== null) return { kind: 'refused', reason: 'carries a picture (pictures stay on the device that took them)' };
  const checked = RECORD_SCHEMAS[table].safeParse(r);
  if (!checked.success) return { kind: 'refused', reason: `is not a valid ${TABLE_WORDS[table]} (${describeIssues(checked.error)})` };
  return { kind: 'record', table, key, record: r, stamp: stampOf(d) };
}

const TABLE_WORDS: Readonly<Record<SyncedTable, string>> = {
  snapshots: 'posture snapshot',
  sets: 'exercise set',
  sessions: 'session',
  checkIns: 'pain check-in',
  programme: 'programme',
  settings: 'setting',
  rangeChecks: 'range check',
};
