import {
  PoseEngineError,
  type Delegate,
  type EngineKind,
  type ModelVariant,
  type PoseEngineConfig,
  type RunningMode,
} from './types';

export const ENGINE_KINDS: readonly EngineKind[] = ['mediapipe', 'tfjs'];
export const MODEL_VARIANTS: readonly ModelVariant[] = ['lite', 'full', 'heavy'];
export const DELEGATES: readonly Delegate[] = ['CPU', 'GPU'];
export const RUNNING_MODES: readonly RunningMode[] = ['VIDEO', 'IMAGE'];
export const MAX_PEOPLE_LIMIT = 5;

export interface ResolvedConfig {
  readonly kind: EngineKind;
  readonly model: ModelVariant;
  readonly delegate: Delegate;
  readonly runningMode: RunningMode;
  readonly maxPeople: number;
  readonly lookForOthers: boolean;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new PoseEngineError(
    'invalid-config',
    `${field} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got ${JSON.stringify(value)}.`,
  );
}

/** Validates a config from any source (UI, CLI flags, a message) and fills in defaults. */
export function resolveConfig(config: Partial<PoseEngineConfig> | null | undefined): ResolvedConfig {
  if (config === null || typeof config !== 'object') {
    throw new PoseEngineError('invalid-config', 'config must be an object with at least "kind" and "model".');
  }
  const kind = oneOf('kind', config.kind, ENGINE_KINDS);
  const model = oneOf('model', config.model, MODEL_VARIANTS);
  const delegate = oneOf('delegate', config.delegate ?? 'CPU', DELEGATES);
  const runningMode = oneOf('runningMode', config.runningMode ?? 'VIDEO', RUNNING_MODES);
  const maxPeople = config.maxPeople ?? 2;
  if (!Number.isInteger(maxPeople) || maxPeople < 1 || maxPeople > MAX_PEOPLE_LIMIT) {
    throw new PoseEngineError(
      'invalid-config',
      `maxPeople must be a whole number from 1 to ${MAX_PEOPLE_LIMIT}; got ${JSON.stringify(maxPeople)}.`,
    );
  }
  if (kind === 'tfjs' && delegate === 'GPU') {
    throw new PoseEngineError('invalid-config', 'delegate "GPU" applies to the mediapipe engine only; the tfjs engine runs on WebAssembly.');
  }
  if (config.lookForOthers !== undefined && typeof config.lookForOthers !== 'boolean') {
    throw new PoseEngineError('invalid-config', `lookForOthers must be true or false; got ${JSON.stringify(config.lookForOthers)}.`);
  }
  return { kind, model, delegate, runningMode, maxPeople, lookForOthers: config.lookForOthers ?? runningMode === 'IMAGE' };
}

/** Files under `models/` that an engine needs, in load order. */
export function modelFilesFor(kind: EngineKind, model: ModelVariant): string[] {
  if (kind === 'mediapipe') return [`pose_landmarker_${model}.task`];
  return [
    'tfjs/blazepose-detector.json',
    'tfjs/blazepose-detector.bin',
    `tfjs/blazepose-${model}.json`,
    `tfjs/blazepose-${model}.bin`,
  ];
}
