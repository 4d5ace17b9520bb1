import type { PostureDb } from './db';
import { DB_HINT_KEY, DB_NAME } from './db-name';
import { toStorageError } from './errors';

let shared: Promise<PostureDb> | null = null;

/**
 * The app-wide database, created on first use (in the browser only). The database library is
 * loaded here, on the first read or write, and not with any page's first load: a page draws
 * and becomes usable before it, and every page that reads its records shows a loading line
 * until they come. It is opened before it is handed out; a failure (the code missing offline,
 * storage refused) comes as a StorageError and is tried again on the next call.
 */
export function appDb(): Promise<PostureDb> {
  shared ??= (async () => {
    const { PostureDb } = await import('./db');
    const db = new PostureDb();
    // Opened here, so that the hint below is only written once the database exists.
    await db.open();
    try {
      localStorage.setItem(DB_HINT_KEY, '1');
    } catch {
      // No storage for the hint: pages ask the browser instead (components/pending/no-database.ts).
    }
    return db;
  })().catch((err: unknown) => {
    shared = null;
    throw toStorageError(err, 'your records', 'open');
  });
  return shared;
}

/** Whether this browser has the app's database: the hint first, else the browser's list; null where neither can tell. */
async function databaseExists(): Promise<boolean | null> {
  try {
    if (localStorage.getItem(DB_HINT_KEY) === '1') return true;
  } catch {
    // No storage for the hint: ask the browser.
  }
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
  try {
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  } catch {
    return null;
  }
}

/**
 * The database for reading, or null where this browser has none of the app's (nothing has been
 * stored on it: a first visit). Reading nothing then costs nothing: no database code loads and
 * no empty database is created before the person does anything; the first write (appDb)
 * creates it. Once this page has opened the database, or where it cannot tell, it is opened.
 */
export async function readDb(): Promise<PostureDb | null> {
  if (shared) return shared;
  return (await databaseExists()) === false ? null : appDb();
}

/** `read` on this device's database, or `empty` where it has none yet (readDb). */
export async function readOr<T>(empty: T, read: (db: PostureDb) => Promise<T>): Promise<T> {
  const db = await readDb();
  return db ? read(db) : empty;
}

/**
 * For browser tests that write records straight into the database (tests/e2e/range-helpers.ts
 * `putRecord`): on a browser that has none yet, they have the app create it, as its first write
 * would, rather than make one of their own.
 */
if (typeof window !== 'undefined') (window as unknown as { __postureOpenDb?: () => Promise<void> }).__postureOpenDb = async () => void (await appDb());
