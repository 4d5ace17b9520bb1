'use client';

import { useCallback, useEffect, useRef } from 'react';
import { describeCameraError } from '@/lib/camera/camera-errors';
import { ENGINE_KINDS, MODEL_VARIANTS } from '@/lib/pose/config';
import { PoseEngineError, type EngineKind, type ModelVariant } from '@/lib/pose/types';
import { createWorkerPoseEngine, type WorkerPoseEngine } from '@/lib/pose/worker/worker-engine';
import type { EngineProblem } from '@/lib/store/live-store';
import { LiveStoreProvider, useLiveStore, useLiveStoreApi } from '../providers/live-store-provider';
import { drawSkeleton } from './draw-skeleton';
import { EngineProblemPanel, CameraProblemPanel } from './problem-panels';

const ENGINE_LABELS: Record<EngineKind, string> = { mediapipe: 'MediaPipe', tfjs: 'TensorFlow.js' };
const MODEL_LABELS: Record<ModelVariant, string> = { lite: 'Lite (fastest)', full: 'Full', heavy: 'Heavy (most accurate)' };
const STATS_INTERVAL_MS = 500;
/** Consecutive failed frames after which the engine is reported as broken. */
const MAX_FRAME_ERRORS = 5;
const PREFS_KEY = 'posture.live.engine';

function toProblem(err: unknown): EngineProblem {
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
  return {
    engineKind: ENGINE_KINDS.find((k) => k === engine),
    model: MODEL_VARIANTS.find((m) => m === model),
  };
}

export function LiveView() {
  return (
    <LiveStoreProvider>
      <LiveViewInner />
    </LiveStoreProvider>
  );
}

function LiveViewInner() {
  const store = useLiveStoreApi();
  const phase = useLiveStore((s) => s.phase);
  const engineKind = useLiveStore((s) => s.engineKind);
  const model = useLiveStore((s) => s.model);
  const loadProgress = useLiveStore((s) => s.loadProgress);
  const cameraProblem = useLiveStore((s) => s.cameraProblem);
  const engineProblem = useLiveStore((s) => s.engineProblem);

  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const engineRef = useRef<WorkerPoseEngine | null>(null);
  /** Bumped to cancel the running frame loop and any start in progress. */
  const runIdRef = useRef(0);

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
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!video || !canvas || !ctx) return;
      let completed = 0;
      let inferenceTotal = 0;
      let windowStart = performance.now();
      let framesProcessed = 0;
      let lastLandmarks = 0;
      let lastPeople = 0;
      let failures = 0;
      const statsTimer = window.setInterval(() => {
        if (runIdRef.current !== runId) return window.clearInterval(statsTimer);
        const now = performance.now();
        const seconds = (now - windowStart) / 1000;
        store.getState().setStats({
          fps: seconds > 0 ? completed / seconds : 0,
          inferenceMs: completed ? inferenceTotal / completed : 0,
          landmarks: lastLandmarks,
          peopleCount: lastPeople,
          framesProcessed,
        });
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
        if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
        }
        try {
          const bitmap = await createImageBitmap(video);
          const pose = await engine.estimate(bitmap, performance.now());
          if (runIdRef.current !== runId) return;
          lastLandmarks = drawSkeleton(ctx, pose);
          lastPeople = pose?.peopleCount ?? 0;
          canvas.dataset.landmarks = String(lastLandmarks);
          completed++;
          framesProcessed++;
          inferenceTotal += engine.lastInferenceMs;
          failures = 0;
        } catch (err) {
          if (runIdRef.current !== runId) return;
          if (++failures >= MAX_FRAME_ERRORS) {
            stopEngine();
            store.getState().engineFailed(toProblem(err));
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
      store.getState().engineFailed(toProblem(err));
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
      // Autoplay is allowed for muted inline video; a rejected play() is retried by the loop.
    }
    await startEngine();
  }, [startEngine, stopCamera, stopEngine, store]);

  const stop = useCallback(() => {
    stopEngine();
    stopCamera();
    store.getState().setPhase('idle');
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
  }, [stopCamera, stopEngine, store]);

  const choose = (kind: EngineKind, variant: ModelVariant) => {
    store.getState().choose(kind, variant);
    try {
      window.localStorage.setItem(PREFS_KEY, JSON.stringify({ engineKind: kind, model: variant }));
    } catch {
      // Preferences are a convenience; private mode or a full quota must not block the camera.
    }
    if (streamRef.current) void startEngine();
  };

  const busy = phase === 'camera' || phase === 'loading';
  const live = phase === 'running' || phase === 'loading';

  return (
    <section className="live" aria-labelledby="live-title">
      <h1 id="live-title">Live view</h1>
      <p className="lead">
        Stand side-on to the camera, about two to three metres away, so your whole body from ear to ankle is in the
        picture. Video is processed on this device and never uploaded.
      </p>

      <div className="controls">
        <label>
          Engine{' '}
          <select value={engineKind} disabled={busy} onChange={(e) => choose(e.target.value as EngineKind, model)}>
            {ENGINE_KINDS.map((k) => (
              <option key={k} value={k}>
                {ENGINE_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model{' '}
          <select value={model} disabled={busy} onChange={(e) => choose(engineKind, e.target.value as ModelVariant)}>
            {MODEL_VARIANTS.map((m) => (
              <option key={m} value={m}>
                {MODEL_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {phase === 'idle' || phase === 'error' ? (
          <button type="button" className="primary" onClick={() => void start()}>
            {phase === 'error' ? 'Try again' : 'Start camera'}
          </button>
        ) : (
          <button type="button" onClick={stop}>
            Stop camera
          </button>
        )}
      </div>

      <div role="status" aria-live="polite" className="status">
        {phase === 'camera' && 'Waiting for the camera… If the browser asks, choose Allow.'}
        {phase === 'loading' && (
          <span className="loading">
            Loading the pose model ({ENGINE_LABELS[engineKind]} {model}): {Math.round(loadProgress * 100)}%
            <progress max={1} value={loadProgress} aria-label="Model download progress" />
          </span>
        )}
        {phase === 'idle' && 'Press Start camera when you are ready.'}
      </div>

      {cameraProblem && <CameraProblemPanel problem={cameraProblem} onRetry={() => void start()} />}
      {engineProblem && (
        <EngineProblemPanel
          problem={engineProblem}
          onRetry={() => void (streamRef.current ? startEngine() : start())}
          onSwitchEngine={engineKind === 'mediapipe' ? () => choose('tfjs', model) : undefined}
        />
      )}

      <div className="stage" data-phase={phase}>
        <video ref={videoRef} className="stage-video" playsInline muted aria-label="Camera picture" hidden={!live} />
        <canvas ref={canvasRef} className="stage-overlay" data-testid="skeleton" data-landmarks="0" aria-hidden="true" hidden={!live} />
        {phase === 'running' && <Hud />}
      </div>
    </section>
  );
}

function Hud() {
  const stats = useLiveStore((s) => s.stats);
  const info = useLiveStore((s) => s.engineInfo);
  const person =
    stats.peopleCount === 0 ? 'No person in view' : stats.peopleCount === 1 ? 'Person found' : `${stats.peopleCount} people in view: following the nearest`;
  return (
    <dl className="hud" aria-label="Tracking status">
      <div>
        <dt>Speed</dt>
        <dd data-testid="hud-fps">{stats.fps.toFixed(1)} fps</dd>
      </div>
      <div>
        <dt>Inference</dt>
        <dd data-testid="hud-ms">{stats.inferenceMs.toFixed(0)} ms</dd>
      </div>
      <div>
        <dt>Tracking</dt>
        <dd data-testid="hud-person">{person}</dd>
      </div>
      {info?.fallbackReason && (
        <div>
          <dt>Note</dt>
          <dd>{info.fallbackReason}</dd>
        </div>
      )}
    </dl>
  );
}
