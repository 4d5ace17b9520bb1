// The camera (or a video file) and the pose engine in its worker, owned by a plain object
// outside React: one frame in flight, the next asked for only after the result. Lifecycle
// state goes to the page's live store; per-frame results go to `onFrame`, never through React.
// The camera is on only while needed: `stop()` ends every track it opened, and a page hidden
// for a while or left stops it too.
import type { PostureMeasurement } from '../angles/posture';
import { PoseEngineError, type EngineKind, type ModelVariant, type Pose } from '../pose/types';
import { createWorkerPoseEngine, type WorkerPoseEngine } from '../pose/worker/worker-engine';
import type { EngineProblem, LiveStats, LiveStore } from '../store/live-store';
import { CAMERA_LOST, describeCameraError } from './camera-errors';

const STATS_INTERVAL_MS = 500;
/** Consecutive failed frames after which the engine is reported as broken. */
const MAX_FRAME_ERRORS = 5;
/** A page hidden this long turns its camera off (a set is paused as soon as the page is hidden). */
export const HIDDEN_STOP_MS = 30_000;

export interface FrameContext {
  readonly video: HTMLVideoElement;
  readonly timestampMs: number;
}

export interface PoseCameraOptions {
  readonly store: LiveStore;
  /** Every processed frame, on the main thread; keep it cheap. */
  readonly onFrame: (pose: Pose | null, frame: FrameContext) => void;
  /** The posture to publish with the stats (a few times a second); omit to publish none. */
  readonly latestPosture?: () => PostureMeasurement | null;
  /** A video file played to its end. */
  readonly onEnded?: () => void;
  /** The camera's track ended without `stop()` (unplugged, taken by another app, permission revoked). */
  readonly onLost?: () => void;
  /** The camera was turned off because the page stayed hidden. */
  readonly onHiddenStop?: () => void;
  /** The page was hidden (a running set pauses at once). */
  readonly onHidden?: () => void;
  /** Another tab of the app turned its camera on, so this one turned its own off (one owner at a time). */
  readonly onTaken?: () => void;
  /**
   * Search the rest of the picture for other people now and then (lib/pose/second-look.ts):
   * for pages that must refuse a crowd (snapshot, setup check, live view). A set follows the
   * main person and keeps the speed. Default false.
   */
  readonly lookForOthers?: boolean;
}

/** Tabs of the app tell each other when they turn the camera on: the newest one owns it. */
export const CAMERA_CHANNEL = 'posture-tracker-camera';

export function toEngineProblem(err: unknown): EngineProblem {
  if (err instanceof PoseEngineError) return { code: err.code, message: err.message, file: err.file };
  return { code: 'engine-failed', message: err instanceof Error ? err.message : String(err), file: null };
}

export interface PoseCamera {
  /** The video element frames are read from (the page's own, so the person sees the picture). */
  attach(video: HTMLVideoElement | null): void;
  /** Loads the chosen engine ahead of time, so counting starts with the first frame. */
  prepare(): Promise<boolean>;
  /** Turns the camera on and starts the frame loop; resolves false when the camera or engine failed. */
  start(): Promise<boolean>;
  /** Counts a recorded video instead, on the file's own timeline. */
  startFile(file: File): Promise<boolean>;
  /** Ends every camera track (the camera light goes off) or stops the video. The engine stays loaded. */
  stop(): void;
  /** Switch engine or model; a running camera carries on with the new one. */
  choose(kind: EngineKind, model: ModelVariant): void;
  /** After a problem: try the same thing again. */
  retry(): void;
  readonly cameraOn: boolean;
  /** Stops everything and releases the worker and listeners. */
  dispose(): void;
}

export function createPoseCamera(options: PoseCameraOptions): PoseCamera {
  const { store } = options;
  let video: HTMLVideoElement | null = null;
  let stream: MediaStream | null = null;
  let engine: WorkerPoseEngine | null = null;
  let objectUrl: string | null = null;
  /** Bumped to cancel the running frame loop and any engine load in progress. */
  let runId = 0;
  /** Bumped by every start or stop, so a slow start that was superseded does nothing. */
  let startToken = 0;
  let hiddenTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  /** One camera owner among the app's tabs: the tab that turns its camera on last. */
  const owner = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CAMERA_CHANNEL) : null;
  /** When this tab last turned its camera on (a claim that arrives late and is older loses). */
  let claimedAt = 0;
  const claimCamera = () => {
    claimedAt = Date.now();
    channel?.postMessage({ type: 'camera-on', owner, at: claimedAt });
  };

  const stopEngine = () => {
    runId++;
    engine?.dispose();
    engine = null;
  };

  const releaseMedia = () => {
    const tracks = stream?.getTracks() ?? [];
    stream = null;
    for (const t of tracks) {
      t.onended = null;
      t.stop();
    }
    if (video) {
      video.pause();
      video.srcObject = null;
      video.removeAttribute('src');
      video.onended = null;
    }
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = null;
  };

  const runLoop = (e: WorkerPoseEngine, id: number, clock: 'wall' | 'media') => {
    const v = video;
    if (!v) return;
    let completed = 0;
    let inferenceTotal = 0;
    let windowStart = performance.now();
    let framesProcessed = 0;
    let lastPeople = 0;
    let lastLandmarks = 0;
    let failures = 0;
    const statsTimer = setInterval(() => {
      if (runId !== id) return clearInterval(statsTimer);
      const now = performance.now();
      const seconds = (now - windowStart) / 1000;
      const stats: LiveStats = {
        fps: seconds > 0 ? completed / seconds : 0,
        inferenceMs: completed ? inferenceTotal / completed : 0,
        landmarks: lastLandmarks,
        peopleCount: lastPeople,
        framesProcessed,
      };
      store.getState().setStats(stats, options.latestPosture?.());
      completed = 0;
      inferenceTotal = 0;
      windowStart = now;
    }, STATS_INTERVAL_MS);

    const schedule = () => {
      if (runId !== id) return;
      if (typeof v.requestVideoFrameCallback === 'function') v.requestVideoFrameCallback((_, meta) => void tick(meta.mediaTime));
      else requestAnimationFrame(() => void tick(v.currentTime));
    };
    const tick = async (mediaTimeS: number) => {
      if (runId !== id) return;
      if (v.readyState < 2 || v.videoWidth === 0) return schedule();
      // A recorded video waits while each frame is measured, so none is skipped however slow
      // the engine (the camera cannot wait: its frames are taken as they come).
      const holdVideo = clock === 'media' && !v.paused && !v.ended;
      if (holdVideo) v.pause();
      try {
        // Recorded video is counted on its own timeline, whatever the processing speed.
        // Camera frames carry epoch milliseconds (timeOrigin + now): increasing, and still
        // comparable after a reload, so an autosaved set can resume on the same clock.
        const timestampMs = clock === 'media' ? mediaTimeS * 1000 : performance.timeOrigin + performance.now();
        const bitmap = await createImageBitmap(v);
        const pose = await e.estimate(bitmap, timestampMs);
        if (runId !== id) return;
        lastPeople = pose?.peopleCount ?? 0;
        lastLandmarks = pose?.landmarks.length ?? 0;
        completed++;
        framesProcessed++;
        inferenceTotal += e.lastInferenceMs;
        failures = 0;
        options.onFrame(pose, { video: v, timestampMs });
      } catch (err) {
        if (runId !== id) return;
        if (++failures >= MAX_FRAME_ERRORS) {
          stopEngine();
          store.getState().engineFailed(toEngineProblem(err));
          return;
        }
      }
      if (holdVideo && runId === id) await v.play().catch(() => {});
      schedule();
    };
    schedule();
  };

  /** Loads the chosen engine unless it is already loaded; resolves with it, or null on failure. */
  const ensureEngine = async (): Promise<WorkerPoseEngine | null> => {
    const { engineKind: kind, model } = store.getState();
    if (engine && engine.info.kind === kind && engine.info.model === model) return engine;
    stopEngine();
    const id = runId;
    store.getState().setPhase('loading');
    store.getState().setLoadProgress(0);
    try {
      const loaded = await createWorkerPoseEngine({
        kind,
        model,
        lookForOthers: options.lookForOthers ?? false,
        onProgress: (fraction) => store.getState().setLoadProgress(fraction),
      });
      if (runId !== id || disposed) {
        loaded.dispose();
        return null;
      }
      engine = loaded;
      return loaded;
    } catch (err) {
      if (runId === id) store.getState().engineFailed(toEngineProblem(err));
      return null;
    }
  };

  const run = (e: WorkerPoseEngine, clock: 'wall' | 'media') => {
    runId++;
    store.getState().engineReady(e.info);
    runLoop(e, runId, clock);
  };

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      options.onHidden?.();
      if (stream && hiddenTimer === null) {
        hiddenTimer = setTimeout(() => {
          hiddenTimer = null;
          if (!stream || document.visibilityState !== 'hidden') return;
          camera.stop();
          options.onHiddenStop?.();
        }, HIDDEN_STOP_MS);
      }
    } else if (hiddenTimer !== null) {
      clearTimeout(hiddenTimer);
      hiddenTimer = null;
    }
  };
  // Leaving the page (or the browser freezing it) ends the camera.
  const onPageHide = () => camera.stop();
  if (channel) {
    channel.onmessage = (event: MessageEvent<{ type?: string; owner?: string; at?: number }>) => {
      const claim = event.data;
      if (claim?.type !== 'camera-on' || typeof claim.owner !== 'string' || claim.owner === owner || !stream) return;
      const newer = (claim.at ?? 0) > claimedAt || ((claim.at ?? 0) === claimedAt && claim.owner > owner);
      if (!newer) return;
      camera.stop();
      options.onTaken?.();
    };
  }
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
  }

  const camera: PoseCamera = {
    attach(v) {
      video = v;
    },

    async prepare() {
      const e = await ensureEngine();
      if (e && !stream && !objectUrl) store.getState().setPhase('ready');
      return e !== null;
    },

    async start() {
      runId++;
      releaseMedia();
      const token = ++startToken;
      store.getState().setPhase('camera');
      let opened: MediaStream;
      try {
        if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw new TypeError('getUserMedia is unavailable');
        opened = await navigator.mediaDevices.getUserMedia({
          video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
          audio: false,
        });
      } catch (err) {
        if (startToken === token) store.getState().cameraFailed(describeCameraError(err, window.isSecureContext));
        return false;
      }
      if (startToken !== token || disposed) {
        opened.getTracks().forEach((t) => t.stop());
        return false;
      }
      stream = opened;
      claimCamera();
      for (const track of opened.getVideoTracks()) {
        track.onended = () => {
          if (stream !== opened) return;
          releaseMedia();
          runId++;
          store.getState().cameraFailed(CAMERA_LOST);
          options.onLost?.();
        };
      }
      const v = video;
      if (!v) return false;
      v.srcObject = opened;
      try {
        await v.play();
      } catch {
        // Muted inline video may autoplay; if play() is refused the loop waits for frames.
      }
      const e = await ensureEngine();
      if (!e || startToken !== token) return false;
      run(e, 'wall');
      return true;
    },

    async startFile(file) {
      runId++;
      releaseMedia();
      const token = ++startToken;
      const e = await ensureEngine();
      const v = video;
      if (!e || !v || startToken !== token) return false;
      const url = URL.createObjectURL(file);
      objectUrl = url;
      v.src = url;
      v.onended = () => {
        if (startToken !== token) return;
        runId++;
        store.getState().setPhase('ready');
        options.onEnded?.();
      };
      try {
        await new Promise<void>((resolve, reject) => {
          v.onloadeddata = () => resolve();
          v.onerror = () => reject(new Error('unreadable'));
        });
        run(e, 'media');
        await v.play();
        return true;
      } catch {
        URL.revokeObjectURL(url);
        objectUrl = null;
        store.getState().engineFailed({ code: 'engine-failed', message: `The file ${file.name} could not be played. Use an MP4 or WebM video.`, file: file.name });
        return false;
      }
    },

    stop() {
      runId++;
      startToken++;
      if (hiddenTimer !== null) clearTimeout(hiddenTimer);
      hiddenTimer = null;
      releaseMedia();
      const phase = store.getState().phase;
      if (phase !== 'error') store.getState().setPhase(engine ? 'ready' : 'idle');
    },

    choose(kind, model) {
      store.getState().choose(kind, model);
      if (stream || objectUrl) {
        const clock = stream ? 'wall' : 'media';
        stopEngine();
        void ensureEngine().then((e) => {
          if (e && (stream || objectUrl)) run(e, clock);
        });
      } else if (engine) void camera.prepare();
    },

    retry() {
      if (stream) {
        stopEngine();
        void ensureEngine().then((e) => e && stream && run(e, 'wall'));
      } else void camera.start();
    },

    get cameraOn() {
      return stream !== null;
    },

    dispose() {
      disposed = true;
      camera.stop();
      stopEngine();
      channel?.close();
      if (typeof document !== 'undefined') {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('pagehide', onPageHide);
      }
    },
  };
  return camera;
}
