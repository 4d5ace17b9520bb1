import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, resolveEngine, saveSetting, type AutoModelRecord } from './settings';
import { PostureDb } from './storage/db';
import { setSetting } from './storage/records';

const measured: AutoModelRecord = { engine: 'mediapipe', model: 'lite', fps: 17, reason: 'The lite model runs at 17 frames per second on this device.', atMs: 1 };

describe('which engine and model run', () => {
  it('automatic: full until measured, then the model measured on this device, with its reason', () => {
    const fresh = resolveEngine(DEFAULT_SETTINGS, { webgl2: true });
    expect(fresh).toMatchObject({ engineKind: 'mediapipe', model: 'full', automatic: true });
    const after = resolveEngine({ ...DEFAULT_SETTINGS, autoModel: measured }, { webgl2: true });
    expect(after).toMatchObject({ engineKind: 'mediapipe', model: 'lite', automatic: true });
    expect(after.reason).toContain('17 frames per second');
    // Measured for another engine: not used.
    expect(resolveEngine({ ...DEFAULT_SETTINGS, autoModel: measured }, { webgl2: false })).toMatchObject({ engineKind: 'tfjs', model: 'full' });
  });

  it('a model chosen by the person, or in the address, overrides the automatic choice', () => {
    expect(resolveEngine({ ...DEFAULT_SETTINGS, model: 'heavy', autoModel: measured }, { webgl2: true })).toMatchObject({ model: 'heavy', automatic: false, reason: 'Your choice.' });
    expect(resolveEngine({ ...DEFAULT_SETTINGS, autoModel: measured }, { webgl2: true, query: new URLSearchParams('model=full') })).toMatchObject({ model: 'full', automatic: false });
  });
});

describe('keeping landmarks', () => {
  it('is off by default and off again whenever what is stored is not true or false; only a boolean is saved', async () => {
    const db = new PostureDb('settings-keep-landmarks');
    try {
      expect(DEFAULT_SETTINGS.keepLandmarks).toBe(false);
      expect((await loadSettings(db)).keepLandmarks).toBe(false);
      await saveSetting(db, 'keepLandmarks', true);
      expect((await loadSettings(db)).keepLandmarks).toBe(true);
      await setSetting(db, 'tracks.keep', 'yes');
      expect((await loadSettings(db)).keepLandmarks).toBe(false);
      await expect(saveSetting(db, 'keepLandmarks', 1 as unknown as boolean)).rejects.toThrow(RangeError);
    } finally {
      await db.delete();
    }
  });
});
