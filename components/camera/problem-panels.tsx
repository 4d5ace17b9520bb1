'use client';

import Link from '@/components/nav/app-link';
import type { CameraProblem } from '@/lib/camera/camera-errors';
import type { EngineProblem } from '@/lib/store/live-store';

const ENGINE_TITLES: Record<EngineProblem['code'], string> = {
  'invalid-config': 'That engine setting is not valid',
  'model-missing': 'A model file is missing',
  'model-corrupt': 'A model file is damaged',
  'webgl2-unavailable': 'This browser has no WebGL2',
  'runtime-missing': 'The pose runtime could not be loaded',
  'engine-failed': 'The pose engine stopped',
};

const ENGINE_ADVICE: Partial<Record<EngineProblem['code'], string>> = {
  'model-missing': 'The app installs its models when it is set up. Ask whoever runs it to run "npm run models", or reload if the connection dropped.',
  'model-corrupt': 'Reload the page. If it keeps happening, the installation needs its models rebuilt ("npm run models").',
  'runtime-missing': 'Reload the page. If it keeps happening, the installation is incomplete ("npm run models").',
};

export function CameraProblemPanel({ problem, onRetry }: { problem: CameraProblem; onRetry: () => void }) {
  return (
    <div role="alert" className="problem" data-problem={problem.code}>
      <h2>{problem.title}</h2>
      <p>{problem.message}</p>
      <button type="button" className="primary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

export function EngineProblemPanel({
  problem,
  onRetry,
  onSwitchEngine,
  engineLabel,
}: {
  problem: EngineProblem;
  onRetry: () => void;
  onSwitchEngine?: () => void;
  /** The engine and model that failed, for the record ("MediaPipe full"). */
  engineLabel?: string;
}) {
  // No network and the files not kept on this device: say so, and how to avoid it next time.
  const offline = typeof navigator !== 'undefined' && !navigator.onLine && (problem.code === 'model-missing' || problem.code === 'runtime-missing');
  if (offline) {
    return (
      <div role="alert" className="problem" data-problem={problem.code} data-offline="true">
        <h2>No network, and the pose model is not kept on this device</h2>
        <p>
          The camera pages need the pose model{engineLabel ? ` (${engineLabel})` : ''}. Connect to a network and try again; then use{' '}
          <Link href="/settings#offline-title">Make available offline in Settings</Link> so they work with no network next time.
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={onRetry}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  return (
    <div role="alert" className="problem" data-problem={problem.code}>
      <h2>{ENGINE_TITLES[problem.code]}</h2>
      <p>{problem.message}</p>
      {problem.file && (
        <p>
          File: <code data-testid="problem-file">{problem.file}</code>
        </p>
      )}
      {ENGINE_ADVICE[problem.code] && <p>{ENGINE_ADVICE[problem.code]}</p>}
      {engineLabel && <p className="fine-print">Pose engine: {engineLabel}. It can be changed in Settings.</p>}
      <div className="actions">
        <button type="button" className="primary" onClick={onRetry}>
          Try again
        </button>
        {onSwitchEngine && (
          <button type="button" onClick={onSwitchEngine}>
            Use the TensorFlow.js engine instead
          </button>
        )}
      </div>
    </div>
  );
}
