// The sync server's allow-list: which requests a non-admin may make, with which query
// parameters and which bodies. Pure: no I/O. server.ts asks these functions and refuses
// whatever they do not allow (see RULES.md for the whole table).
import { VALIDATE_OWNER_ONLY } from '../../lib/sync/remote';
import { userDbName } from '../../lib/sync/rules/docs';

/** A request the guard refuses, as CouchDB words it. */
export class Refused {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
    /** For 405: the methods this path takes. */
    readonly allow?: readonly string[],
  ) {}
}

const bad = (reason: string) => new Refused(400, 'bad_request', reason);
const forbidden = (reason: string) => new Refused(403, 'forbidden', reason);

export const LIMITS = {
  /** The request target (path and query) in characters. */
  url: 16 * 1024,
  /** Body sizes in bytes. */
  sessionBody: 64 * 1024,
  securityBody: 64 * 1024,
  checkpointBody: 64 * 1024,
  docBody: 8 * 1024 * 1024,
  bulkDocsBody: 16 * 1024 * 1024,
  bulkGetBody: 4 * 1024 * 1024,
  revsDiffBody: 4 * 1024 * 1024,
  /** Nesting of arrays and objects in any JSON body. */
  jsonDepth: 64,
  docId: 1024,
  userName: 256,
  password: 1024,
  namesPerList: 64,
  docsPerRequest: 10_000,
  revsPerDoc: 1_000,
  jsonParam: 4096,
  keys: 1_000,
} as const;

/** The design document the app installs; the only one a non-admin may write or read by id. */
export const OWNER_DDOC = '_design/posture-owner';

// ---------------------------------------------------------------------------------------------
// The request target

export interface Target {
  /** Percent-decoded path segments; `_design/x` and `_local/x` are one segment each. */
  readonly segments: readonly string[];
  /** Decoded query parameters, in order; names are unique. */
  readonly query: readonly (readonly [string, string])[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const RAW_TARGET = /^\/[\x21-\x7e]*$/;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * The path and query of `rawUrl` (the request target exactly as sent), each segment decoded
 * once, or why it is malformed: no absolute form, no empty or dot segments, no control
 * characters or backslashes, no malformed escapes, no repeated query parameters. One trailing
 * slash is dropped (PouchDB asks for `GET /db/`).
 */
export function parseTarget(rawUrl: string): Target | Refused {
  if (rawUrl.length > LIMITS.url) return new Refused(414, 'bad_request', 'The address is too long.');
  if (!RAW_TARGET.test(rawUrl) || rawUrl.includes('#') || rawUrl.includes('\\')) return bad('Malformed request address.');
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q === -1 ? null : rawUrl.slice(q + 1);
  let parts = rawPath.split('/').slice(1);
  if (parts.length === 1 && parts[0] === '') parts = [];
  else if (parts.length > 1 && parts[parts.length - 1] === '') parts = parts.slice(0, -1);
  const segments: string[] = [];
  for (const part of parts) {
    const s = decode(part);
    if (s === null || s === '' || s === '.' || s === '..' || CONTROL.test(s) || s.includes('\\')) return bad('Malformed path segment.');
    segments.push(s);
  }
  // `_design%2Fname` and `_design/name` are the same document, as in CouchDB.
  if (segments.length >= 2) {
    const m = /^(_design|_local)\/(.*)$/s.exec(segments[1]);
    if (m) segments.splice(1, 1, m[1], ...m[2].split('/'));
    if ((segments[1] === '_design' || segments[1] === '_local') && segments.length >= 3) {
      if (segments.slice(2).some((s) => s === '' || s === '.' || s === '..')) return bad('Malformed path segment.');
      segments.splice(1, 2, `${segments[1]}/${segments[2]}`);
    }
  }
  const query: [string, string][] = [];
  if (rawQuery !== null && rawQuery !== '') {
    const seen = new Set<string>();
    for (const pair of rawQuery.split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return bad('Malformed query parameter.');
      const name = decode(pair.slice(0, eq).replace(/\+/g, ' '));
      const value = decode(pair.slice(eq + 1).replace(/\+/g, ' '));
      if (name === null || value === null || !/^[a-z_]{1,32}$/.test(name) || CONTROL.test(value)) return bad('Malformed query parameter.');
      if (seen.has(name)) return bad(`The query parameter ${name} is repeated.`);
      seen.add(name);
      query.push([name, value]);
    }
  }
  return { segments, query };
}

// ---------------------------------------------------------------------------------------------
// Routes

export type RouteKind = 'root' | 'session' | 'db' | 'all_docs' | 'changes' | 'revs_diff' | 'bulk_get' | 'bulk_docs' | 'security' | 'doc' | 'owner_ddoc' | 'checkpoint';

export interface Route {
  readonly kind: RouteKind;
  readonly db?: string;
  /** The document id, for doc, owner_ddoc and checkpoint. */
  readonly id?: string;
}

/** A database name CouchDB accepts (no `/`: the stand-in takes none), and not a system database. */
export const DB_NAME = /^[a-z][a-z0-9_$()+-]{0,237}$/;
/** A replication checkpoint id as PouchDB writes it: `_local/` and an MD5 in base64 with `/` → `.` and `+` → `_`. */
export const CHECKPOINT_ID = /^_local\/[A-Za-z0-9._]{22}==$/;
/** Local documents that PouchDB and express-pouchdb keep for themselves (never checkpoints; listed for clarity). */
const INTERNAL_LOCAL = new Set(['_local/_security', '_local/compaction', '_local/purges', '_local/_pouch_dependentDbs', '_local/_pouch_all_dbs']);

/** An id of an ordinary document: the app's records and anything else not reserved. */
export function isOrdinaryId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= LIMITS.docId && !id.startsWith('_') && !CONTROL.test(id);
}

/** Which route the decoded path names, or why none does. */
export function matchRoute(segments: readonly string[]): Route | Refused {
  if (segments.length === 0) return { kind: 'root' };
  const [first, second, ...rest] = segments;
  if (first === '_session') return segments.length === 1 ? { kind: 'session' } : forbidden('Not offered by this server.');
  if (first.startsWith('_')) return forbidden('Only a server admin may use this.');
  if (!DB_NAME.test(first)) return new Refused(400, 'illegal_database_name', 'Not a database name this server takes.');
  const db = first;
  if (second === undefined) return { kind: 'db', db };
  if (rest.length > 0) {
    if (second.startsWith('_design/')) return forbidden('Design document functions and attachments are not offered.');
    if (second.startsWith('_')) return forbidden('Not offered by this server.');
    return forbidden('Attachments are not taken by this server.');
  }
  switch (second) {
    case '_all_docs':
      return { kind: 'all_docs', db };
    case '_changes':
      return { kind: 'changes', db };
    case '_revs_diff':
      return { kind: 'revs_diff', db };
    case '_bulk_get':
      return { kind: 'bulk_get', db };
    case '_bulk_docs':
      return { kind: 'bulk_docs', db };
    case '_security':
      return { kind: 'security', db };
    case OWNER_DDOC:
      return { kind: 'owner_ddoc', db, id: OWNER_DDOC };
  }
  if (second.startsWith('_design/')) return forbidden('Only a server admin may use other design documents.');
  if (second.startsWith('_local/')) {
    if (CHECKPOINT_ID.test(second) && !INTERNAL_LOCAL.has(second)) return { kind: 'checkpoint', db, id: second };
    return forbidden('Only replication checkpoints may be read or written among local documents.');
  }
  if (second.startsWith('_')) return forbidden('Not offered by this server.');
  if (!isOrdinaryId(second)) return bad('Not a document id this server takes.');
  return { kind: 'doc', db, id: second };
}

// ---------------------------------------------------------------------------------------------
// Query parameters: each route's own, with typed values; any other is refused.

type Param = (value: string) => string | null;

const bool: Param = (v) => (v === 'true' || v === 'false' ? v : null);
const int =
  (min: number, max: number): Param =>
  (v) =>
    /^(0|[1-9][0-9]{0,15})$/.test(v) && Number(v) >= min && Number(v) <= max ? String(Number(v)) : null;
const oneOf =
  (...values: string[]): Param =>
  (v) =>
    values.includes(v) ? v : null;
/** A revision id: generation and hash. */
export const REV = /^[1-9][0-9]{0,9}-[0-9a-f]{1,128}$/;
const rev: Param = (v) => (REV.test(v) ? v : null);
const parseJsonParam = (v: string): unknown => {
  if (v.length > LIMITS.jsonParam) return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
};
const jsonString: Param = (v) => {
  const s = parseJsonParam(v);
  return typeof s === 'string' && !CONTROL.test(s) ? JSON.stringify(s) : null;
};
/** A key that names one document: never a local one (PouchDB keeps those apart, and none is read here). */
const docKey: Param = (v) => {
  const s = parseJsonParam(v);
  return typeof s === 'string' && !CONTROL.test(s) && !s.startsWith('_local/') ? JSON.stringify(s) : null;
};
const docKeys: Param = (v) => {
  const a = parseJsonParam(v);
  return Array.isArray(a) && a.length <= LIMITS.keys && a.every((s) => typeof s === 'string' && !CONTROL.test(s) && !s.startsWith('_local/')) ? JSON.stringify(a) : null;
};
const openRevs: Param = (v) => {
  if (v === 'all') return v;
  const a = parseJsonParam(v);
  return Array.isArray(a) && a.length > 0 && a.length <= LIMITS.revsPerDoc && a.every((r) => typeof r === 'string' && REV.test(r)) ? JSON.stringify(a) : null;
};
const since: Param = (v) => (/^(0|[1-9][0-9]{0,15}|now)$/.test(v) ? v : null);

/** Query parameter → its check; a name mapped to another (`start_key`) is renamed. */
type QuerySpec = Readonly<Record<string, Param | readonly [rename: string, check: Param]>>;

const NONE: QuerySpec = {};
const ALL_DOCS_QUERY: QuerySpec = {
  include_docs: bool,
  conflicts: bool,
  descending: bool,
  inclusive_end: bool,
  update_seq: bool,
  limit: int(0, 100_000),
  skip: int(0, 1_000_000),
  key: docKey,
  keys: docKeys,
  startkey: jsonString,
  endkey: jsonString,
  start_key: ['startkey', jsonString],
  end_key: ['endkey', jsonString],
};
// What PouchDB's http adapter sends for `changes` (feed=longpoll when live), less `filter`,
// `view`, `attachments` and `query_params` (filters run code or read more than the feed).
const CHANGES_QUERY: QuerySpec = {
  feed: oneOf('normal', 'longpoll'),
  since,
  limit: int(1, 100_000),
  heartbeat: int(1000, 60_000),
  timeout: int(1000, 60_000),
  style: oneOf('main_only', 'all_docs'),
  seq_interval: int(1, 100_000),
  include_docs: bool,
  conflicts: bool,
  descending: bool,
  update_seq: bool,
};
const DOC_READ_QUERY: QuerySpec = {
  rev,
  revs: bool,
  open_revs: openRevs,
  latest: bool,
  conflicts: bool,
  deleted_conflicts: bool,
  revs_info: bool,
};

/** The query as checked and put in canonical form, or why it is refused. */
export function checkQuery(spec: QuerySpec, query: Target['query'], required: readonly string[] = []): (readonly [string, string])[] | Refused {
  const out: [string, string][] = [];
  for (const [name, value] of query) {
    const entry = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!entry) {
      if (name === 'next') return bad('The next redirect is not offered by this server.');
      if (name === 'callback') return bad('JSONP is not offered by this server.');
      if (name === 'filter' || name === 'view') return bad('Filtered change feeds are not offered by this server.');
      return bad(`The query parameter ${name} is not taken here.`);
    }
    const [as, check] = typeof entry === 'function' ? [name, entry] : entry;
    const v = check(value);
    if (v === null) return bad(`Invalid value for the query parameter ${name}.`);
    if (out.some(([n]) => n === as)) return bad(`The query parameter ${as} is given twice.`);
    out.push([as, v]);
  }
  for (const r of required) if (!out.some(([n]) => n === r)) return bad(`The query parameter ${r} is required here.`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Who may do what

/** `reader`: named in the database's admins or members; `owner`: named in its admins, or the person whose database it is. */
export type DbRole = 'none' | 'reader' | 'owner';

export interface SecurityObject {
  readonly admins: { readonly names: readonly string[]; readonly roles: readonly string[] };
  readonly members: { readonly names: readonly string[]; readonly roles: readonly string[] };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** A stored security object read defensively: anything but an array of strings counts as nobody. */
export function readSecurityObject(v: unknown): SecurityObject {
  const o = isObject(v) ? v : {};
  const part = (p: unknown) => (isObject(p) ? { names: strings(p.names), roles: strings(p.roles) } : { names: [], roles: [] });
  return { admins: part(o.admins), members: part(o.members) };
}

/** The person a per-user database belongs to (`userdb-` + hex of the UTF-8 name), or null. */
export function perUserOwner(db: string): string | null {
  const m = /^userdb-((?:[0-9a-f]{2})+)$/.exec(db);
  if (!m) return null;
  try {
    const name = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(m[1], 'hex'));
    return userDbName(name) === db ? name : null;
  } catch {
    return null;
  }
}

/** The user's role in the database (names only; roles in the security object give nobody anything here). */
export function roleIn(db: string, sec: SecurityObject, name: string): DbRole {
  if (!name) return 'none';
  if (userDbName(name) === db || sec.admins.names.includes(name)) return 'owner';
  if (sec.members.names.includes(name)) return 'reader';
  return 'none';
}

// ---------------------------------------------------------------------------------------------
// Methods per route

export type BodyKind = 'none' | 'all_docs_keys' | 'session' | 'security' | 'bulk_docs' | 'bulk_get' | 'revs_diff' | 'doc' | 'owner_ddoc' | 'checkpoint';

export interface MethodSpec {
  /** Who may: `user` is anyone logged in. */
  readonly role: 'anyone' | 'user' | 'reader' | 'owner';
  readonly query: QuerySpec;
  readonly requiredQuery?: readonly string[];
  readonly body: BodyKind;
  /** Largest body in bytes. */
  readonly limit?: number;
}

export interface RouteSpec {
  readonly methods: Readonly<Record<string, MethodSpec>>;
  /** Methods CouchDB has on this path that the stand-in keeps for server admins: 403, not 405. */
  readonly adminOnly: readonly string[];
}

const read = (query: QuerySpec, role: MethodSpec['role'] = 'reader'): MethodSpec => ({ role, query, body: 'none' });

export const ROUTES: Readonly<Record<RouteKind, RouteSpec>> = {
  root: { methods: { GET: read(NONE, 'user'), HEAD: read(NONE, 'user') }, adminOnly: [] },
  session: {
    methods: {
      POST: { role: 'anyone', query: NONE, body: 'session', limit: LIMITS.sessionBody },
      GET: read(NONE, 'user'),
      DELETE: read(NONE, 'user'),
    },
    adminOnly: [],
  },
  db: { methods: { GET: read(NONE), HEAD: read(NONE) }, adminOnly: ['PUT', 'DELETE', 'POST'] },
  // POST with {keys}: PouchDB 7's replication fetches first revisions this way.
  all_docs: {
    methods: { GET: read(ALL_DOCS_QUERY), HEAD: read(ALL_DOCS_QUERY), POST: { role: 'reader', query: ALL_DOCS_QUERY, body: 'all_docs_keys', limit: LIMITS.bulkGetBody } },
    adminOnly: [],
  },
  changes: { methods: { GET: read(CHANGES_QUERY) }, adminOnly: ['POST'] },
  revs_diff: { methods: { POST: { role: 'reader', query: NONE, body: 'revs_diff', limit: LIMITS.revsDiffBody } }, adminOnly: [] },
  bulk_get: { methods: { POST: { role: 'reader', query: { revs: bool, latest: bool }, body: 'bulk_get', limit: LIMITS.bulkGetBody } }, adminOnly: [] },
  // Any reader may post; each document then needs its owner (refusals come back per document).
  bulk_docs: { methods: { POST: { role: 'reader', query: NONE, body: 'bulk_docs', limit: LIMITS.bulkDocsBody } }, adminOnly: [] },
  security: {
    methods: { GET: read(NONE, 'owner'), PUT: { role: 'owner', query: NONE, body: 'security', limit: LIMITS.securityBody } },
    adminOnly: [],
  },
  doc: {
    methods: {
      GET: read(DOC_READ_QUERY),
      HEAD: read(DOC_READ_QUERY),
      PUT: { role: 'owner', query: NONE, body: 'doc', limit: LIMITS.docBody },
      DELETE: { role: 'owner', query: { rev }, requiredQuery: ['rev'], body: 'none' },
    },
    adminOnly: ['COPY', 'POST'],
  },
  owner_ddoc: {
    methods: { GET: read(DOC_READ_QUERY), HEAD: read(DOC_READ_QUERY), PUT: { role: 'owner', query: NONE, body: 'owner_ddoc', limit: LIMITS.docBody } },
    adminOnly: ['DELETE', 'COPY', 'POST'],
  },
  checkpoint: {
    methods: { GET: read(NONE, 'owner'), PUT: { role: 'owner', query: NONE, body: 'checkpoint', limit: LIMITS.checkpointBody } },
    adminOnly: ['DELETE', 'COPY', 'POST'],
  },
};

/** The method's spec on this route, or 403 (kept for admins) / 405 (not a method of this path). */
export function methodSpec(kind: RouteKind, method: string): MethodSpec | Refused {
  const route = ROUTES[kind];
  const spec = Object.prototype.hasOwnProperty.call(route.methods, method) ? route.methods[method] : undefined;
  if (spec) return spec;
  if (route.adminOnly.includes(method)) return forbidden('Only a server admin may do this.');
  return new Refused(405, 'method_not_allowed', `Only ${Object.keys(route.methods).join(',')} allowed`, Object.keys(route.methods));
}

// ---------------------------------------------------------------------------------------------
// Bodies

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A JSON body: valid UTF-8, valid JSON, nested at most LIMITS.jsonDepth deep, and no
 * `__proto__` key anywhere (PouchDB copies documents with plain assignment, where such a key
 * would give the copy a prototype: inherited `_attachments` or `_deleted`).
 */
export function parseJsonBody(buf: Buffer): Json | Refused {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return bad('The body is not valid UTF-8.');
  }
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return bad('invalid UTF-8 JSON');
  }
  const stack: [Json, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > LIMITS.jsonDepth) return bad('The body is nested too deeply.');
    if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
    else {
      for (const k of Object.keys(v)) {
        if (k === '__proto__') return bad('The key __proto__ is not taken.');
        stack.push([v[k], depth + 1]);
      }
    }
  }
  return value;
}

/** A form body (`application/x-www-form-urlencoded`) with unique names. */
export function parseFormBody(buf: Buffer): Record<string, string> | Refused {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return bad('The body is not valid UTF-8.');
  }
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (text === '') return out;
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return bad('Malformed form body.');
    const k = decode(pair.slice(0, eq).replace(/\+/g, ' '));
    const v = decode(pair.slice(eq + 1).replace(/\+/g, ' '));
    if (k === null || v === null || k in out) return bad('Malformed form body.');
    out[k] = v;
  }
  return out;
}

const hasOnlyKeys = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));

/** `POST /_session`: a name and a password, nothing else. */
export function checkSessionBody(v: unknown): { name: string; password: string } | Refused {
  if (!isObject(v) || !hasOnlyKeys(v, ['name', 'password'])) return bad('Give a name and a password.');
  const { name, password } = v;
  if (typeof name !== 'string' || name.length === 0 || name.length > LIMITS.userName || CONTROL.test(name)) return bad('Give a name and a password.');
  if (typeof password !== 'string' || password.length === 0 || password.length > LIMITS.password) return bad('Give a name and a password.');
  return { name, password };
}

const isName = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= LIMITS.userName && !CONTROL.test(s);

/**
 * `PUT /{db}/_security` by the owner: names only (roles stay empty), bounded, and the person
 * whose database it is stays its admin and member; the requester stays an admin.
 */
export function checkSecurityBody(v: unknown, db: string, requester: string): SecurityObject | Refused {
  if (!isObject(v) || !hasOnlyKeys(v, ['admins', 'members'])) return bad('A security object has admins and members, nothing else.');
  const part = (p: unknown, what: string): SecurityObject['admins'] | Refused => {
    if (!isObject(p) || !hasOnlyKeys(p, ['names', 'roles'])) return bad(`${what} must be {names, roles}.`);
    const names = p.names ?? [];
    const roles = p.roles ?? [];
    if (!Array.isArray(names) || names.length > LIMITS.namesPerList || !names.every(isName)) return bad(`${what}.names must be a list of at most ${LIMITS.namesPerList} user names.`);
    if (!Array.isArray(roles) || roles.length > 0) return forbidden(`${what}.roles must be empty: only a server admin gives access by role.`);
    return { names: [...names], roles: [] };
  };
  const admins = part(v.admins, 'admins');
  if (admins instanceof Refused) return admins;
  const members = part(v.members, 'members');
  if (members instanceof Refused) return members;
  const owner = perUserOwner(db);
  if (owner !== null && !(admins.names.includes(owner) && members.names.includes(owner))) return forbidden('The person this database belongs to stays its admin and member.');
  if (!admins.names.includes(requester)) return forbidden('You would no longer be an admin of this database.');
  return { admins, members };
}

const REVISIONS_ID = /^[0-9a-f]{1,128}$/;

/** Why a document's special (`_`) members are not taken, or null when they are. */
function specialMembersProblem(doc: Record<string, unknown>, allowed: readonly string[]): string | null {
  for (const k of Object.keys(doc)) {
    if (!k.startsWith('_')) continue;
    if (!allowed.includes(k)) return `Bad special document member: ${k}`;
  }
  if (doc._rev !== undefined && (typeof doc._rev !== 'string' || !REV.test(doc._rev))) return 'Invalid rev format';
  if (doc._deleted !== undefined && typeof doc._deleted !== 'boolean') return '_deleted must be true or false';
  if (doc._revisions !== undefined) {
    const r = doc._revisions;
    if (!isObject(r) || !hasOnlyKeys(r, ['start', 'ids']) || typeof r.start !== 'number' || !Number.isInteger(r.start) || r.start < 1 || r.start > 1e9) return 'Invalid _revisions';
    if (!Array.isArray(r.ids) || r.ids.length === 0 || r.ids.length > LIMITS.revsPerDoc || !r.ids.every((id) => typeof id === 'string' && REVISIONS_ID.test(id))) return 'Invalid _revisions';
  }
  return null;
}

export const OWNER_ONLY_REASON = 'Only the person these records belong to can change them.';

export interface DocVerdict {
  readonly id: string;
  /** Null when the document may be written. */
  readonly refusal: string | null;
}

/**
 * Whether `role` may write `doc`: the owner-only rule (VALIDATE_OWNER_ONLY, applied here in
 * TypeScript), the app's design document only with its exact content, no other design or local
 * documents, no attachments, no unknown special members.
 */
export function judgeDoc(doc: Record<string, unknown> & { _id: string }, role: DbRole): DocVerdict {
  const id = doc._id;
  const no = (reason: string): DocVerdict => ({ id, refusal: reason });
  if (id.startsWith('_local/')) return no('Local documents are not written here.');
  if (id === OWNER_DDOC) {
    if (role !== 'owner') return no(OWNER_ONLY_REASON);
    const problem = specialMembersProblem(doc, ['_id', '_rev', '_revisions']);
    if (problem) return no(problem);
    if (!hasOnlyKeys(doc, ['_id', '_rev', '_revisions', 'validate_doc_update', 'language'])) return no('The posture-owner design document holds the owner-only rule and nothing else.');
    if (doc.validate_doc_update !== VALIDATE_OWNER_ONLY) return no('The posture-owner design document holds the owner-only rule and nothing else.');
    if (doc.language !== undefined && doc.language !== 'javascript') return no('The posture-owner design document holds the owner-only rule and nothing else.');
    return { id, refusal: null };
  }
  if (id.startsWith('_design/')) return no('Only a server admin may write design documents.');
  if (!isOrdinaryId(id)) return no('Only reserved document ids may start with underscore.');
  if (role !== 'owner') return no(OWNER_ONLY_REASON);
  const problem = specialMembersProblem(doc, ['_id', '_rev', '_deleted', '_revisions']);
  return problem ? no(problem) : { id, refusal: null };
}

export interface BulkDocsBody {
  readonly docs: (Record<string, unknown> & { _id: string })[];
  readonly new_edits?: boolean;
}

/** `POST /{db}/_bulk_docs`: `{docs: [...], new_edits?}`, each document an object with a string `_id`. */
export function checkBulkDocsBody(v: unknown): BulkDocsBody | Refused {
  if (!isObject(v) || !hasOnlyKeys(v, ['docs', 'new_edits'])) return bad("Missing JSON list of 'docs'");
  if (!Array.isArray(v.docs) || v.docs.length > LIMITS.docsPerRequest) return bad("Missing JSON list of 'docs'");
  if (v.new_edits !== undefined && typeof v.new_edits !== 'boolean') return bad('new_edits must be true or false');
  for (const d of v.docs) {
    if (!isObject(d) || typeof d._id !== 'string' || d._id.length === 0 || d._id.length > LIMITS.docId + 10) return bad('Each document needs a string _id.');
  }
  return { docs: v.docs as BulkDocsBody['docs'], ...(v.new_edits === undefined ? {} : { new_edits: v.new_edits }) };
}

const isReadableId = (id: unknown): id is string => isOrdinaryId(id) || id === OWNER_DDOC;

/** `POST /{db}/_bulk_get`: `{docs: [{id, rev?}]}`, ordinary ids or the app's design document. */
export function checkBulkGetBody(v: unknown): { docs: { id: string; rev?: string }[] } | Refused {
  if (!isObject(v) || !hasOnlyKeys(v, ['docs']) || !Array.isArray(v.docs) || v.docs.length > LIMITS.docsPerRequest) return bad("Missing JSON list of 'docs'");
  const docs: { id: string; rev?: string }[] = [];
  for (const d of v.docs) {
    if (!isObject(d) || !hasOnlyKeys(d, ['id', 'rev'])) return bad('Each entry is {id, rev?}.');
    if (typeof d.id === 'string' && d.id.startsWith('_') && d.id !== OWNER_DDOC) return forbidden('Only ordinary documents and the posture-owner design document are read here.');
    if (!isReadableId(d.id)) return bad('Each entry is {id, rev?}.');
    if (d.rev !== undefined && (typeof d.rev !== 'string' || !REV.test(d.rev))) return bad('Invalid rev format');
    docs.push(d.rev === undefined ? { id: d.id } : { id: d.id, rev: d.rev });
  }
  return { docs };
}

/** `POST /{db}/_all_docs`: `{keys: [id, ...]}`, no local ids. */
export function checkAllDocsKeysBody(v: unknown): { keys: string[] } | Refused {
  if (!isObject(v) || !hasOnlyKeys(v, ['keys']) || !Array.isArray(v.keys) || v.keys.length > LIMITS.docsPerRequest) return bad('The body is {keys: [id, ...]}.');
  if (!v.keys.every((k) => typeof k === 'string' && !CONTROL.test(k) && k.length <= LIMITS.docId + 10)) return bad('The body is {keys: [id, ...]}.');
  if (v.keys.some((k) => (k as string).startsWith('_local/'))) return forbidden('Local documents are not read here.');
  return { keys: [...(v.keys as string[])] };
}

/** `POST /{db}/_revs_diff`: `{id: [rev, ...]}`. */
export function checkRevsDiffBody(v: unknown): Record<string, string[]> | Refused {
  if (!isObject(v)) return bad('Request body must be a JSON object');
  const keys = Object.keys(v);
  if (keys.length > LIMITS.docsPerRequest) return new Refused(413, 'too_large', 'Too many documents in one request.');
  const out: Record<string, string[]> = {};
  for (const id of keys) {
    if (id.startsWith('_') && id !== OWNER_DDOC) return forbidden('Only ordinary documents and the posture-owner design document are compared here.');
    if (!isReadableId(id)) return bad('Not a document id this server takes.');
    const revs = v[id];
    if (!Array.isArray(revs) || revs.length > LIMITS.revsPerDoc || !revs.every((r) => typeof r === 'string' && REV.test(r))) return bad('Each id maps to a list of revisions.');
    Object.defineProperty(out, id, { value: [...revs], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `PUT /{db}/_local/{checkpoint}`: a replication checkpoint (no special members but `_id` and `_rev`). */
export function checkCheckpointBody(v: unknown, id: string): JsonObject | Refused {
  if (!isObject(v)) return bad('Document must be a JSON object');
  if (v._id !== undefined && v._id !== id) return bad('The _id does not match the address.');
  for (const k of Object.keys(v)) if (k.startsWith('_') && k !== '_id' && k !== '_rev') return bad(`Bad special document member: ${k}`);
  if (v._rev !== undefined && (typeof v._rev !== 'string' || !/^0-[1-9][0-9]{0,9}$/.test(v._rev))) return bad('Invalid rev format');
  return { ...(v as JsonObject), _id: id };
}
