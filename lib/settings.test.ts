import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveEngine, type AutoModelRecord } from './settings';

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
