import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_HINT_KEY, DB_NAME } from './db-name';
import { memoryStorage } from '../../tests/unit/memory-storage';

/** A fresh copy of the module (its shared database is per page). */
async function freshModule() {
  vi.resetModules();
  return import('./app-db');
}

const databaseNames = async () => (await indexedDB.databases()).map((d) => d.name);

describe('the database for reading (readDb, readOr)', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(DB_NAME);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
  });

  it('a browser with no database of the app reads the empty result and creates none', async () => {
    const { readDb, readOr } = await freshModule();
    expect(await readDb()).toBeNull();
    expect(await readOr(['empty'], async () => ['read'])).toEqual(['empty']);
    expect(await databaseNames()).not.toContain(DB_NAME);
    expect(localStorage.getItem(DB_HINT_KEY)).toBeNull();
  });

  it('the first write creates it and leaves the hint; reads then use it, in this page and the next', async () => {
    const first = await freshModule();
    const db = await first.appDb();
    await db.settings.put({ key: 'cuesMuted', value: true });
    expect(localStorage.getItem(DB_HINT_KEY)).toBe('1');
    expect(await first.readDb()).toBe(db);
    db.close();
    const next = await freshModule();
    const again = await next.readOr(null, (d) => d.settings.get('cuesMuted'));
    expect(again).toEqual({ key: 'cuesMuted', value: true });
  });

  it('a database from before the hint (or a hint cleared on its own) is still found and read', async () => {
    const first = await freshModule();
    const db = await first.appDb();
    await db.settings.put({ key: 'introDone', value: true });
    db.close();
    localStorage.clear();
    const next = await freshModule();
    expect(await next.readOr(null, (d) => d.settings.get('introDone'))).toEqual({ key: 'introDone', value: true });
    expect(localStorage.getItem(DB_HINT_KEY)).toBe('1');
  });

  it('where the browser cannot list its databases, the database is opened rather than taken as missing', async () => {
    vi.spyOn(indexedDB, 'databases').mockRejectedValueOnce(new Error('not allowed'));
    const { readDb } = await freshModule();
    const db = await readDb();
    expect(db).not.toBeNull();
    db?.close();
  });
});
