'use client';

import { ENGINE_KINDS, MODEL_VARIANTS } from '@/lib/pose/config';
import type { EngineKind, ModelVariant } from '@/lib/pose/types';
import { useLiveStore } from '../providers/live-store-provider';
import { CameraProblemPanel, EngineProblemPanel } from './problem-panels';
import type { usePoseCamera } from './use-pose-camera';

const ENGINE_LABELS: Record<EngineKind, string> = { mediapipe: 'MediaPipe', tfjs: 'TensorFlow.js' };
const MODEL_LABELS: Record<ModelVariant, string> = { lite: 'Lite (fastest)', full: 'Full', heavy: 'Heavy (most accurate)' };

/** Engine and model pickers, start/stop, loading progress and camera or engine problems. */
export function CameraControls({
  camera,
  showStartStop = true,
  readyHint = 'Press Start camera when you are ready.',
}: {
  camera: ReturnType<typeof usePoseCamera>;
  /** The session page starts the camera with its own button, together with the set. */
  showStartStop?: boolean;
  readyHint?: string;
}) {
  const phase = useLiveStore((s) => s.phase);
  const engineKind = useLiveStore((s) => s.engineKind);
  const model = useLiveStore((s) => s.model);
  const loadProgress = useLiveStore((s) => s.loadProgress);
  const cameraProblem = useLiveStore((s) => s.cameraProblem);
  const engineProblem = useLiveStore((s) => s.engineProblem);
  const busy = phase === 'camera' || phase === 'loading';

  return (
    <>
      <div className="controls">
        <label>
          Engine{' '}
          <select value={engineKind} disabled={busy} onChange={(e) => camera.choose(e.target.value as EngineKind, model)}>
            {ENGINE_KINDS.map((k) => (
              <option key={k} value={k}>
                {ENGINE_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model{' '}
          <select value={model} disabled={busy} onChange={(e) => camera.choose(engineKind, e.target.value as ModelVariant)}>
            {MODEL_VARIANTS.map((m) => (
              <option key={m} value={m}>
                {MODEL_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {!showStartStop ? null : phase === 'idle' || phase === 'ready' || phase === 'error' ? (
          <button type="button" className="primary" onClick={() => void camera.start()}>
            {phase === 'error' ? 'Try again' : 'Start camera'}
          </button>
        ) : (
          <button type="button" onClick={camera.stop}>
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
        {(phase === 'idle' || phase === 'ready') && readyHint}
      </div>

      {cameraProblem && <CameraProblemPanel problem={cameraProblem} onRetry={() => void camera.start()} />}
      {engineProblem && (
        <EngineProblemPanel
          problem={engineProblem}
          onRetry={camera.retry}
          onSwitchEngine={engineKind === 'mediapipe' ? () => camera.choose('tfjs', model) : undefined}
        />
      )}
    </>
  );
}
