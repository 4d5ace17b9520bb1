import { describe, expect, it } from 'vitest';
import { MAX_PEOPLE_LIMIT, modelFilesFor, resolveConfig } from './config';
import { PoseEngineError, type PoseEngineConfig } from './types';

/** Runs resolveConfig on input from an untyped source and returns the error it throws. */
function rejection(config: unknown): PoseEngineError {
  try {
    resolveConfig(config as Partial<PoseEngineConfig>);
  } catch (err) {
    if (err instanceof PoseEngineError) return err;
    throw err;
  }
  throw new Error(`resolveConfig accepted ${JSON.stringify(config)}`);
}

describe('resolveConfig', () => {
  it('fills in defaults: CPU, VIDEO, two people, no second look in a video', () => {
    expect(resolveConfig({ kind: 'mediapipe', model: 'full' })).toEqual({
      kind: 'mediapipe',
      model: 'full',
      delegate: 'CPU',
      runningMode: 'VIDEO',
      maxPeople: 2,
      lookForOthers: false,
    });
    expect(resolveConfig({ kind: 'tfjs', model: 'full', runningMode: 'IMAGE' }).lookForOthers).toBe(true);
    expect(resolveConfig({ kind: 'tfjs', model: 'full', lookForOthers: true }).lookForOthers).toBe(true);
    expect(() => resolveConfig({ kind: 'tfjs', model: 'full', lookForOthers: 'yes' as unknown as boolean })).toThrow(/lookForOthers must be true or false/);
  });

  it('keeps valid explicit values', () => {
    expect(resolveConfig({ kind: 'mediapipe', model: 'heavy', delegate: 'GPU', runningMode: 'IMAGE', maxPeople: MAX_PEOPLE_LIMIT })).toEqual({
      kind: 'mediapipe',
      model: 'heavy',
      delegate: 'GPU',
      runningMode: 'IMAGE',
      maxPeople: MAX_PEOPLE_LIMIT,
      lookForOthers: true,
    });
    expect(resolveConfig({ kind: 'tfjs', model: 'lite', maxPeople: 1 }).maxPeople).toBe(1);
  });

  it.each([
    [null, 'config must be an object with at least "kind" and "model".'],
    ['mediapipe', 'config must be an object with at least "kind" and "model".'],
    [{ model: 'full' }, 'kind must be one of "mediapipe", "tfjs"; got undefined.'],
    [{ kind: 'MediaPipe', model: 'full' }, 'kind must be one of "mediapipe", "tfjs"; got "MediaPipe".'],
    [{ kind: 'mediapipe' }, 'model must be one of "lite", "full", "heavy"; got undefined.'],
    [{ kind: 'tfjs', model: 'huge' }, 'model must be one of "lite", "full", "heavy"; got "huge".'],
    [{ kind: 'mediapipe', model: 'full', delegate: 'gpu' }, 'delegate must be one of "CPU", "GPU"; got "gpu".'],
    [{ kind: 'mediapipe', model: 'full', runningMode: 'LIVE_STREAM' }, 'runningMode must be one of "VIDEO", "IMAGE"; got "LIVE_STREAM".'],
    [{ kind: 'mediapipe', model: 'full', maxPeople: 0 }, 'maxPeople must be a whole number from 1 to 5; got 0.'],
    [{ kind: 'mediapipe', model: 'full', maxPeople: 6 }, 'maxPeople must be a whole number from 1 to 5; got 6.'],
    [{ kind: 'mediapipe', model: 'full', maxPeople: 1.5 }, 'maxPeople must be a whole number from 1 to 5; got 1.5.'],
    [{ kind: 'mediapipe', model: 'full', maxPeople: '2' }, 'maxPeople must be a whole number from 1 to 5; got "2".'],
    [{ kind: 'tfjs', model: 'full', delegate: 'GPU' }, 'delegate "GPU" applies to the mediapipe engine only; the tfjs engine runs on WebAssembly.'],
  ])('rejects %j with a precise message', (config, message) => {
    const err = rejection(config);
    expect(err.code).toBe('invalid-config');
    expect(err.message).toBe(message);
    expect(err.file).toBeNull();
  });
});

describe('modelFilesFor', () => {
  it('names the .task bundle for mediapipe', () => {
    expect(modelFilesFor('mediapipe', 'lite')).toEqual(['pose_landmarker_lite.task']);
    expect(modelFilesFor('mediapipe', 'heavy')).toEqual(['pose_landmarker_heavy.task']);
  });

  it('names the shared detector and the variant landmark model for tfjs, json before weights', () => {
    expect(modelFilesFor('tfjs', 'full')).toEqual([
      'tfjs/blazepose-detector.json',
      'tfjs/blazepose-detector.bin',
      'tfjs/blazepose-full.json',
      'tfjs/blazepose-full.bin',
    ]);
  });
});
