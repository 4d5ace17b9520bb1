// The kept engine: loaded once across pages, lent to one page at a time, closed when idle,
// broken or replaced. A stand-in engine counts starts, resets and closes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { borrowEngine, closeKeptEngine, engineStarts, IDLE_CLOSE_MS, keptEngine, loadedBefore, preloadEngine, returnEngine } from './engine-host';

type Fake = { info: { kind: string; model: string }; reset: ReturnType<typeof vi.fn>; dispose: ReturnType<typeof vi.fn>; setLookForOthers: ReturnType<typeof vi.fn> };
const made: Fake[] = [];
let failNext = false;

vi.mock('../pose/worker/worker-engine', () => ({
  createWorkerPoseEngine: vi.fn(async (config: { kind: string; model: string; onProgress?: (f: number) => void }) => {
    config.onProgress?.(0.5);
    await Promise.resolve();
    if (failNext) {
      failNext = false;
      throw new Error('model missing');
    }
    config.onProgress?.(1);
    const fake: Fake = { info: { kind: config.kind, model: config.model }, reset: vi.fn(async () => {}), dispose: vi.fn(), setLookForOthers: vi.fn() };
    made.push(fake);
    return fake;
  }),
}));

type Engine = Parameters<typeof returnEngine>[0];
const borrow = (model: 'lite' | 'full' = 'lite', lookForOthers = false, onProgress?: (f: number) => void) =>
  borrowEngine({ kind: 'mediapipe', model, lookForOthers, onProgress }) as unknown as Promise<Engine & Fake>;

beforeEach(() => {
  vi.useFakeTimers();
  made.length = 0;
});
afterEach(() => {
  closeKeptEngine();
  vi.useRealTimers();
});

describe('engine host', () => {
  it('remembers which engines this browser has loaded (so a reload starts one at once), not one that failed', async () => {
    const store = new Map<string, string>();
    vi.stubGlobal('window', { localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } });
    try {
      expect(loadedBefore('mediapipe', 'full')).toBe(false);
      failNext = true;
      expect(await preloadEngine('mediapipe', 'full')).toBe(false);
      expect(loadedBefore('mediapipe', 'full')).toBe(false);
      expect(await preloadEngine('mediapipe', 'full')).toBe(true);
      expect(loadedBefore('mediapipe', 'full')).toBe(true);
      expect(loadedBefore('mediapipe', 'lite')).toBe(false);
      // A damaged entry is ignored, not trusted.
      store.set('posture.engineLoaded', 'junk tfjs:lite <script>');
      expect(loadedBefore('tfjs', 'lite')).toBe(true);
      expect(loadedBefore('mediapipe', 'full')).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
    // No storage at all (a worker, a blocked profile): never "loaded before".
    expect(loadedBefore('tfjs', 'lite')).toBe(false);
  });

  it('keeps the engine between pages: the second page gets the same one, reset, with its own second-look choice', async () => {
    const before = engineStarts();
    const first = await borrow('lite', true);
    expect(first.setLookForOthers).toHaveBeenLastCalledWith(true);
    returnEngine(first);
    const second = await borrow('lite', false);
    expect(second).toBe(first);
    expect(engineStarts() - before).toBe(1);
    expect(first.reset).toHaveBeenCalledTimes(2);
    expect(first.setLookForOthers).toHaveBeenLastCalledWith(false);
    expect(first.dispose).not.toHaveBeenCalled();
  });

  it('a page that asks while a preload is under way shares it, and hears its progress', async () => {
    const preloading = preloadEngine('mediapipe', 'lite');
    const progress: number[] = [];
    const engine = await borrow('lite', false, (f) => progress.push(f));
    expect(await preloading).toBe(true);
    expect(made).toHaveLength(1);
    expect(engine).toBe(made[0]);
    expect(progress).toContain(1);
  });

  it('another model replaces the kept engine (closed), so at most one is kept', async () => {
    const lite = await borrow('lite');
    returnEngine(lite);
    const full = await borrow('full');
    expect(lite.dispose).toHaveBeenCalledTimes(1);
    expect(full.info.model).toBe('full');
    expect(keptEngine()).toEqual({ kind: 'mediapipe', model: 'full', ready: true });
  });

  it('while one page holds the kept engine, a second borrower gets its own, closed when given back', async () => {
    const held = await borrow('lite');
    const other = await borrow('lite');
    expect(other).not.toBe(held);
    returnEngine(other);
    expect(other.dispose).toHaveBeenCalledTimes(1);
    expect(held.dispose).not.toHaveBeenCalled();
    // A preload does not take the engine a page holds.
    expect(await preloadEngine('mediapipe', 'full')).toBe(false);
    expect(held.dispose).not.toHaveBeenCalled();
  });

  it('an engine left unused is closed after the idle time; a broken one at once', async () => {
    const engine = await borrow('lite');
    returnEngine(engine);
    vi.advanceTimersByTime(IDLE_CLOSE_MS - 1);
    expect(engine.dispose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await Promise.resolve();
    expect(engine.dispose).toHaveBeenCalledTimes(1);
    expect(keptEngine()).toBeNull();

    const next = await borrow('lite');
    returnEngine(next, { broken: true });
    await Promise.resolve();
    expect(next.dispose).toHaveBeenCalledTimes(1);
    const fresh = await borrow('lite');
    expect(fresh).not.toBe(next);
  });

  it('a failed load is forgotten: the next page tries again', async () => {
    failNext = true;
    await expect(borrow('lite')).rejects.toThrow('model missing');
    expect(keptEngine()).toBeNull();
    const engine = await borrow('lite');
    expect(engine.info.model).toBe('lite');
  });
});
