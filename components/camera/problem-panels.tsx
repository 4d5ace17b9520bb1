'use client';

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
