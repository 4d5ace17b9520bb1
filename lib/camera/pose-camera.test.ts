// The camera controller's lifecycle in plain Node: a stand-in page (document, window, a camera
// that hands out tracks) and a stand-in engine. What matters is when tracks end.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveStore } from '../store/live-store';
import { closeKeptEngine } from './engine-host';
import { createPoseCamera, HIDDEN_STOP_MS } from './pose-camera';

vi.mock('../pose/worker/worker-engine', () => ({
  createWorkerPoseEngine: vi.fn(async (config: { kind: string; model: string }) => ({
    info: { kind: config.kind, model: config.model, delegate: 'CPU', runningMode: 'VIDEO', fallbackReason: null },
    lastInferenceMs: 0,
    estimate: vi.fn(async () => null),
    reset: vi.fn(async () => {}),
    setLookForOthers: vi.fn(),
    dispose: vi.fn(),
  })),
}));

class FakeTrack {
  readyState: 'live' | 'ended' = 'live';
  onended: (() => void) | null = null;
  stop() {
    this.readyState = 'ended';
  }
  /** The device goes away: the browser ends the track and fires `ended`. */
  lose() {
    this.readyState = 'ended';
    this.onended?.();
  }
}

class FakeEvents {
  private listeners = new Map<string, Set<() => void>>();
  addEventListener(type: string, fn: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: () => void) {
    this.listeners.get(type)?.delete(fn);
  }
  fire(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
  count(type: string) {
    return this.listeners.get(type)?.size ?? 0;
  }
}

let tracks: FakeTrack[];
let doc: FakeEvents & { visibilityState: 'visible' | 'hidden' };
let win: FakeEvents & { isSecureContext: boolean };

function fakeVideo() {
  return {
    readyState: 0,
    videoWidth: 0,
    srcObject: null as unknown,
    play: vi.fn(async () => {}),
    pause: vi.fn(),
    removeAttribute: vi.fn(),
    // Frames never arrive: the loop waits, which is all these tests need.
    requestVideoFrameCallback: vi.fn(),
    onended: null,
  } as unknown as HTMLVideoElement;
}

beforeEach(() => {
  vi.useFakeTimers();
  tracks = [];
  doc = Object.assign(new FakeEvents(), { visibilityState: 'visible' as const });
  win = Object.assign(new FakeEvents(), { isSecureContext: true });
  vi.stubGlobal('document', doc);
  vi.stubGlobal('window', win);
  vi.stubGlobal('navigator', {
    mediaDevices: {
      getUserMedia: vi.fn(async () => {
        const t = new FakeTrack();
        tracks.push(t);
        return { getTracks: () => [t], getVideoTracks: () => [t] };
      }),
    },
  });
});

afterEach(() => {
  closeKeptEngine();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function setup() {
  const store = createLiveStore();
  const calls = { hidden: 0, hiddenStop: 0, lost: 0 };
  const camera = createPoseCamera({
    store,
    onFrame: () => {},
    onHidden: () => calls.hidden++,
    onHiddenStop: () => calls.hiddenStop++,
    onLost: () => calls.lost++,
  });
  camera.attach(fakeVideo());
  return { store, camera, calls };
}

describe('pose camera lifecycle', () => {
  it('start opens one track and runs; stop ends it and keeps the engine', async () => {
    const { store, camera } = setup();
    expect(await camera.start()).toBe(true);
    expect(store.getState().phase).toBe('running');
    expect(camera.cameraOn).toBe(true);
    camera.stop();
    expect(tracks.map((t) => t.readyState)).toEqual(['ended']);
    expect(camera.cameraOn).toBe(false);
    expect(store.getState().phase).toBe('ready');
  });

  it('a page hidden for a while turns the camera off; back in time, it stays on', async () => {
    const { camera, calls } = setup();
    await camera.start();
    doc.visibilityState = 'hidden';
    doc.fire('visibilitychange');
    expect(calls.hidden).toBe(1);
    vi.advanceTimersByTime(HIDDEN_STOP_MS - 1000);
    doc.visibilityState = 'visible';
    doc.fire('visibilitychange');
    vi.advanceTimersByTime(HIDDEN_STOP_MS);
    expect(tracks[0].readyState).toBe('live');

    doc.visibilityState = 'hidden';
    doc.fire('visibilitychange');
    vi.advanceTimersByTime(HIDDEN_STOP_MS);
    expect(tracks[0].readyState).toBe('ended');
    expect(calls.hiddenStop).toBe(1);
  });

  it('leaving the page ends the camera', async () => {
    const { camera } = setup();
    await camera.start();
    win.fire('pagehide');
    expect(tracks[0].readyState).toBe('ended');
    expect(camera.cameraOn).toBe(false);
  });

  it('a track that ends by itself is reported as a lost camera, in words', async () => {
    const { store, camera, calls } = setup();
    await camera.start();
    tracks[0].lose();
    expect(calls.lost).toBe(1);
    expect(store.getState().cameraProblem?.code).toBe('lost');
    expect(camera.cameraOn).toBe(false);
    // Stopping it ourselves is not a loss.
    await camera.start();
    camera.stop();
    expect(calls.lost).toBe(1);
  });

  it('a start superseded by a stop releases the camera it was given', async () => {
    const { camera } = setup();
    const starting = camera.start();
    camera.stop();
    expect(await starting).toBe(false);
    expect(tracks.map((t) => t.readyState)).toEqual(['ended']);
  });

  it('a start waiting for a model that is replaced while it loads goes on with the replacement, not a silent failure', async () => {
    const { createWorkerPoseEngine } = await import('../pose/worker/worker-engine');
    const real = vi.mocked(createWorkerPoseEngine).getMockImplementation()!;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // The first model (loaded ahead, as a page does) takes a while.
    vi.mocked(createWorkerPoseEngine).mockImplementationOnce(async (config) => {
      await held;
      return real(config);
    });
    const { store, camera } = setup();
    void camera.prepare();
    const starting = camera.start();
    // The start has its camera and waits for the model; meanwhile another model is chosen.
    for (let i = 0; i < 50 && store.getState().phase !== 'loading'; i++) await Promise.resolve();
    expect(camera.cameraOn).toBe(true);
    expect(store.getState().phase).toBe('loading');
    camera.choose('mediapipe', 'lite');
    release();
    expect(await starting).toBe(true);
    expect(store.getState()).toMatchObject({ phase: 'running', model: 'lite' });
    expect(tracks.map((t) => t.readyState)).toEqual(['live']);
  });

  it('one camera owner among tabs: the tab that turns its camera on last takes it', async () => {
    const first = setup();
    const second = setup();
    let taken = 0;
    const third = createPoseCamera({ store: createLiveStore(), onFrame: () => {}, onTaken: () => taken++ });
    third.attach(fakeVideo());
    await third.start();
    vi.advanceTimersByTime(10);
    await first.camera.start();
    // Messages between tabs arrive asynchronously.
    await vi.waitFor(() => expect(tracks[0].readyState).toBe('ended'));
    expect(taken).toBe(1);
    expect(third.cameraOn).toBe(false);
    expect(first.camera.cameraOn).toBe(true);
    vi.advanceTimersByTime(10);
    await second.camera.start();
    await vi.waitFor(() => expect(tracks[1].readyState).toBe('ended'));
    expect(tracks.map((t) => t.readyState)).toEqual(['ended', 'ended', 'live']);
    for (const c of [first.camera, second.camera, third]) c.dispose();
  });

  it('dispose stops everything and removes its listeners', async () => {
    const { camera } = setup();
    await camera.start();
    expect(doc.count('visibilitychange')).toBe(1);
    camera.dispose();
    expect(tracks[0].readyState).toBe('ended');
    expect(doc.count('visibilitychange')).toBe(0);
    expect(win.count('pagehide')).toBe(0);
  });
});
