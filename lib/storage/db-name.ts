/** The app's IndexedDB database name (its own module, so pages can name it without loading Dexie). */
export const DB_NAME = 'posture-tracker';

/**
 * A `localStorage` key set to '1' once this browser has opened the app's database: read by an
 * inline script before a page's first paint (components/pending/no-database.ts), which cannot
 * wait for the database itself. A hint only; the database stays the truth.
 */
export const DB_HINT_KEY = 'posture-tracker:has-database';
