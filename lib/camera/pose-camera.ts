// The camera (or a video file) and the pose engine in its worker, owned by a plain object
// outside React: two frames at most with the worker (one measured, the next waiting). Lifecycle
// state goes to the page's live store; per-frame results go to `onFrame`, never through React.
// The camera is on only while needed: `stop()` ends every track it opened, and a page hidden
// for a while or left stops it too.
import type { PostureMeasurement } from '../angles/posture';
import { lowestModelFor, modelToRun, startAutoModel, stepAutoModel, type AutoModelState } from '../pose/auto-model';
import { PoseEngineError, type EngineKind, type ModelVariant, type Pose, type RgbaFrame } from '../pose/types';
import type { WorkerPoseEngine } from '../pose/worker/worker-engine';
import type { EngineProblem, LiveStats, LiveStore } from '../store/live-store';
import { CAMERA_LOST, describeCameraError } from './camera-errors';
import { borrowEngine, engineStarts, returnEngine } from './engine-host';
import { dropFrame, grabFrame } from './grab-frame';

const STATS_INTERVAL_MS = 500;
/** Frames with the worker at once: the one measured and the next, waiting there. */
const MAX_OUTSTANDING = 2;
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
   * Automatic model choice (lib/pose/auto-model.ts): `enabled` when the person left the model
   * on Automatic; `canSwitch(kind, model)` false while a switch would cost counted frames (a set
   * running) or the model could not be loaded (no network, and not kept for offline use);
   * `onVerdict` with each new measurement, to remember it for this device.
   */
  readonly autoModel?: {
    readonly enabled: () => boolean;
    readonly canSwitch: (kind: EngineKind, model: ModelVariant) => boolean;
    readonly onVerdict: (state: AutoModelState, engine: EngineKind) => void;
  };
  /**
   * The landmarks the page measures now (a FrameNeed's parts, "near_knee" and the like). Where
   * they include a knee, ankle, heel or toes (any hip, knee or ankle angle), the lite model is
   * not used: full runs instead, whatever was chosen, and the automatic choice never steps down
   * to lite (lib/pose/auto-model.ts says why). Absent: not known, which the automatic choice
   * treats as measuring the legs, and a model chosen in Settings is kept.
   */
  readonly measures?: () => readonly string[];
  /**
   * Search the rest of the picture for other people now and then (lib/pose/second-look.ts):
   * for pages that must refuse a crowd (snapshot, setup check, live view). A set follows the
   * main person and keeps the speed. Default false.
   */
  readonly lookForOthers?: boolean;
}

/** Tabs of the app tell each other when they turn the camera on: the newest one owns it. */
export const CAMERA_CHANNEL = 'posture-tracker-camera';

/**
 * Figures for benchmarks and soak runs, read from the page (`window.__postureLive`): frames
 * measured, engines started, and when the first landmark appeared (ms since navigation).
 */
export interface LiveProbe {
  frames: number;
  /** Time inside the worker summed over those frames, ms. */
  inferenceTotalMs: number;
  /** Time the engine waited for a camera frame in the live loop, ms. */
  idleMs: number;
  readonly engineStarts: number;
  firstLandmarkMs: number | null;
  /** The bare engine on the camera's own frames (the newest camera's): see PoseCamera.benchmark. */
  benchmark: ((frames: number) => Promise<BareEngineSpeed | null>) | null;
}
const liveProbe: LiveProbe = {
  frames: 0,
  inferenceTotalMs: 0,
  idleMs: 0,
  // Engines are kept between pages (engine-host.ts): this counts every start in the page's lifetime.
  get engineStarts() {
    return engineStarts();
  },
  firstLandmarkMs: null,
  benchmark: null,
};

export interface BareEngineSpeed {
  /** Frames per second with the frames fed back to back (no waiting for the camera). */
  readonly rawFps: number;
  /** Median time inside the worker per frame, ms. */
  readonly inferenceMs: number;
}
if (typeof window !== 'undefined') (window as unknown as { __postureLive?: LiveProbe }).__postureLive = liveProbe;

function markFirstLandmark(): void {
  if (liveProbe.firstLandmarkMs === null) liveProbe.firstLandmarkMs = performance.now();
}

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
  /**
   * For benchmarks: pauses the live loop, grabs `frames` camera frames exactly as the loop
   * does (same size, same decoding), feeds them to the same engine back to back, then carries
   * on. Null when no camera or engine is running.
   */
  benchmark(frames: number): Promise<BareEngineSpeed | null>;
  /** Stops everything and releases the worker and listeners. */
  dispose(): void;
}

export function createPoseCamera(options: PoseCameraOptions): PoseCamera {
  const { store } = options;
  let video: HTMLVideoElement | null = null;
  let stream: MediaStream | null = null;
  let engine: WorkerPoseEngine | null = null;
  let objectUrl: string | null = null;
  /** Bumped to cancel the running frame loop. */
  let runId = 0;
  /** Bumped to cancel an engine load in progress (another engine chosen, or disposed). */
  let engineToken = 0;
  /** The frame being measured by the live loop, if any. */
  let inFlight: Promise<unknown> = Promise.resolve();
  /** The engine being loaded, shared by whoever asks for the same one meanwhile. */
  let loading: { kind: EngineKind; model: ModelVariant; promise: Promise<WorkerPoseEngine | null> } | null = null;
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

  /** Stops using the engine: given back to be kept for the next page, or closed when `broken`. */
  const stopEngine = (broken = false) => {
    runId++;
    engineToken++;
    loading = null;
    if (engine) returnEngine(engine, { broken });
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
    if (store.getState().mediaOn) store.getState().setMediaOn(false);
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

    /** One result in: counts, stats, the automatic model choice and the page's frame handler. */
    const deliver = (pose: Pose | null, timestampMs: number) => {
      if (clock === 'wall') judgeModel();
      lastPeople = pose?.peopleCount ?? 0;
      lastLandmarks = pose?.landmarks.length ?? 0;
      completed++;
      framesProcessed++;
      inferenceTotal += e.lastInferenceMs;
      failures = 0;
      if (pose) markFirstLandmark();
      liveProbe.frames++;
      liveProbe.inferenceTotalMs += e.lastInferenceMs;
      options.onFrame(pose, { video: v, timestampMs });
    };
    /** A failed frame; after several in a row the engine is reported broken. Returns false to stop. */
    const failed = (err: unknown): boolean => {
      if (++failures < MAX_FRAME_ERRORS) return true;
      stopEngine(true);
      store.getState().engineFailed(toEngineProblem(err));
      return false;
    };

    if (clock === 'media') {
      // A recorded video waits while each frame is measured, so none is skipped however slow
      // the engine, and is counted on its own timeline.
      const schedule = () => {
        if (runId !== id) return;
        if (typeof v.requestVideoFrameCallback === 'function') v.requestVideoFrameCallback((_, meta) => void tick(meta.mediaTime));
        else requestAnimationFrame(() => void tick(v.currentTime));
      };
      const tick = async (mediaTimeS: number) => {
        if (runId !== id) return;
        if (v.readyState < 2 || v.videoWidth === 0) return schedule();
        const holdVideo = !v.paused && !v.ended;
        if (holdVideo) v.pause();
        try {
          const timestampMs = mediaTimeS * 1000;
          const pose = await e.estimate(await grabFrame(v), timestampMs);
          if (runId !== id) return;
          deliver(pose, timestampMs);
        } catch (err) {
          if (runId !== id || !failed(err)) return;
        }
        if (holdVideo && runId === id) {
          // Paused right at the end, play() would start the file again from the beginning (and
          // count it twice); the end is reached, so end as the player would.
          if (v.ended || (Number.isFinite(v.duration) && v.currentTime >= v.duration - 0.001)) {
            v.dispatchEvent(new Event('ended'));
            return;
          }
          await v.play().catch(() => {});
        }
        schedule();
      };
      schedule();
      return;
    }

    // The camera: the model is kept busy. Up to two frames are with the worker: the one being
    // measured and the next, waiting there, so the model starts on it the moment it finishes
    // (not after the page has received the answer and sent another). A camera frame that comes
    // while two are out is skipped, and the newest is grabbed as soon as one is answered.
    // Camera frames carry epoch milliseconds (timeOrigin + now) taken when they were grabbed:
    // increasing, and still comparable after a reload, so an autosaved set can resume on the
    // same clock.
    let outstanding = 0;
    let grabbing = false;
    /** A camera frame came while two were out: the video holds a newer frame than any grabbed. */
    let skipped = false;
    /** Since when the engine has had nothing to do (for the probe), or null. */
    let idleSince: number | null = null;
    const answered = () => {
      outstanding--;
      if (outstanding === 0) idleSince = performance.now();
      if (skipped) void grab();
    };
    const send = (frame: { picture: RgbaFrame | ImageBitmap; timestampMs: number }) => {
      if (idleSince !== null) liveProbe.idleMs += performance.now() - idleSince;
      idleSince = null;
      outstanding++;
      const estimate = e.estimate(frame.picture, frame.timestampMs);
      // Answers come in order, so the last frame sent is the last to be answered.
      inFlight = estimate.catch(() => null);
      estimate.then(
        (pose) => {
          if (runId !== id) return;
          answered();
          deliver(pose, frame.timestampMs);
        },
        (err: unknown) => {
          if (runId !== id || !failed(err)) return;
          answered();
        },
      );
    };
    const grab = async () => {
      if (runId !== id) return;
      if (v.readyState < 2 || v.videoWidth === 0) return;
      // Two out at most: grabbing every camera frame would take the CPU the model needs.
      if (grabbing || outstanding >= MAX_OUTSTANDING) {
        skipped = true;
        return;
      }
      grabbing = true;
      skipped = false;
      try {
        const timestampMs = performance.timeOrigin + performance.now();
        const picture = await grabFrame(v);
        if (runId !== id) return dropFrame(picture);
        send({ picture, timestampMs });
      } catch (err) {
        if (runId === id) failed(err);
      } finally {
        grabbing = false;
      }
    };
    const onVideoFrame = () => {
      if (runId !== id) return;
      void grab();
      watch();
    };
    const watch = () => {
      if (typeof v.requestVideoFrameCallback === 'function') v.requestVideoFrameCallback(onVideoFrame);
      else requestAnimationFrame(onVideoFrame);
    };
    watch();
  };

  /** The engine that took a cancelled load's place: the one loading now, else the one running. */
  const replacement = (): Promise<WorkerPoseEngine | null> | WorkerPoseEngine | null => loading?.promise ?? engine;

  /** Loads the chosen engine unless it is already loaded; resolves with it, or null on failure. */
  const ensureEngine = (): Promise<WorkerPoseEngine | null> => {
    const { engineKind: kind, model: chosen } = store.getState();
    // Hips, knees and ankles are measured on full at least (lib/pose/auto-model.ts says why).
    const model = modelToRun(chosen, { automatic: options.autoModel?.enabled() ?? false, measures: options.measures?.() ?? null });
    if (engine && engine.info.kind === kind && engine.info.model === model) return Promise.resolve(engine);
    // Already on its way (loaded ahead while the person reads the page): wait for that one.
    if (loading && loading.kind === kind && loading.model === model) return loading.promise;
    stopEngine();
    const token = engineToken;
    store.getState().setPhase('loading');
    store.getState().setLoadProgress(0);
    performance.mark?.('pose:engine-load');
    /** Whole percents only: each change redraws the page, and the stream reports every chunk. */
    let shownPercent = 0;
    const promise = (async () => {
      try {
        const loaded = await borrowEngine({
          kind,
          model,
          lookForOthers: options.lookForOthers ?? false,
          onProgress: (fraction) => {
            const percent = Math.floor(fraction * 100);
            if (percent === shownPercent) return;
            shownPercent = percent;
            store.getState().setLoadProgress(percent / 100);
          },
        });
        if (engineToken !== token || disposed) {
          returnEngine(loaded);
          // Replaced while it loaded (another model chosen): whoever waited for this one gets
          // the one that replaced it, not a start that ends without a word.
          return disposed ? null : replacement();
        }
        loading = null;
        engine = loaded;
        performance.mark?.('pose:engine-ready');
        return loaded;
      } catch (err) {
        if (engineToken === token) {
          loading = null;
          store.getState().engineFailed(toEngineProblem(err));
          return null;
        }
        return disposed ? null : replacement();
      }
    })();
    loading = { kind, model, promise };
    return promise;
  };

  /** The automatic model choice, while the camera runs with the model on Automatic. */
  let auto: AutoModelState | null = null;
  /** The engine `auto` is measuring: a new one (after a switch or restart) starts a fresh measurement. */
  let judged: WorkerPoseEngine | null = null;
  /** A switch the page did not allow yet (already reported). */
  let deferred: ModelVariant | null = null;
  const judgeModel = () => {
    const a = options.autoModel;
    if (!a?.enabled() || !engine) {
      auto = null;
      return;
    }
    const now = performance.now();
    const lowest = lowestModelFor(options.measures?.() ?? null);
    if (!auto || judged !== engine || auto.lowest !== lowest) {
      auto = { ...(auto ?? startAutoModel(engine.info.model, now, lowest)), model: engine.info.model, lowest, sinceMs: now, frames: 0 };
      judged = engine;
    }
    const step = stepAutoModel(auto, now);
    if (step.switchTo && !a.canSwitch(engine.info.kind, step.switchTo)) {
      // Not now (a set is running, or the model is out of reach): remembered, so the next start uses it.
      if (deferred !== step.switchTo) a.onVerdict(step.state, engine.info.kind);
      deferred = step.switchTo;
      return;
    }
    deferred = null;
    const before = auto;
    auto = step.state;
    if (auto.reason !== before.reason && (auto.fps !== null || step.switchTo)) a.onVerdict(auto, engine.info.kind);
    if (step.switchTo) camera.choose(engine.info.kind, step.switchTo);
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
      store.getState().setMediaOn(true);
      performance.mark?.('pose:camera-on');
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
      // The camera is on; the model may still be on its way (its progress shows meanwhile).
      if (!engine && loading) store.getState().setPhase('loading');
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
      store.getState().setMediaOn(true);
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
      } else void camera.prepare();
    },

    retry() {
      if (stream) {
        stopEngine(true);
        void ensureEngine().then((e) => e && stream && run(e, 'wall'));
      } else void camera.start();
    },

    get cameraOn() {
      return stream !== null;
    },

    async benchmark(count) {
      const e = engine;
      const v = video;
      const opened = stream;
      if (!e || !v || !opened) return null;
      runId++;
      await inFlight;
      const frames: { picture: RgbaFrame | ImageBitmap; timestampMs: number }[] = [];
      for (let i = 0; i < count; i++) {
        await new Promise<void>((resolve) => (typeof v.requestVideoFrameCallback === 'function' ? v.requestVideoFrameCallback(() => resolve()) : requestAnimationFrame(() => resolve())));
        frames.push({ picture: await grabFrame(v), timestampMs: performance.timeOrigin + performance.now() });
      }
      const inference: number[] = [];
      const t0 = performance.now();
      for (const f of frames) {
        await e.estimate(f.picture, f.timestampMs).catch(() => null);
        inference.push(e.lastInferenceMs);
      }
      const wallMs = performance.now() - t0;
      if (stream === opened && engine === e) run(e, 'wall');
      inference.sort((a, b) => a - b);
      return { rawFps: (count * 1000) / wallMs, inferenceMs: inference[Math.floor(inference.length / 2)] };
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
  liveProbe.benchmark = (frames) => camera.benchmark(frames);
  return camera;
}
