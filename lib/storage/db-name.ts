/** The app's IndexedDB database name (its own module, so pages can name it without loading Dexie). */
export const DB_NAME = 'posture-tracker';
