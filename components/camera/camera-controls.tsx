'use client';

import { useLiveStore } from '../providers/live-store-provider';
import { CameraProblemPanel, EngineProblemPanel } from './problem-panels';
import type { PoseCameraHandle } from './use-pose-camera';

export const ENGINE_LABELS = { mediapipe: 'MediaPipe', tfjs: 'TensorFlow.js' } as const;

/**
 * Start/stop for the camera, loading progress, and camera or engine problems: one problem
 * panel at a time, with the page's only "Try again". The engine and model are chosen in
 * Settings, never here.
 */
export function CameraControls({
  camera,
  showStartStop = true,
  readyHint = 'Press Start camera when you are ready.',
  startLabel = 'Start camera',
  onRetry,
}: {
  camera: PoseCameraHandle;
  /** The session page starts the camera with its own button, together with the set. */
  showStartStop?: boolean;
  readyHint?: string;
  startLabel?: string;
  /** What "Try again" does after a camera or engine problem (default: start the camera, or reload the engine). */
  onRetry?: () => void;
}) {
  const phase = useLiveStore((s) => s.phase);
  const engineKind = useLiveStore((s) => s.engineKind);
  const model = useLiveStore((s) => s.model);
  const loadProgress = useLiveStore((s) => s.loadProgress);
  const cameraProblem = useLiveStore((s) => s.cameraProblem);
  const engineProblem = useLiveStore((s) => s.engineProblem);

  return (
    <>
      {showStartStop && phase !== 'error' && (
        <div className="controls">
          {phase === 'running' || phase === 'camera' ? (
            <button type="button" onClick={camera.stop} data-testid="stop-camera">
              Stop camera
            </button>
          ) : (
            // The camera may start while the model is still loading: both are ready sooner.
            <button type="button" className="primary" onClick={() => void camera.start()}>
              {startLabel}
            </button>
          )}
        </div>
      )}

      <div role="status" aria-live="polite" className="status">
        {phase === 'camera' && 'Waiting for the camera… If the browser asks, choose Allow.'}
        {phase === 'loading' && (
          <span className="loading">
            Loading the pose model: {Math.round(loadProgress * 100)}%
            <progress max={1} value={loadProgress} aria-label="Model loading progress" />
          </span>
        )}
        {(phase === 'idle' || phase === 'ready') && readyHint}
      </div>

      {cameraProblem ? (
        <CameraProblemPanel problem={cameraProblem} onRetry={onRetry ?? (() => void camera.start())} />
      ) : engineProblem ? (
        <EngineProblemPanel
          problem={engineProblem}
          onRetry={onRetry ?? camera.retry}
          onSwitchEngine={engineKind === 'mediapipe' ? () => camera.choose('tfjs', model) : undefined}
          engineLabel={`${ENGINE_LABELS[engineKind]} ${model}`}
        />
      ) : null}
    </>
  );
}
