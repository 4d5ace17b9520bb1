import type { PostureDb } from './db';
import { DB_HINT_KEY } from './db-name';

let shared: Promise<PostureDb> | null = null;

/**
 * The app-wide database, created on first use (in the browser only). The database library is
 * loaded here, on the first read or write, and not with any page's first load: a page draws
 * and becomes usable before it, and every page that reads its records shows a loading line
 * until they come. A failed load (a file missing offline) is tried again on the next call.
 */
export function appDb(): Promise<PostureDb> {
  shared ??= import('./db').then(
    ({ PostureDb }) => {
      const db = new PostureDb();
      try {
        localStorage.setItem(DB_HINT_KEY, '1');
      } catch {
        // No storage for the hint: pages ask the browser instead (components/pending/no-database.ts).
      }
      return db;
    },
    (err: unknown) => {
      shared = null;
      throw err;
    },
  );
  return shared;
}
