// Full JSON backup and restore. Export writes every table (pictures as base64 data URLs);
// import checks the file (size, text, JSON, shape with zod), says per table what is new,
// already here or different, and merges only new records, all or nothing.
import type { z } from '../zod';
import { BACKUP_FORMAT, BACKUP_VERSION, backupSchema, backupSchemaV1, KEY_OF, parseDataUrl, type BackupFile, type BackupSnapshot } from './backup-schema';
import type { CheckInRecord } from './check-in-record';
import { appDb } from './app-db';
import type { PostureDb } from './db';
import { TABLE_NAMES, type TableName } from './tables';
import { BackupError, StorageError, toStorageError } from './errors';
import type { ProgrammeRecord } from './programme-record';
import type { RangeCheckRecord } from './range-record';
import { sessionOf, withSet, type SessionRecord } from './session-record';
import type { SetRecord } from './set-record';
import type { SettingRecord } from './setting-record';
import type { SnapshotRecord } from './snapshot-record';

export { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile, type BackupSnapshot } from './backup-schema';
export { rangeChecksCsv, sessionsCsv } from './csv';

/** Larger files are refused before reading: a backup with a few hundred pictures is far smaller. */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

export const TABLE_LABELS: Readonly<Record<TableName, string>> = {
  snapshots: 'Posture snapshots',
  sets: 'Exercise sets',
  sessions: 'Sessions',
  checkIns: 'Pain check-ins',
  programme: 'Programme',
  settings: 'Settings',
  rangeChecks: 'Range checks',
};

/** Records as stored (pictures as Blobs), per table. */
export interface BackupRecords {
  readonly snapshots: readonly SnapshotRecord[];
  readonly sets: readonly SetRecord[];
  readonly sessions: readonly SessionRecord[];
  readonly checkIns: readonly CheckInRecord[];
  readonly programme: readonly ProgrammeRecord[];
  readonly settings: readonly SettingRecord[];
  readonly rangeChecks: readonly RangeCheckRecord[];
}

export interface TablePlan {
  readonly table: TableName;
  readonly label: string;
  /** Records of this table in the file. */
  readonly total: number;
  /** New here: they will be added. */
  readonly added: number;
  /** Already here, identical. */
  readonly present: number;
  /** Same id as one here but different content: the one here is kept. */
  readonly conflicting: number;
}

export interface ImportPlan {
  /** When the backup was made (ISO 8601, from the file). */
  readonly exportedAt: string;
  /** One entry per table, in TABLE_NAMES order. */
  readonly tables: readonly TablePlan[];
  /** Records that will be added, over all tables. */
  readonly added: number;
  /** What `applyImport` writes (pictures decoded). */
  readonly records: BackupRecords;
}

// ---- Blobs as data URLs ----

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function blobToDataUrl(blob: Blob): Promise<string> {
  return `data:${blob.type};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}

export function dataUrlToBlob(url: string): Blob {
  const parsed = parseDataUrl(url);
  if (!parsed) throw new TypeError('Not a base64 data URL');
  const binary = atob(parsed.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: parsed.type });
}

// ---- Export ----

/**
 * Every record of every table, read in one transaction, as plain JSON (what the file will
 * hold). The result is checked against the import schema, so a backup that could not be
 * restored is never handed out.
 */
export async function exportBackup(db: PostureDb, nowMs = Date.now()): Promise<BackupFile> {
  let rows: unknown[][];
  try {
    rows = await db.transaction('r', db.allTables(), () => Promise.all(TABLE_NAMES.map((name) => db.tableOf(name).toArray())));
  } catch (err) {
    throw toStorageError(err, 'your data', 'read');
  }
  const tables: Record<string, unknown[]> = Object.fromEntries(TABLE_NAMES.map((name, i) => [name, rows[i]]));
  const encoded: BackupSnapshot[] = [];
  for (const s of tables.snapshots as SnapshotRecord[]) encoded.push({ ...s, picture: s.picture ? await blobToDataUrl(s.picture) : null });
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(nowMs).toISOString(),
    tables: { ...tables, snapshots: encoded },
  };
  // Through JSON and back: exactly what a file holds (no undefined fields).
  const plain: unknown = JSON.parse(JSON.stringify(file));
  const checked = backupSchema.safeParse(plain);
  if (!checked.success) {
    throw new StorageError('failed', `Could not make a backup: ${describeIssue(checked.error.issues[0], plain)}. This is a fault in the app; nothing was changed.`);
  }
  return checked.data;
}

export function backupToBlob(backup: BackupFile): Blob {
  return new Blob([JSON.stringify(backup)], { type: 'application/json' });
}

// ---- Reading and checking a file ----

const NOTHING = 'Nothing was imported.';
const NOT_BACKUP = 'This file is not a Posture tracker backup';

/** Whether the text stops inside a string, object or array (the file was cut short). */
function endsUnfinished(text: string): boolean {
  const open: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') open.push(c);
    else if (c === '}' || c === ']') {
      if (open.pop() !== (c === '}' ? '{' : '[')) return false; // mismatched: broken, not cut short
    }
  }
  return inString || open.length > 0;
}

async function readText(file: Blob | string, maxBytes: number): Promise<string> {
  const size = typeof file === 'string' ? file.length : file.size;
  if (size > maxBytes) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
    throw new BackupError('too-large', `${NOT_BACKUP}: it is ${mb(size)}, more than a backup can be (limit ${mb(maxBytes)}). ${NOTHING}`);
  }
  if (typeof file === 'string') return file;
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const text = decoder.decode(await file.arrayBuffer(), { stream: true });
    try {
      return text + decoder.decode();
    } catch {
      return text; // cut in the middle of a character: parsing reports the file as truncated
    }
  } catch (err) {
    if (err instanceof TypeError) throw new BackupError('not-json', `${NOT_BACKUP}: it is not a text file (a backup is the .json file that "Download backup" saves). ${NOTHING}`);
    throw new BackupError('not-json', `Could not read the file: ${err instanceof Error ? err.message : String(err)}. ${NOTHING}`);
  }
}

/** Nesting a backup never comes near (its deepest record is about 10 levels down). */
export const MAX_NESTING = 64;

/** The deepest nesting of objects and lists in a JSON text (strings skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) deepest = Math.max(deepest, ++depth);
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return deepest;
}

function parseJson(text: string): unknown {
  const start = text.search(/\S/);
  if (start < 0) throw new BackupError('empty', `The file is empty. ${NOTHING}`);
  if (text[start] !== '{' && text[start] !== '[') {
    throw new BackupError('not-json', `${NOT_BACKUP}: it is not JSON (a backup is the .json file that "Download backup" saves). ${NOTHING}`);
  }
  // Checked before parsing: thousands of nested lists are damage, and would only strain the parser.
  if (nestingDepth(text) > MAX_NESTING) {
    throw new BackupError('invalid', `This backup is damaged or was edited, so it cannot be imported: it is nested more than ${MAX_NESTING} levels deep, far deeper than any backup. ${NOTHING}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    if (endsUnfinished(text)) {
      throw new BackupError('truncated', `The file is not complete JSON (it may be truncated: cut short while downloading or copying). Try the original backup file again. ${NOTHING}`);
    }
    throw new BackupError('not-json', `The file is not valid JSON (it may have been edited or damaged). ${NOTHING}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  tuple: 'a list',
  null: 'null',
};

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `text (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)})`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return String(v);
  return 'an object';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/** Where an issue is ("Exercise sets, record 4 (id "x"), field "summary.reps"") and what is wrong, in plain words. */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = issue.path;
  let where: string;
  if (path[0] === 'tables' && typeof path[1] === 'string' && path[1] in TABLE_LABELS) {
    const label = TABLE_LABELS[path[1] as TableName];
    if (typeof path[2] === 'number') {
      const record = valueAt(root, path.slice(0, 3));
      const key = isObject(record) ? (record.id ?? record.key) : undefined;
      const rest = path.slice(3);
      where = `${label}, record ${path[2] + 1}${typeof key === 'string' ? ` (id ${JSON.stringify(key)})` : ''}${rest.length ? `, field "${fieldName(rest)}"` : ''}`;
    } else where = path.length > 2 ? `${label}, "${fieldName(path.slice(2))}"` : `the list of ${label.toLowerCase()}`;
  } else where = path.length ? `field "${fieldName(path)}"` : 'the file';

  const value = valueAt(root, path);
  let what: string;
  switch (issue.code) {
    case 'invalid_type':
      what = value === undefined ? `is missing (expected ${EXPECTED[issue.expected] ?? issue.expected})` : `expected ${EXPECTED[issue.expected] ?? issue.expected}, found ${kindOf(value)}`;
      break;
    case 'too_small':
      what =
        issue.origin === 'string' ? 'is empty' : issue.origin === 'array' ? `has fewer than ${issue.minimum} entries` : `is ${String(value)}, below the smallest allowed value ${issue.minimum}`;
      break;
    case 'too_big':
      what =
        issue.origin === 'string' ? 'is too long' : issue.origin === 'array' ? `has more than ${issue.maximum} ${issue.maximum === 1 ? 'entry' : 'entries'}` : `is ${String(value)}, above the largest allowed value ${issue.maximum}`;
      break;
    case 'invalid_value':
      what = `is ${value === undefined ? 'missing' : JSON.stringify(value)}, expected ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}`;
      break;
    case 'unrecognized_keys':
      what = `has ${issue.keys.length === 1 ? 'a field' : 'fields'} this app does not know: ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      break;
    case 'invalid_format':
      what = issue.format === 'datetime' ? 'is not a date and time' : issue.message.replace(/^Invalid string: /, '').replace(/^Expected/, 'expected');
      break;
    case 'invalid_union':
      what = 'does not have any of the accepted forms';
      break;
    default:
      what = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
  return `${where} ${what}`;
}

/** Checks the parsed JSON is a backup this app can read, or throws a BackupError saying why. */
export function checkBackup(data: unknown): BackupFile {
  if (!isObject(data)) {
    throw new BackupError('not-backup', `${NOT_BACKUP}: it holds JSON, but ${Array.isArray(data) ? 'a list' : 'a single value'} instead of a backup. ${NOTHING}`);
  }
  if (data.format !== BACKUP_FORMAT) {
    const found = data.format === undefined ? 'it has no "format" field' : `its "format" is ${JSON.stringify(data.format)}, not "${BACKUP_FORMAT}"`;
    throw new BackupError('not-backup', `${NOT_BACKUP}: it holds JSON, but ${found}. ${NOTHING}`);
  }
  if (typeof data.version === 'number' && data.version > BACKUP_VERSION) {
    throw new BackupError('newer-version', `This backup was made by a newer version of Posture tracker (backup version ${data.version}; this app reads versions 1 to ${BACKUP_VERSION}). Update the app, then import it again. ${NOTHING}`);
  }
  if (data.version !== BACKUP_VERSION && data.version !== 1) {
    throw new BackupError('not-backup', `This backup's version (${JSON.stringify(data.version ?? null)}) is not one this app reads (versions 1 to ${BACKUP_VERSION}). ${NOTHING}`);
  }
  const invalid = (issues: readonly z.core.$ZodIssue[]) =>
    new BackupError('invalid', `This backup is damaged or was edited, so it cannot be imported: ${describeIssue(issues[0], data)}. ${NOTHING}`);
  if (data.version === 1) {
    // Made before range checks existed: the same tables, none of them.
    const v1 = backupSchemaV1.safeParse(data);
    if (!v1.success) throw invalid(v1.error.issues);
    return { ...v1.data, version: BACKUP_VERSION, tables: { ...v1.data.tables, rangeChecks: [] } };
  }
  const parsed = backupSchema.safeParse(data);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data;
}

/** The file's records as stored: pictures back to Blobs. */
export function decodeBackup(backup: BackupFile): BackupRecords {
  const t = backup.tables;
  return {
    snapshots: t.snapshots.map((s) => ({ ...s, picture: s.picture === null ? null : dataUrlToBlob(s.picture) })),
    sets: t.sets,
    sessions: t.sessions,
    checkIns: t.checkIns,
    programme: t.programme,
    settings: t.settings,
    rangeChecks: t.rangeChecks,
  };
}

/** JSON with sorted keys, undefined fields left out: equal for records with equal content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

async function encodeForCompare(table: TableName, record: unknown): Promise<string> {
  if (table === 'snapshots') {
    const s = record as SnapshotRecord;
    return canonical({ ...s, picture: s.picture ? await blobToDataUrl(s.picture) : null });
  }
  return canonical(record);
}

function keysOf(table: TableName, records: readonly unknown[]): string[] {
  const key = KEY_OF[table];
  return records.map((r) => (r as Record<string, string>)[key]);
}

/** Per table, how many of the backup's records are new, already here, or different here. */
export async function planImport(db: PostureDb, backup: BackupFile): Promise<ImportPlan> {
  let existing: unknown[][];
  try {
    existing = await db.transaction('r', db.allTables(), () => Promise.all(TABLE_NAMES.map((name) => db.tableOf(name).bulkGet(keysOf(name, backup.tables[name])))));
  } catch (err) {
    throw toStorageError(err, 'your data', 'read');
  }
  const tables: TablePlan[] = [];
  for (const [t, name] of TABLE_NAMES.entries()) {
    const records = backup.tables[name];
    let added = 0;
    let present = 0;
    let conflicting = 0;
    for (const [i, record] of records.entries()) {
      const here = existing[t][i];
      if (here === undefined) added++;
      else if ((await encodeForCompare(name, here)) === canonical(record)) present++;
      else conflicting++;
    }
    tables.push({ table: name, label: TABLE_LABELS[name], total: records.length, added, present, conflicting });
  }
  return { exportedAt: backup.exportedAt, tables, added: tables.reduce((n, t) => n + t.added, 0), records: decodeBackup(backup) };
}

export interface ReadBackupOptions {
  /** Refuse larger files without reading them. Default MAX_BACKUP_BYTES. */
  readonly maxBytes?: number;
}

/**
 * Reads and checks a backup file and plans its import against `db`. A file that is too large,
 * not text, not (complete) JSON, not a backup, from a newer app, or with any invalid record
 * throws a BackupError whose message says why; nothing is written either way.
 */
export async function readBackupFile(file: Blob | string, db?: PostureDb, options: ReadBackupOptions = {}): Promise<ImportPlan> {
  const text = await readText(file, options.maxBytes ?? MAX_BACKUP_BYTES);
  return planImport(db ?? (await appDb()), checkBackup(parseJson(text)));
}

// ---- Merging ----

/**
 * Adds the plan's records that are not here yet (by id; records already here are kept as they
 * are), in one transaction: on any failure nothing is added and a StorageError says why.
 * Imported sets whose session is already here are listed in it. Returns how many records were added.
 */
export async function applyImport(db: PostureDb, plan: ImportPlan): Promise<number> {
  try {
    return await db.transaction('rw', db.allTables(), async () => {
      let added = 0;
      let newSets: SetRecord[] = [];
      for (const name of TABLE_NAMES) {
        const records: readonly unknown[] = plan.records[name];
        if (records.length === 0) continue;
        const table = db.tableOf(name);
        const here = await table.bulkGet(keysOf(name, records));
        const fresh = records.filter((_, i) => here[i] === undefined);
        if (fresh.length === 0) continue;
        await table.bulkPut(fresh);
        added += fresh.length;
        if (name === 'sets') newSets = fresh as SetRecord[];
      }
      // A new set of a session that is already here (kept as it was) still belongs to it.
      for (const set of newSets) {
        if (!set.sessionId) continue;
        const session = await db.sessions.get(set.sessionId);
        const linked = session ? withSet(session, set) : sessionOf(set, set.sessionId);
        if (linked !== session) await db.sessions.put(linked);
      }
      return added;
    });
  } catch (err) {
    throw toStorageError(err, 'the imported data');
  }
}
