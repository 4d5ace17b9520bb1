import Dexie, { type Table } from 'dexie';
import type { SnapshotRecord } from './snapshot-record';

export const DB_NAME = 'posture-tracker';

/**
 * The app's IndexedDB database. Each schema change adds a `version(n)` with an upgrade
 * function; earlier versions stay listed so any old database opens.
 */
export class PostureDb extends Dexie {
  snapshots!: Table<SnapshotRecord, string>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ snapshots: 'id, takenAtMs' });
  }
}

let shared: PostureDb | null = null;

/** The app-wide database (created on first use, in the browser only). */
export function appDb(): PostureDb {
  shared ??= new PostureDb();
  return shared;
}
