import Dexie, { type Table, type Transaction } from 'dexie';
import { changeFeed } from './change-feed';
import type { CheckInRecord } from './check-in-record';
import type { ProgrammeRecord } from './programme-record';
import type { RangeCheckRecord } from './range-record';
import { groupIntoSessions, type SessionRecord } from './session-record';
import type { SetRecord } from './set-record';
import type { SettingRecord } from './setting-record';
import type { SnapshotRecord } from './snapshot-record';
import type { TrackRecord } from './track-record';

import { DB_NAME } from './db-name';
import { TABLE_NAMES, type TableName } from './tables';

export { DB_NAME };

/**
 * For one record and one sync account: the content (a hash, lib/sync/rules/docs.ts
 * `contentHash`) this device and the server last agreed on. It tells an edit made here since
 * from one made elsewhere, across reloads and a log-in again.
 */
export interface SyncBaseRecord {
  /** `<account>\n<document id>`. */
  readonly id: string;
  readonly hash: string;
}

export { TABLE_NAMES, type TableName };

/** The schema per version. Each version lists only what it adds or changes. */
export const SCHEMA = {
  1: { snapshots: 'id, takenAtMs' },
  // v2: exercise sets (autosaved while running).
  2: { sets: 'id, startedAt, status, exerciseId' },
  // v3: sittings, pain check-ins, the programme (one row, id 'current') and settings.
  3: {
    sets: 'id, startedAt, status, exerciseId, sessionId',
    sessions: 'id, startedAt, [exerciseId+startedAt]',
    checkIns: 'id, atMs, sessionId',
    programme: 'id',
    settings: 'key',
  },
  // v4: what sync last agreed with the server on, per record (lib/sync/mirror.ts); never in a backup.
  4: { syncBase: 'id' },
  // v5: weekly range checks (lib/storage/range-checks.ts).
  5: { rangeChecks: 'id, takenAtMs' },
  // v6: kept landmarks of a set or range check, keyed by its id (lib/storage/tracks.ts); this
  // device only: not in TABLE_NAMES, so never synced and never in a backup.
  6: { tracks: 'id' },
} as const;

/** v2 -> v3: every set gets a session (sets of one exercise less than 30 min apart share one). */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const sets = (await tx.table('sets').toArray()) as SetRecord[];
  const { sessions, sessionIdOf } = groupIntoSessions(sets);
  if (sessions.length === 0) return;
  await tx.table('sessions').bulkPut(sessions);
  await tx.table('sets').bulkPut(sets.filter((s) => sessionIdOf.has(s.id)).map((s) => ({ ...s, sessionId: sessionIdOf.get(s.id) })));
}

/**
 * The app's IndexedDB database. Each schema change adds a `version(n)` with an upgrade
 * function; earlier versions stay listed so any old database opens.
 */
export class PostureDb extends Dexie {
  snapshots!: Table<SnapshotRecord, string>;
  sets!: Table<SetRecord, string>;
  sessions!: Table<SessionRecord, string>;
  checkIns!: Table<CheckInRecord, string>;
  programme!: Table<ProgrammeRecord, string>;
  settings!: Table<SettingRecord, string>;
  rangeChecks!: Table<RangeCheckRecord, string>;
  /** Sync's own bookkeeping (see `SyncBaseRecord`), not a person's record. */
  syncBase!: Table<SyncBaseRecord, string>;
  /** Kept landmarks (see `TrackRecord`): this device's only, not a synced or backed-up table. */
  tracks!: Table<TrackRecord, string>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA[1]);
    this.version(2).stores(SCHEMA[2]);
    this.version(3).stores(SCHEMA[3]).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA[4]);
    this.version(5).stores(SCHEMA[5]);
    this.version(6).stores(SCHEMA[6]);
    this.use(changeFeed(name));
  }

  /** A table by name: the same object as the property (so a test's spy on `db.sets` sees every call). */
  tableOf(name: TableName): Table {
    return this[name] as Table;
  }

  /** All tables, in TABLE_NAMES order. */
  allTables(): Table[] {
    return TABLE_NAMES.map((name) => this.tableOf(name));
  }
}
