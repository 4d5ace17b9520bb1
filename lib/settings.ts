// The person's preferences in one place: typed keys, defaults, and how they are stored (the
// Dexie `settings` table, so they travel with a backup). Pages read them through here only.
import { ENGINE_KINDS, MODEL_VARIANTS } from './pose/config';
import type { EngineKind, ModelVariant } from './pose/types';
import type { PostureDb } from './storage/db';
import { getSetting, setSetting } from './storage/records';
import type { JsonValue } from './storage/setting-record';
import { DEFAULT_ROUTINE_PREFS, isRoutinePrefs, normalizePrefs, type RoutinePrefs } from './routine/plan';

export interface Settings {
  /** 'auto': the app picks (see `resolveEngine`). */
  readonly engine: EngineKind | 'auto';
  readonly model: ModelVariant | 'auto';
  /** Sound and speech cues during a set. */
  readonly cuesMuted: boolean;
  /** Keep the picture with a posture snapshot (off: numbers and lines only). */
  readonly keepSnapshotPicture: boolean;
  /** Keep the landmarks (numbers, never pictures) of each set and range check on this device, for download. */
  readonly keepLandmarks: boolean;
  /** The first-run walk-through was finished or skipped. */
  readonly introDone: boolean;
  /** What the automatic model choice measured on this device last time (null: not yet). */
  readonly autoModel: AutoModelRecord | null;
  /** The daily routine's drills: their order and which are off (the stage's exercise always stays). */
  readonly routine: RoutinePrefs;
}

/** The automatic model choice's last verdict on this device. */
export interface AutoModelRecord {
  readonly engine: EngineKind;
  readonly model: ModelVariant;
  /** Frames per second measured, or null while measuring. */
  readonly fps: number | null;
  readonly reason: string;
  readonly atMs: number;
}

export const DEFAULT_SETTINGS: Settings = { engine: 'auto', model: 'auto', cuesMuted: false, keepSnapshotPicture: false, keepLandmarks: false, introDone: false, autoModel: null, routine: DEFAULT_ROUTINE_PREFS };

/** Storage key of each setting (kept apart from other keys in the table, such as reminder times). */
const KEYS: Readonly<Record<keyof Settings, string>> = {
  engine: 'pose.engine',
  model: 'pose.model',
  cuesMuted: 'cues.muted',
  keepSnapshotPicture: 'snapshot.keepPicture',
  keepLandmarks: 'tracks.keep',
  introDone: 'intro.done',
  autoModel: 'pose.autoModel',
  routine: 'routine.prefs',
};

const isAutoModel = (v: unknown): v is AutoModelRecord => {
  const r = v as AutoModelRecord | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    (ENGINE_KINDS as readonly unknown[]).includes(r.engine) &&
    (MODEL_VARIANTS as readonly unknown[]).includes(r.model) &&
    (r.fps === null || (typeof r.fps === 'number' && Number.isFinite(r.fps))) &&
    typeof r.reason === 'string' &&
    typeof r.atMs === 'number'
  );
};

const VALID: { readonly [K in keyof Settings]: (v: unknown) => v is Settings[K] } = {
  engine: (v): v is Settings['engine'] => v === 'auto' || (ENGINE_KINDS as readonly unknown[]).includes(v),
  model: (v): v is Settings['model'] => v === 'auto' || (MODEL_VARIANTS as readonly unknown[]).includes(v),
  cuesMuted: (v): v is boolean => typeof v === 'boolean',
  keepSnapshotPicture: (v): v is boolean => typeof v === 'boolean',
  keepLandmarks: (v): v is boolean => typeof v === 'boolean',
  introDone: (v): v is boolean => typeof v === 'boolean',
  autoModel: (v): v is AutoModelRecord | null => v === null || isAutoModel(v),
  routine: isRoutinePrefs,
};

/**
 * A stored value made usable where it can be: a routine saved before a drill existed gets the
 * new drill in its default place, and keeps the person's order and choices.
 */
const REPAIR: { readonly [K in keyof Settings]?: (v: unknown) => Settings[K] } = {
  routine: (v) => (typeof v === 'object' && v !== null ? normalizePrefs(v) : DEFAULT_ROUTINE_PREFS),
};

/** Every setting, with the default wherever nothing (or something unusable) is stored. */
export async function loadSettings(db: PostureDb): Promise<Settings> {
  const entries = await Promise.all(
    (Object.keys(KEYS) as (keyof Settings)[]).map(async (k) => {
      const v = await getSetting(db, KEYS[k]);
      const repair = REPAIR[k];
      return [k, VALID[k](v) ? v : repair ? repair(v) : DEFAULT_SETTINGS[k]] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as Settings;
}

/** The settings that pick the pose engine (all device-only: lib/sync/rules/docs.ts). */
export type EngineSettings = Pick<Settings, 'engine' | 'model' | 'autoModel'>;

/**
 * Engine settings from a copy kept outside the database (components/camera/engine-choice.ts),
 * checked by the same rules as the stored ones: null unless every field is valid.
 */
export function engineSettingsOf(value: unknown): EngineSettings | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!VALID.engine(v.engine) || !VALID.model(v.model) || !VALID.autoModel(v.autoModel)) return null;
  return { engine: v.engine, model: v.model, autoModel: v.autoModel };
}

export async function saveSetting<K extends keyof Settings>(db: PostureDb, key: K, value: Settings[K]): Promise<void> {
  if (!VALID[key](value)) throw new RangeError(`Not a valid value for ${key}: ${JSON.stringify(value)}.`);
  await setSetting(db, KEYS[key], value as JsonValue);
}

export interface EngineChoice {
  readonly engineKind: EngineKind;
  readonly model: ModelVariant;
  /** Chosen by the app rather than the person. */
  readonly automatic: boolean;
  /** Why, in words for the Settings page. */
  readonly reason: string;
}

/**
 * The engine and model to run. A choice in the URL (`?engine=&model=`, for testing) wins, then
 * the person's own, then the automatic one: MediaPipe's full model, the most accurate that runs
 * in real time on an ordinary laptop or phone (the lite model misses reps in three-quarter views);
 * TensorFlow.js where the browser lacks WebGL2, which MediaPipe needs.
 */
export function resolveEngine(
  settings: Pick<Settings, 'engine' | 'model'> & { readonly autoModel?: AutoModelRecord | null },
  env: { readonly webgl2: boolean; readonly query?: URLSearchParams },
): EngineChoice {
  const q = env.query;
  const fromQuery = {
    engine: ENGINE_KINDS.find((k) => k === q?.get('engine')),
    model: MODEL_VARIANTS.find((m) => m === q?.get('model')),
  };
  const autoEngine: EngineKind = env.webgl2 ? 'mediapipe' : 'tfjs';
  const engineKind = fromQuery.engine ?? (settings.engine === 'auto' ? autoEngine : settings.engine);
  // The model measured on this device last time, for the same engine; full until measured.
  const measured = settings.autoModel && settings.autoModel.engine === engineKind ? settings.autoModel : null;
  const model = fromQuery.model ?? (settings.model === 'auto' ? (measured?.model ?? 'full') : settings.model);
  const automatic = !fromQuery.model && settings.model === 'auto';
  const reason = automatic && measured
    ? `Automatic: ${measured.reason}`
    : automatic
    ? env.webgl2
      ? 'Automatic: the full model to start with (accurate enough to count reps seen from three-quarters); the camera pages measure its speed and step down to lite below 15 frames per second, or up to heavy where it would still run at 15.'
      : 'Automatic: this browser has no WebGL2, which the MediaPipe engine needs, so the TensorFlow.js engine runs instead, starting with the full model; its speed is measured and the model stepped down or up to keep 15 frames per second.'
    : fromQuery.engine || fromQuery.model
      ? 'Set by the page address.'
      : 'Your choice.';
  return { engineKind, model, automatic, reason };
}

let webgl2: boolean | null = null;

/**
 * Whether this browser offers WebGL2 (MediaPipe needs it even on the CPU). Asked once per page
 * load: making the test context takes 20-40 ms of the page's thread here (software rendering).
 */
export function hasWebGl2(): boolean {
  if (webgl2 !== null) return webgl2;
  try {
    if (typeof document === 'undefined') return false;
    webgl2 = document.createElement('canvas').getContext('webgl2') !== null;
  } catch {
    webgl2 = false;
  }
  return webgl2;
}
