'use client';

import { useCallback, useEffect, useRef } from 'react';
import { describeCameraError } from '@/lib/camera/camera-errors';
import { ENGINE_KINDS, MODEL_VARIANTS } from '@/lib/pose/config';
import { PoseEngineError, type EngineKind, type ModelVariant, type Pose } from '@/lib/pose/types';
import { createWorkerPoseEngine, type WorkerPoseEngine } from '@/lib/pose/worker/worker-engine';
import type { PostureMeasurement } from '@/lib/angles/posture';
import type { EngineProblem, LiveStats } from '@/lib/store/live-store';
import { useLiveStoreApi } from '../providers/live-store-provider';

const STATS_INTERVAL_MS = 500;
/** Consecutive failed frames after which the engine is reported as broken. */
const MAX_FRAME_ERRORS = 5;
const PREFS_KEY = 'posture.live.engine';

export interface FrameContext {
  readonly video: HTMLVideoElement;
  readonly timestampMs: number;
}

export interface PoseCameraOptions {
  /** Called for every processed frame, on the main thread; keep it cheap. */
  readonly onFrame: (pose: Pose | null, frame: FrameContext) => void;
  /** The posture to publish with the stats (a few times a second); omit to publish none. */
  readonly latestPosture?: () => PostureMeasurement | null;
  /** A video file source played to its end. */
  readonly onEnded?: () => void;
}

export function toEngineProblem(err: unknown): EngineProblem {
  if (err instanceof PoseEngineError) return { code: err.code, message: err.message, file: err.file };
  return { code: 'engine-failed', message: err instanceof Error ? err.message : String(err), file: null };
}

function readPreferences(): { engineKind?: EngineKind; model?: ModelVariant } {
  const params = new URLSearchParams(window.location.search);
  let saved: { engineKind?: string; model?: string } = {};
  try {
    saved = JSON.parse(window.localStorage.getItem(PREFS_KEY) ?? '{}') as typeof saved;
  } catch {
    saved = {};
  }
  const engine = params.get('engine') ?? saved.engineKind;
  const model = params.get('model') ?? saved.model;
  return { engineKind: ENGINE_KINDS.find((k) => k === engine), model: MODEL_VARIANTS.find((m) => m === model) };
}

/**
 * Camera stream plus a pose engine in a worker, one frame in flight. Lifecycle state goes to
 * the live store; per-frame results go to `onFrame` and never through React state.
 */
export function usePoseCamera(options: PoseCameraOptions) {
  const store = useLiveStoreApi();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const engineRef = useRef<WorkerPoseEngine | null>(null);
  const objectUrlRef = useRef<string | null>(null);
  /** Bumped to cancel the running frame loop and any start in progress. */
  const runIdRef = useRef(0);
  /** Bumped by every start or stop, so a slow start that was superseded does nothing. */
  const startTokenRef = useRef(0);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    const prefs = readPreferences();
    const s = store.getState();
    s.choose(prefs.engineKind ?? s.engineKind, prefs.model ?? s.model);
  }, [store]);

  const stopEngine = useCallback(() => {
    runIdRef.current++;
    engineRef.current?.dispose();
    engineRef.current = null;
  }, []);

  const stopCamera = useCallback(() => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    const video = videoRef.current;
    if (video) {
      video.pause();
      video.srcObject = null;
      video.removeAttribute('src');
    }
    if (objectUrlRef.current) URL.revokeObjectURL(objectUrlRef.current);
    objectUrlRef.current = null;
  }, []);

  useEffect(
    () => () => {
      stopEngine();
      stopCamera();
    },
    [stopEngine, stopCamera],
  );

  const runLoop = useCallback(
    (engine: WorkerPoseEngine, runId: number, clock: 'wall' | 'media') => {
      const video = videoRef.current;
      if (!video) return;
      let completed = 0;
      let inferenceTotal = 0;
      let windowStart = performance.now();
      let framesProcessed = 0;
      let lastPeople = 0;
      let lastLandmarks = 0;
      let failures = 0;
      const statsTimer = window.setInterval(() => {
        if (runIdRef.current !== runId) return window.clearInterval(statsTimer);
        const now = performance.now();
        const seconds = (now - windowStart) / 1000;
        const stats: LiveStats = {
          fps: seconds > 0 ? completed / seconds : 0,
          inferenceMs: completed ? inferenceTotal / completed : 0,
          landmarks: lastLandmarks,
          peopleCount: lastPeople,
          framesProcessed,
        };
        store.getState().setStats(stats, optionsRef.current.latestPosture?.());
        completed = 0;
        inferenceTotal = 0;
        windowStart = now;
      }, STATS_INTERVAL_MS);

      const schedule = () => {
        if (runIdRef.current !== runId) return;
        if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback((_, meta) => void tick(meta.mediaTime));
        else requestAnimationFrame(() => void tick((video as HTMLVideoElement).currentTime));
      };
      const tick = async (mediaTimeS: number) => {
        if (runIdRef.current !== runId) return;
        if (video.readyState < 2 || video.videoWidth === 0) return schedule();
        try {
          // Recorded video is counted on its own timeline, whatever the processing speed.
          // Camera frames carry epoch milliseconds (timeOrigin + now): increasing, and still
          // comparable after a reload, so an autosaved set can resume on the same clock.
          const timestampMs = clock === 'media' ? mediaTimeS * 1000 : performance.timeOrigin + performance.now();
          const bitmap = await createImageBitmap(video);
          const pose = await engine.estimate(bitmap, timestampMs);
          if (runIdRef.current !== runId) return;
          lastPeople = pose?.peopleCount ?? 0;
          lastLandmarks = pose?.landmarks.length ?? 0;
          completed++;
          framesProcessed++;
          inferenceTotal += engine.lastInferenceMs;
          failures = 0;
          optionsRef.current.onFrame(pose, { video, timestampMs });
        } catch (err) {
          if (runIdRef.current !== runId) return;
          if (++failures >= MAX_FRAME_ERRORS) {
            stopEngine();
            store.getState().engineFailed(toEngineProblem(err));
            return;
          }
        }
        schedule();
      };
      schedule();
    },
    [store, stopEngine],
  );

  /** Loads the chosen engine unless it is already loaded; resolves with it, or null on failure. */
  const ensureEngine = useCallback(async (): Promise<WorkerPoseEngine | null> => {
    const { engineKind: kind, model: variant } = store.getState();
    const current = engineRef.current;
    if (current && current.info.kind === kind && current.info.model === variant) return current;
    stopEngine();
    const runId = runIdRef.current;
    store.getState().setPhase('loading');
    store.getState().setLoadProgress(0);
    try {
      const engine = await createWorkerPoseEngine({
        kind,
        model: variant,
        onProgress: (fraction) => store.getState().setLoadProgress(fraction),
      });
      if (runIdRef.current !== runId) {
        engine.dispose();
        return null;
      }
      engineRef.current = engine;
      store.getState().engineReady(engine.info);
      return engine;
    } catch (err) {
      if (runIdRef.current === runId) store.getState().engineFailed(toEngineProblem(err));
      return null;
    }
  }, [stopEngine, store]);

  /** Starts counting frames from whatever the video element shows. */
  const run = useCallback(
    (engine: WorkerPoseEngine, clock: 'wall' | 'media') => {
      runIdRef.current++;
      store.getState().engineReady(engine.info);
      runLoop(engine, runIdRef.current, clock);
    },
    [runLoop, store],
  );

  const startEngine = useCallback(async () => {
    engineRef.current?.dispose();
    engineRef.current = null;
    const engine = await ensureEngine();
    if (engine && (streamRef.current || objectUrlRef.current)) run(engine, streamRef.current ? 'wall' : 'media');
  }, [ensureEngine, run]);

  /** Loads the engine ahead of time so counting starts with the first camera frame. */
  const prepare = useCallback(async () => {
    const engine = await ensureEngine();
    if (engine && !streamRef.current && !objectUrlRef.current) store.getState().setPhase('ready');
  }, [ensureEngine, store]);

  const start = useCallback(async () => {
    runIdRef.current++;
    stopCamera();
    const token = ++startTokenRef.current;
    store.getState().setPhase('camera');
    let stream: MediaStream;
    try {
      if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
        throw new TypeError('getUserMedia is unavailable');
      }
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
        audio: false,
      });
    } catch (err) {
      if (startTokenRef.current === token) store.getState().cameraFailed(describeCameraError(err, window.isSecureContext));
      return;
    }
    if (startTokenRef.current !== token) return stream.getTracks().forEach((t) => t.stop());
    streamRef.current = stream;
    const video = videoRef.current!;
    video.srcObject = stream;
    try {
      await video.play();
    } catch {
      // Muted inline video may autoplay; if play() is refused the loop waits for frames.
    }
    const engine = await ensureEngine();
    if (engine && startTokenRef.current === token) run(engine, 'wall');
  }, [ensureEngine, run, stopCamera, store]);

  /** Counts a recorded video file instead of the camera, on the file's own timeline. */
  const startFile = useCallback(
    async (file: File) => {
      runIdRef.current++;
      stopCamera();
      const token = ++startTokenRef.current;
      const engine = await ensureEngine();
      if (!engine || startTokenRef.current !== token) return;
      const video = videoRef.current!;
      const url = URL.createObjectURL(file);
      objectUrlRef.current = url;
      video.src = url;
      video.onended = () => {
        if (startTokenRef.current !== token) return;
        runIdRef.current++;
        store.getState().setPhase('ready');
        optionsRef.current.onEnded?.();
      };
      try {
        await new Promise<void>((resolve, reject) => {
          video.onloadeddata = () => resolve();
          video.onerror = () => reject(new Error('unreadable'));
        });
        run(engine, 'media');
        await video.play();
      } catch {
        URL.revokeObjectURL(url);
        objectUrlRef.current = null;
        store.getState().engineFailed({ code: 'engine-failed', message: `The file ${file.name} could not be played. Use an MP4 or WebM video.`, file: file.name });
      }
    },
    [ensureEngine, run, stopCamera, store],
  );

  /** Stops the camera or video; the engine stays loaded for the next start. */
  const stop = useCallback(() => {
    runIdRef.current++;
    startTokenRef.current++;
    stopCamera();
    store.getState().setPhase(engineRef.current ? 'ready' : 'idle');
  }, [stopCamera, store]);

  /** Switch engine or model; restarts the engine if the camera is on. */
  const choose = useCallback(
    (kind: EngineKind, variant: ModelVariant) => {
      store.getState().choose(kind, variant);
      try {
        window.localStorage.setItem(PREFS_KEY, JSON.stringify({ engineKind: kind, model: variant }));
      } catch {
        // Preferences are a convenience; private mode or a full quota must not block the camera.
      }
      if (streamRef.current || objectUrlRef.current) void startEngine();
      else if (engineRef.current) void prepare();
    },
    [prepare, startEngine, store],
  );

  const retry = useCallback(() => void (streamRef.current ? startEngine() : start()), [start, startEngine]);

  return { videoRef, start, startFile, prepare, stop, choose, retry };
}
