// Keeps a local PouchDB database the mirror of the app's Dexie database, both ways:
// - every committed change in Dexie (lib/storage/change-feed.ts) becomes a document edit,
//   stamped when it was committed by this device's edit clock (rules/clock.ts);
// - every document that arrives from another device (through replication) is checked
//   (rules/check.ts) and, once conflicting revisions are settled by the rule in
//   rules/resolve.ts, written into Dexie. A document that fails the checks is set aside with
//   its reason: it never reaches Dexie, never fails the others, and never causes a deletion.
// Beside the records, Dexie keeps what this device and the server last agreed on for each one
// (`syncBase`, a content hash). That is how an edit made here (even one still waiting when the
// page closed, or made while sync was off) is told from one made elsewhere (rules/decide.ts).
// Dexie stays the app's store (its indexes serve every page); PouchDB only carries changes.
import type { PostureDb, SyncBaseRecord, TableName } from '../storage/db';
import { markFromSync, onStorageChange, type StorageChange } from '../storage/change-feed';
import { isQuotaError } from '../storage/errors';
import { checkDoc } from './rules/check';
import { compareStamps, EditClock, FRESH_CLOCK, ZERO_STAMP, type ClockState, type Stamp } from './rules/clock';
import { decide, type Decision, type DocState } from './rules/decide';
import { contentHash, docIdOf, fromDocRecord, isSyncedTable, keyOf, NO_RECORD, parseDocId, recordHash, SYNCED_TABLES, toDocRecord, travels, type JsonObject, type RecordDoc, type SyncedTable } from './rules/docs';
import { resolveConflict } from './rules/resolve';

// Every table of the person's records travels: a table added to TABLE_NAMES and not to SYNCED_TABLES fails `tsc`.
const everyTableSyncs: [Exclude<TableName, SyncedTable>] extends [never] ? true : false = true;
void everyTableSyncs;

type Body = Omit<RecordDoc, '_id' | '_rev' | '_deleted' | '_conflicts'>;
export type SyncDocs = PouchDB.Database<Body>;
type AnyDoc = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean };

const MIRROR_STATE = '_local/posture-mirror';
/** At most this many set-aside documents are kept listed (with their reasons) across restarts. */
const MAX_LISTED = 500;

/** A document from the server that this device could not use, and why. */
export interface SetAsideItem {
  readonly id: string;
  readonly rev: string;
  readonly reason: string;
}

interface MirrorState {
  _id: string;
  _rev?: string;
  /** The last change of the local database already written into Dexie. */
  appliedSeq: number | string;
  /** The first pull from the server has finished: this device's own records may be compared with the server's. */
  pulled?: boolean;
  /** Agreed contents are kept in `syncBase` (absent: a copy made by an earlier version of the app). */
  bases?: boolean;
  clock?: ClockState;
  setAside?: SetAsideItem[];
}

const isNotFound = (err: unknown) => (err as { status?: number })?.status === 404;
const isConflict = (err: unknown) => (err as { status?: number })?.status === 409;
/** Storage is full (PouchDB may only say so in its message). */
export const isStorageFull = (err: unknown) => isQuotaError(err) || /quota/i.test((err as { message?: string } | null)?.message ?? '');

export interface MirrorOptions {
  readonly device: string;
  readonly now?: () => number;
  /** The sync account (its database name): what this device agreed on is kept per account. */
  readonly account?: string;
  /** Told whenever the documents set aside change. */
  readonly onSetAside?: (items: readonly SetAsideItem[]) => void;
  /** Told when writing failed (the device's storage is full, say); what failed is tried again at the next start. */
  readonly onError?: (err: unknown) => void;
}

interface Arrival {
  readonly id: string;
  readonly table: SyncedTable;
  readonly key: string;
  /** The record, or null for a deletion. */
  readonly record: JsonObject | null;
  readonly doc: AnyDoc;
}

export class Mirror {
  private readonly now: () => number;
  private readonly account: string;
  private readonly ownRevs = new Set<string>();
  /** Edits committed here and not yet written as documents, by document id: the stamp they carry. */
  private readonly waiting = new Map<string, Stamp>();
  private clock: EditClock;
  private unsubscribe: (() => void) | null = null;
  private feed: PouchDB.Changes<Body> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private appliedSeq: number | string = 0;
  private pulled = false;
  /** The sync copy was made by an earlier version, which kept no agreed contents: its documents are what was agreed. */
  private legacy = false;
  private setAsideById = new Map<string, SetAsideItem>();
  private stopped = false;

  constructor(
    private readonly db: PostureDb,
    private readonly docs: SyncDocs,
    private readonly options: MirrorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.account = options.account ?? 'local';
    this.clock = new EditClock(options.device);
  }

  /**
   * Writes what arrived while closed into Dexie, then (once the server has been read at least
   * once, see `markPulled`) brings documents and records into agreement, then follows both.
   */
  async start(): Promise<void> {
    // Edits made while starting are heard from the first moment, and wait in the queue behind it.
    this.unsubscribe = onStorageChange(this.db.name, (changes) => {
      if (!changes.some((c) => !c.fromSync && isSyncedTable(c.table))) return;
      // Stamped when the change was committed, not when the queue reaches it.
      const stamp = this.clock.tick(this.now());
      for (const c of changes) {
        if (c.fromSync || !isSyncedTable(c.table) || c.keys === 'all') continue;
        for (const key of c.keys) this.waiting.set(docIdOf(c.table, key), stamp);
      }
      this.enqueue(() => this.pushLocal(changes, stamp));
    });
    let failure: unknown = null;
    this.queue = this.queue.then(() =>
      this.begin().catch((err) => {
        failure = err;
      }),
    );
    await this.queue;
    if (failure) {
      this.stop();
      throw failure;
    }
  }

  private async begin(): Promise<void> {
    const state = await this.state();
    this.appliedSeq = state.appliedSeq;
    this.legacy = state.bases !== true && state.appliedSeq !== 0;
    this.pulled = state.pulled ?? this.legacy;
    this.clock = new EditClock(this.options.device, state.clock ?? FRESH_CLOCK);
    for (const item of state.setAside ?? []) this.setAsideById.set(item.id, item);
    await this.observeAll();
    const missed = await this.docs.changes({ since: this.appliedSeq, include_docs: true, style: 'all_docs' });
    await this.applyChanges(missed.results);
    await this.saveState(missed.last_seq ?? this.appliedSeq);
    if (this.pulled) await this.reconcile();
    if (this.stopped) return;
    this.feed = this.docs.changes({ live: true, since: this.appliedSeq, include_docs: true, style: 'all_docs' });
    // Changes arrive one by one; they are written into Dexie in batches (one transaction each).
    let batch: PouchDB.Change<Body>[] = [];
    this.feed.on('change', (change) => {
      batch.push(change);
      if (batch.length > 1) return;
      this.enqueue(async () => {
        const taken = batch;
        batch = [];
        await this.applyChanges(taken);
        await this.saveState(taken[taken.length - 1].seq);
      });
    });
  }

  /**
   * The first pull from the server has finished. Until then this device's own records are not
   * compared with documents (a record the server has in a later version would look like an
   * edit made here); edits made meanwhile are sent as usual.
   */
  markPulled(): Promise<void> {
    if (this.pulled) return this.queue;
    this.enqueue(async () => {
      if (this.pulled) return;
      this.pulled = true;
      await this.saveState(this.appliedSeq);
      await this.reconcile();
    });
    return this.queue;
  }

  /** Documents from the server set aside (not used here), with why. */
  async setAside(): Promise<SetAsideItem[]> {
    await this.queue;
    return [...this.setAsideById.values()];
  }

  /** Resolves once every change noticed so far is written both ways. */
  idle(): Promise<void> {
    return this.queue;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.feed?.cancel();
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(() => (this.stopped ? undefined : task()))
      .catch((err) => {
        console.error('sync mirror:', err);
        this.options.onError?.(err);
      });
  }

  private async state(): Promise<MirrorState> {
    try {
      return (await this.docs.get(MIRROR_STATE)) as unknown as MirrorState;
    } catch (err) {
      if (isNotFound(err)) return { _id: MIRROR_STATE, appliedSeq: 0, bases: true };
      throw err;
    }
  }

  private async saveState(seq: number | string): Promise<void> {
    this.appliedSeq = seq;
    const state = await this.state();
    const next: MirrorState = {
      ...state,
      appliedSeq: seq,
      pulled: this.pulled,
      bases: !this.legacy,
      clock: this.clock.snapshot,
      setAside: [...this.setAsideById.values()].slice(0, MAX_LISTED),
    };
    await this.docs.put(next as never);
  }

  private noteSetAside(id: string, rev: string, reason: string | null): void {
    const had = this.setAsideById.get(id);
    if (reason === null) {
      if (!had) return;
      this.setAsideById.delete(id);
    } else {
      if (had?.rev === rev && had.reason === reason) return;
      this.setAsideById.set(id, { id, rev, reason });
    }
    this.options.onSetAside?.([...this.setAsideById.values()]);
  }

  /** Every stamp in the sync copy: the clock starts at least as late as any edit already seen. */
  private async observeAll(): Promise<void> {
    const { rows } = await this.docs.allDocs({ include_docs: true });
    const now = this.now();
    for (const r of rows) {
      const check = checkDoc(r.doc);
      if (check.kind === 'record') this.clock.observe(check.stamp, now);
    }
  }

  /**
   * What a sync copy made by an earlier version (which kept no agreed contents) says was agreed:
   * a document this device wrote itself, over a record it still has, is what the record held
   * then. Anything else is unknown (the earlier version could skip documents that arrived), so
   * the server's version is taken rather than anything being sent or deleted on its strength.
   */
  private legacyBase(row: Record<string, unknown> | undefined, doc: AnyDoc | null | undefined, docHash: string | undefined): string | undefined {
    if (!this.legacy || !row || !doc || docHash === undefined) return undefined;
    return doc.device === this.options.device ? docHash : undefined;
  }

  private baseId(docId: string): string {
    return `${this.account}\n${docId}`;
  }

  /** The document's current winning revision; a deletion is read too (with its stamp), null when there never was one. */
  private async current(id: string): Promise<AnyDoc | null> {
    try {
      return (await this.docs.get(id)) as unknown as AnyDoc;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    // Deleted (or never there): the leaves say which, and carry the deletion's stamp.
    try {
      const leaves = (await this.docs.get(id, { open_revs: 'all' } as never)) as unknown as { ok?: AnyDoc }[];
      const docs = leaves.map((l) => l.ok).filter((d): d is AnyDoc => Boolean(d));
      docs.sort((a, b) => revOrder(b._rev) - revOrder(a._rev) || ((b._rev ?? '') > (a._rev ?? '') ? 1 : -1));
      return docs[0] ?? null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /** Every record in Dexie against every document: sends this device's edits, takes the server's. */
  private async reconcile(): Promise<void> {
    for (const table of SYNCED_TABLES) {
      const rows = (await this.db.tableOf(table).toArray()) as Record<string, unknown>[];
      const { rows: docRows } = await this.docs.allDocs({ include_docs: true, startkey: `${table}:`, endkey: `${table}:\ufff0` });
      const prefix = this.baseId(`${table}:`);
      const bases = await this.db.syncBase.where('id').startsWith(prefix).toArray();
      const local = new Map<string, Record<string, unknown>>();
      for (const row of rows) {
        const key = keyOf(table, row);
        if (key) local.set(key, row);
      }
      const docs = new Map<string, AnyDoc>();
      for (const r of docRows) {
        const parsed = parseDocId(r.id);
        if (parsed && r.doc) docs.set(parsed.key, r.doc as unknown as AnyDoc);
      }
      const base = new Map(bases.map((b) => [b.id.slice(prefix.length), b.hash]));
      const keys = new Set([...local.keys(), ...docs.keys(), ...base.keys()]);
      const arrivals: Arrival[] = [];
      const pushes: string[] = [];
      for (const key of keys) {
        if (!travels(table, key)) continue;
        const id = docIdOf(table, key);
        const row = local.get(key);
        // Gone on both sides, and agreed so: nothing to look up.
        if (!row && !docs.has(key) && base.get(key) === NO_RECORD) continue;
        // allDocs lists live documents only: a deletion is looked up where it matters.
        const doc = docs.get(key) ?? (row || base.has(key) ? await this.current(id) : null);
        const check = doc ? checkDoc(doc) : null;
        const state: DocState = !doc ? { kind: 'none' } : check?.kind === 'record' ? docState(check.record) : { kind: 'refused' };
        const localHash = recordHash(table, row);
        const agreed = base.get(key) ?? this.legacyBase(row, doc, state.kind === 'live' ? state.hash : undefined);
        const decision = decide(localHash, agreed, state);
        if (decision === 'push') pushes.push(key);
        else if (decision !== 'keep' && doc && check?.kind === 'record') arrivals.push({ id, table, key, record: check.record, doc });
        else if (decision === 'agree') arrivals.push({ id, table, key, record: null, doc: { _id: id, _deleted: true } });
      }
      await this.store(arrivals, this.legacy);
      for (const key of pushes) await this.writeEdit(table, key, this.clock.tick(this.now()));
    }
    if (this.legacy) {
      this.legacy = false;
      await this.saveState(this.appliedSeq);
    }
  }

  private async pushLocal(changes: readonly StorageChange[], stamp: Stamp): Promise<void> {
    let failure: unknown = null;
    let reconciled = false;
    for (const change of changes) {
      if (change.fromSync || !isSyncedTable(change.table)) continue;
      const table = change.table;
      if (change.keys === 'all') {
        // A table cleared ("Delete everything" clears them all in one go): one comparison of everything.
        if (this.pulled && !reconciled) await this.reconcile().catch((err) => (failure ??= err));
        reconciled = true;
        continue;
      }
      for (const key of change.keys) {
        const id = docIdOf(table, key);
        try {
          await this.writeEdit(table, key, this.waiting.get(id) ?? stamp);
        } catch (err) {
          failure ??= err;
        } finally {
          if (this.waiting.get(id) === stamp) this.waiting.delete(id);
        }
      }
    }
    if (failure) throw failure;
  }

  /**
   * Makes the document match the record here (none: deleted), as an edit stamped `stamp`,
   * unless a later edit of the same record arrived before this one was written: that one wins,
   * and is written into Dexie instead.
   */
  private async writeEdit(table: SyncedTable, key: string, stamp: Stamp, attempt = 0): Promise<void> {
    if (!travels(table, key)) return;
    const id = docIdOf(table, key);
    const row = (await this.db.tableOf(table).get(key)) as Record<string, unknown> | undefined;
    const record = row ? toDocRecord(table, row) : null;
    const hash = recordHash(table, row);
    const existing = await this.current(id);
    const existingCheck = existing ? checkDoc(existing) : null;
    const live = existing && !existing._deleted ? existing : null;
    const existingHash = live ? contentHash((live.record as JsonObject | null) ?? null) : NO_RECORD;
    if (existingHash === hash && live && existingCheck?.kind === 'record') {
      await this.setBases([[id, hash]]);
      return;
    }
    if (existing && existingCheck?.kind === 'record' && compareStamps(existingCheck.stamp, stamp) > 0) {
      await this.store([{ id, table, key, record: existingCheck.record, doc: existing }], false, true);
      return;
    }
    const body = {
      _id: id,
      ...(existing?._rev && !existing._deleted ? { _rev: existing._rev } : {}),
      ...(record ? {} : { _deleted: true }),
      table,
      record,
      editedAtMs: stamp.wallMs,
      ...(stamp.counter ? { counter: stamp.counter } : {}),
      device: stamp.device,
    };
    if (!record && !live) {
      // Deleted here and not there (or deleted there too). With nothing read from the server
      // yet, what was agreed stays: the record may still arrive, and the deletion is then sent.
      if (existing || this.pulled) await this.setBases([[id, NO_RECORD]]);
      return;
    }
    try {
      const res = await this.docs.put(body as never);
      this.ownRevs.add(res.rev);
    } catch (err) {
      // Replication wrote the document in between: read it again and retry once or twice.
      if (isConflict(err) && attempt < 3) return this.writeEdit(table, key, stamp, attempt + 1);
      throw err;
    }
    this.noteSetAside(id, '', null);
    await this.setBases([[id, hash]]);
  }

  private async setBases(entries: readonly [string, string][]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.syncBase.bulkPut(entries.map(([id, hash]) => ({ id: this.baseId(id), hash })));
  }

  /** Checks what arrived, settles conflicts, and writes the outcomes into Dexie. */
  private async applyChanges(changes: readonly PouchDB.Change<Body>[]): Promise<void> {
    const arrivals: Arrival[] = [];
    for (const change of changes) {
      if (change.id.startsWith('_')) continue;
      let doc = change.doc as unknown as AnyDoc | undefined;
      try {
        if ((change.changes?.length ?? 0) > 1) doc = (await this.settle(change.id)) ?? doc;
      } catch (err) {
        console.error('sync mirror: could not settle', change.id, err);
      }
      if (!doc) continue;
      if (doc._rev && this.ownRevs.has(doc._rev)) continue;
      const check = checkDoc(doc);
      if (check.kind === 'refused') {
        this.noteSetAside(change.id, doc._rev ?? '', check.reason);
        continue;
      }
      if (check.kind !== 'record') continue;
      this.noteSetAside(change.id, '', null);
      this.clock.observe(check.stamp, this.now());
      arrivals.push({ id: change.id, table: check.table, key: check.key, record: check.record, doc });
    }
    await this.store(arrivals, false);
  }

  /**
   * Writes arrivals into Dexie in one transaction, each by `decide`: taken, agreed, merged, or
   * left for this device's own edit to be sent. If the transaction fails, each is tried alone;
   * one that still fails is set aside.
   */
  private async store(arrivals: readonly Arrival[], legacy: boolean, force = false): Promise<void> {
    // The last change of a document wins within a batch.
    const byId = new Map(arrivals.map((a) => [a.id, a]));
    if (byId.size === 0) return;
    const merges: Arrival[] = [];
    try {
      await this.storeTogether([...byId.values()], legacy, force, merges);
    } catch (err) {
      if (isStorageFull(err)) throw err;
      merges.length = 0;
      for (const a of byId.values()) {
        try {
          await this.storeTogether([a], legacy, force, merges);
        } catch (one) {
          if (isStorageFull(one)) throw one;
          this.noteSetAside(a.id, a.doc._rev ?? '', `could not be stored on this device (${one instanceof Error ? one.message : String(one)})`);
        }
      }
    }
    // A merged outcome (this device's copy with the server's) goes back as an edit.
    for (const m of merges) await this.writeEdit(m.table, m.key, this.clock.tick(this.now()));
  }

  private async storeTogether(arrivals: readonly Arrival[], legacy: boolean, force: boolean, merges: Arrival[]): Promise<void> {
    const tables = [...new Set(arrivals.map((a) => a.table))];
    await this.db.transaction('rw', [...tables.map((t) => this.db.tableOf(t)), this.db.syncBase], async (tx) => {
      markFromSync(tx.idbtrans);
      const baseRows = await this.db.syncBase.bulkGet(arrivals.map((a) => this.baseId(a.id)));
      const bases: SyncBaseRecord[] = [];
      for (const table of tables) {
        const mine = arrivals.map((a, i) => ({ a, base: baseRows[i]?.hash })).filter((x) => x.a.table === table);
        const t = this.db.tableOf(table);
        const locals = (await t.bulkGet(mine.map((x) => x.a.key))) as (Record<string, unknown> | undefined)[];
        const puts: Record<string, unknown>[] = [];
        const deletes: string[] = [];
        mine.forEach(({ a, base }, i) => {
          // An edit made here and not yet written as a document decides for itself (writeEdit).
          if (!force && this.waiting.has(a.id)) return;
          const local = locals[i];
          const localHash = recordHash(table, local);
          const docHash = contentHash(a.record);
          const state = docState(a.record);
          const agreed = base ?? (legacy ? this.legacyBase(local, a.doc, a.record ? docHash : undefined) : undefined);
          let decision: Decision = force ? 'apply' : decide(localHash, agreed, state);
          let record = a.record;
          if (decision === 'merge') {
            // No history here: the server's version, merged by the conflict rule with this device's copy as the earliest edit.
            const mineAsDoc: RecordDoc = { _id: a.id, _rev: '0-local', table, record: local ? toDocRecord(table, local) : null, editedAtMs: ZERO_STAMP.wallMs, device: ZERO_STAMP.device };
            const theirs: RecordDoc = { ...(a.doc as unknown as RecordDoc), table, record: a.record, ...(a.record ? {} : { _deleted: true }) };
            const outcome = resolveConflict(theirs, [mineAsDoc]).doc;
            record = outcome._deleted ? null : outcome.record;
            if (contentHash(record) !== docHash) merges.push(a);
            decision = 'apply';
          }
          if (decision === 'apply') {
            if (!record) {
              if (local) deletes.push(a.key);
            } else if (contentHash(record) !== localHash) {
              puts.push(fromDocRecord(table, record, local));
            }
            bases.push({ id: this.baseId(a.id), hash: docHash });
          } else if (decision === 'agree' && base !== localHash) {
            bases.push({ id: this.baseId(a.id), hash: localHash });
          }
        });
        if (puts.length) await t.bulkPut(puts);
        if (deletes.length) await t.bulkDelete(deletes);
      }
      if (bases.length) await this.db.syncBase.bulkPut(bases);
    });
  }

  /**
   * Settles conflicting revisions (deletions included) by the rule every device uses, and deletes
   * the losers. A conflict with a revision that fails the checks is left as it is: such a
   * revision must not win, and the others must not be deleted because of it (every device
   * abstains alike, and shows the revision the database picks, or sets it aside).
   */
  private async settle(id: string): Promise<AnyDoc | null> {
    const leaves = (await this.docs.get(id, { open_revs: 'all' } as never)) as unknown as { ok?: AnyDoc }[];
    const all = leaves.map((l) => l.ok).filter((d): d is AnyDoc => Boolean(d));
    const parsed = parseDocId(id);
    if (all.length < 2 || !parsed) return null;
    const current = await this.current(id);
    if (!current) return null;
    if (all.some((d) => !d._deleted && checkDoc(d).kind !== 'record')) return current;
    const withTable = (d: AnyDoc) => ({ ...d, table: parsed.table }) as unknown as RecordDoc;
    const others = all.filter((d) => d._rev !== current._rev).map(withTable);
    const { doc: outcome, changed, losers } = resolveConflict(withTable(current), others);
    let result: AnyDoc = current;
    // The outcome first, on top of the revision the database shows; the losers only once it is written.
    if (changed && !(outcome._deleted && current._deleted)) {
      const [written] = await this.docs.bulkDocs([current._deleted ? { ...outcome, _rev: undefined } : outcome] as never);
      if (!written || !('rev' in written) || !written.ok) return current;
      result = { ...(outcome as unknown as AnyDoc), _rev: written.rev };
    }
    if (losers.length > 0) await this.docs.bulkDocs(losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true })) as never);
    return result;
  }
}

/** A checked document's state for `decide`: its record's content, or deleted. */
function docState(record: JsonObject | null): DocState {
  return record ? { kind: 'live', hash: contentHash(record) } : { kind: 'deleted' };
}

/** The generation of a revision id ("3-abc": 3). */
function revOrder(rev: string | undefined): number {
  const n = parseInt(rev ?? '0', 10);
  return Number.isFinite(n) ? n : 0;
}
