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
  /** Bumped to cancel the running frame loop and any start in progress. */
  const runIdRef = useRef(0);
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
    if (videoRef.current) videoRef.current.srcObject = null;
  }, []);

  useEffect(
    () => () => {
      stopEngine();
      stopCamera();
    },
    [stopEngine, stopCamera],
  );

  const runLoop = useCallback(
    (engine: WorkerPoseEngine, runId: number) => {
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
        if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => void tick());
        else requestAnimationFrame(() => void tick());
      };
      const tick = async () => {
        if (runIdRef.current !== runId) return;
        if (video.readyState < 2 || video.videoWidth === 0) return schedule();
        try {
          const timestampMs = performance.now();
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

  const startEngine = useCallback(async () => {
    stopEngine();
    const runId = runIdRef.current;
    const { engineKind: kind, model: variant } = store.getState();
    store.getState().setPhase('loading');
    store.getState().setLoadProgress(0);
    try {
      const engine = await createWorkerPoseEngine({
        kind,
        model: variant,
        onProgress: (fraction) => store.getState().setLoadProgress(fraction),
      });
      if (runIdRef.current !== runId) return engine.dispose();
      engineRef.current = engine;
      store.getState().engineReady(engine.info);
      runLoop(engine, runId);
    } catch (err) {
      if (runIdRef.current !== runId) return;
      store.getState().engineFailed(toEngineProblem(err));
    }
  }, [runLoop, stopEngine, store]);

  const start = useCallback(async () => {
    stopEngine();
    stopCamera();
    const runId = runIdRef.current;
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
      if (runIdRef.current === runId) store.getState().cameraFailed(describeCameraError(err, window.isSecureContext));
      return;
    }
    if (runIdRef.current !== runId) return stream.getTracks().forEach((t) => t.stop());
    streamRef.current = stream;
    const video = videoRef.current!;
    video.srcObject = stream;
    try {
      await video.play();
    } catch {
      // Muted inline video may autoplay; if play() is refused the loop waits for frames.
    }
    await startEngine();
  }, [startEngine, stopCamera, stopEngine, store]);

  const stop = useCallback(() => {
    stopEngine();
    stopCamera();
    store.getState().setPhase('idle');
  }, [stopCamera, stopEngine, store]);

  /** Switch engine or model; restarts the engine if the camera is on. */
  const choose = useCallback(
    (kind: EngineKind, variant: ModelVariant) => {
      store.getState().choose(kind, variant);
      try {
        window.localStorage.setItem(PREFS_KEY, JSON.stringify({ engineKind: kind, model: variant }));
      } catch {
        // Preferences are a convenience; private mode or a full quota must not block the camera.
      }
      if (streamRef.current) void startEngine();
    },
    [startEngine, store],
  );

  const retry = useCallback(() => void (streamRef.current ? startEngine() : start()), [start, startEngine]);

  return { videoRef, start, stop, choose, retry };
}
