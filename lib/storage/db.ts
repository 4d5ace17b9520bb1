import Dexie, { type Table } from 'dexie';
import type { SetRecord } from './set-record';
import type { SnapshotRecord } from './snapshot-record';

export const DB_NAME = 'posture-tracker';

/**
 * The app's IndexedDB database. Each schema change adds a `version(n)` with an upgrade
 * function; earlier versions stay listed so any old database opens.
 */
export class PostureDb extends Dexie {
  snapshots!: Table<SnapshotRecord, string>;
  sets!: Table<SetRecord, string>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ snapshots: 'id, takenAtMs' });
    // v2: exercise sets (autosaved while running).
    this.version(2).stores({ sets: 'id, startedAt, status, exerciseId' });
  }
}

let shared: PostureDb | null = null;

/** The app-wide database (created on first use, in the browser only). */
export function appDb(): PostureDb {
  shared ??= new PostureDb();
  return shared;
}
