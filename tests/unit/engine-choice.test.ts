// The copy of the engine settings that lets a camera page start its engine before the database
// is open: it follows the database, a damaged or foreign copy is never used, and the database
// wins where they differ.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME } from '@/lib/storage/db-name';
import { memoryStorage } from './memory-storage';

/** Fresh copies of the modules, as on a new page load (the database handle is per page). */
async function page() {
  vi.resetModules();
  const choice = await import('@/components/camera/engine-choice');
  const { appDb } = await import('@/lib/storage/app-db');
  const { saveSetting } = await import('@/lib/settings');
  return { ...choice, save: async (...args: Parameters<typeof saveSetting> extends [unknown, ...infer R] ? R : never) => saveSetting(await appDb(), ...args) };
}

describe('the engine settings copy', () => {
  let storage: Storage;
  beforeEach(() => {
    storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    vi.stubGlobal('window', { localStorage: storage });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(DB_NAME);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
  });

  it('none on a first visit; once the database is read, the next page gets the same choice without it', async () => {
    const first = await page();
    expect(first.engineChoiceFromCopy()).toBeNull();
    await first.save('engine', 'mediapipe');
    await first.save('model', 'lite');
    const read = await first.currentEngineChoice();
    expect(read).toMatchObject({ engineKind: 'mediapipe', model: 'lite', automatic: false });
    const next = await page();
    const early = next.engineChoiceFromCopy();
    expect(early).toEqual(read);
    expect(next.sameChoice(early!, await next.currentEngineChoice())).toBe(true);
  });

  it('follows a change made after it was written (a restore, the automatic verdict) once refreshed', async () => {
    const first = await page();
    await first.save('engine', 'tfjs');
    await first.currentEngineChoice();
    await first.save('model', 'auto');
    await first.save('autoModel', { engine: 'tfjs', model: 'lite', fps: 11.5, reason: 'measured 11.5 fps', atMs: 1 });
    // Not yet refreshed: the copy still says full, the database lite; the database wins.
    const stale = first.engineChoiceFromCopy()!;
    const truth = await first.currentEngineChoice();
    expect(stale.model).toBe('full');
    expect(truth.model).toBe('lite');
    expect(first.sameChoice(stale, truth)).toBe(false);
    // Reading it refreshed the copy.
    expect((await page()).engineChoiceFromCopy()).toEqual(truth);
    await first.save('engine', 'auto');
    await first.refreshEngineSettingsCopy();
    expect((await page()).engineChoiceFromCopy()?.reason).toBe((await first.currentEngineChoice()).reason);
  });

  it('a damaged or foreign copy is not used', async () => {
    const { engineChoiceFromCopy, ENGINE_SETTINGS_COPY_KEY } = await page();
    const bad = [
      '{',
      'null',
      '[]',
      '"mediapipe"',
      JSON.stringify({ engine: 'evil', model: 'full', autoModel: null }),
      JSON.stringify({ engine: 'mediapipe', model: 'huge', autoModel: null }),
      JSON.stringify({ engine: 'mediapipe', model: 'full' }),
      JSON.stringify({ engine: 'auto', model: 'auto', autoModel: { engine: 'tfjs', model: 'lite', fps: 'fast', reason: '', atMs: 0 } }),
      '{"engine":"auto","model":"auto","autoModel":{"engine":"tfjs","model":"lite","fps":1e999,"reason":"","atMs":0}}',
    ];
    for (const text of bad) {
      storage.setItem(ENGINE_SETTINGS_COPY_KEY, text);
      expect(engineChoiceFromCopy(), text).toBeNull();
    }
  });

  it('the page address still wins over the copy', async () => {
    const first = await page();
    await first.save('engine', 'mediapipe');
    await first.currentEngineChoice();
    expect(first.engineChoiceFromCopy(new URLSearchParams('engine=tfjs&model=heavy'))).toMatchObject({ engineKind: 'tfjs', model: 'heavy', automatic: false });
  });

  it('a database that cannot be read leaves no copy behind', async () => {
    const first = await page();
    await first.save('engine', 'tfjs');
    await first.currentEngineChoice();
    expect(first.engineChoiceFromCopy()).not.toBeNull();
    const next = await page();
    const storageModule = await import('@/lib/storage/app-db');
    vi.spyOn(storageModule, 'readOr').mockRejectedValue(new Error('The database could not be opened.'));
    expect((await next.currentEngineChoice()).reason).toMatch(/^Automatic/);
    expect(next.engineChoiceFromCopy()).toBeNull();
  });

  it('storage that refuses to be read or written: no copy, and the database still gives the choice', async () => {
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => { throw new Error('denied'); } };
    vi.stubGlobal('window', { localStorage: refusing });
    const first = await page();
    expect(first.engineChoiceFromCopy()).toBeNull();
    expect((await first.currentEngineChoice()).engineKind).toBeDefined();
  });
});
