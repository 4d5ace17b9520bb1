// Keeps a local PouchDB database the mirror of the app's Dexie database, both ways:
// - every committed change in Dexie (lib/storage/change-feed.ts) becomes a document edit,
//   stamped with the time and this device's id;
// - every document that arrives from another device (through replication) is written into
//   Dexie, after conflicting revisions are settled by the rule in rules/resolve.ts.
// Dexie stays the app's store (its indexes serve every page); PouchDB only carries changes.
import type { PostureDb } from '../storage/db';
import { markFromSync, onStorageChange, type StorageChange } from '../storage/change-feed';
import { canonical, docIdOf, fromDocRecord, isSyncedTable, keyOf, parseDocId, sameRecord, SYNCED_TABLES, toDocRecord, travels, type RecordDoc, type SyncedTable } from './rules/docs';
import { resolveConflict } from './rules/resolve';

type Body = Omit<RecordDoc, '_id' | '_rev' | '_deleted' | '_conflicts'>;
export type SyncDocs = PouchDB.Database<Body>;

const MIRROR_STATE = '_local/posture-mirror';

interface MirrorState {
  _id: string;
  _rev?: string;
  /** The last change of the local database already written into Dexie. */
  appliedSeq: number | string;
}

const isNotFound = (err: unknown) => (err as { status?: number })?.status === 404;
const isConflict = (err: unknown) => (err as { status?: number })?.status === 409;

export interface MirrorOptions {
  readonly device: string;
  readonly now?: () => number;
}

export class Mirror {
  private readonly now: () => number;
  private readonly ownRevs = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private feed: PouchDB.Changes<Body> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private appliedSeq: number | string = 0;
  private stopped = false;

  constructor(
    private readonly db: PostureDb,
    private readonly docs: SyncDocs,
    private readonly options: MirrorOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Writes what arrived while closed into Dexie, brings the documents up to date with Dexie, then follows both. */
  async start(): Promise<void> {
    const state = await this.state();
    this.appliedSeq = state.appliedSeq;
    const missed = await this.docs.changes({ since: this.appliedSeq, include_docs: true, conflicts: true });
    await this.applyChanges(missed.results);
    if (missed.last_seq !== undefined) await this.saveSeq(missed.last_seq);
    await this.reconcile();
    this.unsubscribe = onStorageChange(this.db.name, (changes) => {
      // Stamped when the change was committed, not when the queue reaches it.
      const atMs = this.now();
      this.enqueue(() => this.pushLocal(changes, atMs));
    });
    this.feed = this.docs.changes({ live: true, since: this.appliedSeq, include_docs: true, conflicts: true });
    // Changes arrive one by one; they are written into Dexie in batches (one transaction each).
    let batch: PouchDB.Change<Body>[] = [];
    this.feed.on('change', (change) => {
      batch.push(change);
      if (batch.length > 1) return;
      this.enqueue(async () => {
        const taken = batch;
        batch = [];
        await this.applyChanges(taken);
        await this.saveSeq(taken[taken.length - 1].seq);
      });
    });
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
    this.queue = this.queue.then(() => (this.stopped ? undefined : task())).catch((err) => console.error('sync mirror:', err));
  }

  private async state(): Promise<MirrorState> {
    try {
      return (await this.docs.get(MIRROR_STATE)) as unknown as MirrorState;
    } catch (err) {
      if (isNotFound(err)) return { _id: MIRROR_STATE, appliedSeq: 0 };
      throw err;
    }
  }

  private async saveSeq(seq: number | string): Promise<void> {
    this.appliedSeq = seq;
    const state = await this.state();
    await this.docs.put({ ...state, appliedSeq: seq } as never);
  }

  /** Every record in Dexie against every document: writes the differences as this device's edits. */
  private async reconcile(atMs = this.now()): Promise<void> {
    for (const table of SYNCED_TABLES) {
      const rows = (await this.db.tableOf(table).toArray()) as Record<string, unknown>[];
      const { rows: docRows } = await this.docs.allDocs({ include_docs: true, startkey: `${table}:`, endkey: `${table}:\ufff0` });
      const byKey = new Map<string, Record<string, unknown>>();
      for (const row of rows) byKey.set(keyOf(table, row), row);
      for (const [key, row] of byKey) await this.write(table, key, row, atMs);
      for (const r of docRows) {
        const parsed = parseDocId(r.id);
        // A document Dexie lacks was written into Dexie before (start applied all of them), so it was deleted here.
        if (parsed && !byKey.has(parsed.key) && r.doc?.record) await this.write(table, parsed.key, undefined, atMs);
      }
    }
  }

  private async pushLocal(changes: readonly StorageChange[], atMs: number): Promise<void> {
    for (const change of changes) {
      if (change.fromSync || !isSyncedTable(change.table)) continue;
      const table = change.table;
      if (change.keys === 'all') {
        await this.reconcile(atMs);
        return;
      }
      for (const key of change.keys) {
        const row = (await this.db.tableOf(table).get(key)) as Record<string, unknown> | undefined;
        await this.write(table, key, row, atMs);
      }
    }
  }

  /** Makes the document match the stored record (undefined: deleted), as an edit by this device. */
  private async write(table: SyncedTable, key: string, row: Record<string, unknown> | undefined, atMs: number, attempt = 0): Promise<void> {
    if (!travels(table, key)) return;
    const id = docIdOf(table, key);
    let existing: (RecordDoc & { _rev: string }) | null = null;
    try {
      existing = (await this.docs.get(id)) as unknown as RecordDoc & { _rev: string };
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const record = row ? toDocRecord(table, row) : null;
    if (!existing && !record) return;
    if (existing && record && canonical(existing.record) === canonical(record)) return;
    const body: Body & { _id: string; _rev?: string; _deleted?: boolean } = {
      _id: id,
      ...(existing ? { _rev: existing._rev } : {}),
      ...(record ? {} : { _deleted: true }),
      table,
      record,
      editedAtMs: atMs,
      device: this.options.device,
    };
    try {
      const res = await this.docs.put(body);
      this.ownRevs.add(res.rev);
    } catch (err) {
      // Replication wrote the document in between: read it again and retry once or twice.
      if (isConflict(err) && attempt < 3) return this.write(table, key, row, atMs, attempt + 1);
      throw err;
    }
  }

  /** Writes the outcome of each changed document into Dexie: one transaction for the lot. */
  private async applyChanges(changes: readonly PouchDB.Change<Body>[]): Promise<void> {
    const outcomes: { table: SyncedTable; key: string; doc: RecordDoc }[] = [];
    for (const change of changes) {
      const doc = change.doc as unknown as RecordDoc | undefined;
      const parsed = doc ? parseDocId(doc._id) : null;
      if (!doc || !parsed || !travels(parsed.table, parsed.key)) continue;
      const outcome = doc._conflicts && doc._conflicts.length > 0 ? await this.settle(doc) : doc;
      if (outcome._rev && this.ownRevs.has(outcome._rev)) continue;
      outcomes.push({ table: parsed.table, key: parsed.key, doc: outcome });
    }
    if (outcomes.length === 0) return;
    const tables = [...new Set(outcomes.map((o) => o.table))];
    await this.db.transaction('rw', tables.map((t) => this.db.tableOf(t)), async (tx) => {
      markFromSync(tx.idbtrans);
      for (const table of tables) {
        const mine = outcomes.filter((o) => o.table === table);
        // The last change of a document wins within a batch.
        const byKey = new Map(mine.map((o) => [o.key, o.doc]));
        const keys = [...byKey.keys()];
        const t = this.db.tableOf(table);
        const locals = (await t.bulkGet(keys)) as (Record<string, unknown> | undefined)[];
        const puts: Record<string, unknown>[] = [];
        const deletes: string[] = [];
        keys.forEach((key, i) => {
          const doc = byKey.get(key)!;
          const local = locals[i];
          if (doc._deleted || !doc.record) {
            if (local) deletes.push(key);
          } else if (!sameRecord(table, local, doc.record)) {
            puts.push(fromDocRecord(table, doc.record, local));
          }
        });
        if (puts.length) await t.bulkPut(puts);
        if (deletes.length) await t.bulkDelete(deletes);
      }
    });
  }

  /** Settles conflicting revisions by the rule every device uses, and deletes the losers. */
  private async settle(doc: RecordDoc): Promise<RecordDoc> {
    const others: RecordDoc[] = [];
    for (const rev of doc._conflicts ?? []) {
      try {
        others.push((await this.docs.get(doc._id, { rev })) as unknown as RecordDoc);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const { doc: outcome, changed, losers } = resolveConflict(doc, others);
    const writes: object[] = losers.map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true }));
    if (changed) writes.unshift(outcome);
    const results = await this.docs.bulkDocs(writes as never);
    const first = results[0];
    return changed && first && 'rev' in first && first.ok ? { ...outcome, _rev: first.rev } : outcome;
  }
}
