import type { LandmarkName } from './landmarks';

/** A landmark in normalized image coordinates: x and y in [0, 1] of width and height. */
export interface NormalizedLandmark {
  readonly x: number;
  readonly y: number;
  /** Depth relative to the hips, in roughly the same scale as x; smaller is nearer the camera. */
  readonly z: number;
  /** Probability in [0, 1] that the point is visible (not occluded, inside the frame). */
  readonly visibility: number;
}

/** A landmark in metres, origin between the hips (the model's 3D estimate). */
export interface WorldLandmark {
  readonly xM: number;
  readonly yM: number;
  readonly zM: number;
  readonly visibility: number;
}

/** One person's pose in one frame. Arrays are indexed by `LANDMARK_INDEX`. */
export interface Pose {
  readonly landmarks: readonly NormalizedLandmark[];
  readonly worldLandmarks: readonly WorldLandmark[] | null;
  readonly imageWidth: number;
  readonly imageHeight: number;
  /**
   * How many different people the engine saw in the frame (a pose read twice, or part of the
   * main person read as a small second one, counts once); `landmarks` belong to the main one.
   */
  readonly peopleCount: number;
  readonly timestampMs: number;
}

export type EngineKind = 'mediapipe' | 'tfjs';
export type ModelVariant = 'lite' | 'full' | 'heavy';
export type Delegate = 'CPU' | 'GPU';
export type RunningMode = 'VIDEO' | 'IMAGE';

/** Raw RGBA pixels; `ImageData` has this shape, and so do frames decoded outside a browser. */
export interface RgbaFrame {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Anything an engine can read pixels from. DOM types are allowed only where they exist. */
export type PoseFrame =
  | RgbaFrame
  | ImageBitmap
  | HTMLVideoElement
  | HTMLImageElement
  | HTMLCanvasElement
  | OffscreenCanvas;

/** Fetches a model or runtime file by its path relative to the asset base; reports bytes. */
export type AssetLoader = (
  path: string,
  onProgress?: (loadedBytes: number, totalBytes: number | null) => void,
) => Promise<Uint8Array>;

export interface PoseEngineConfig {
  readonly kind: EngineKind;
  readonly model: ModelVariant;
  /** MediaPipe only; GPU falls back to CPU when it cannot start. Default CPU. */
  readonly delegate?: Delegate;
  /** VIDEO keeps tracking state between frames (timestamps must increase). Default VIDEO. */
  readonly runningMode?: RunningMode;
  /** Most people to detect (MediaPipe); the main one is returned. Default 2. */
  readonly maxPeople?: number;
  /**
   * Also search the picture for other people (second-look.ts: the whole picture with everyone
   * found painted over, then the parts beside the main person), so `peopleCount` counts someone
   * the detector missed: behind or above the main person, darker, or smaller. Every still; in a
   * video at most once a second and within 3 % of the engine's time. Default: on for IMAGE mode,
   * off for VIDEO (counting follows the main person and needs the speed).
   */
  readonly lookForOthers?: boolean;
  /** Base URL (browser) of the MediaPipe wasm files. Default `/wasm/mediapipe`. */
  readonly mediapipeWasmBase?: string;
  /** Base URL or directory of the tfjs wasm files. Default `/wasm/tfjs/`. */
  readonly tfjsWasmBase?: string;
  /** Where model files live: a URL prefix in a browser, a directory in Node. Default `/models/`.
   *  Also used to name files in error messages. */
  readonly modelBase?: string;
  /** Loads files under `modelBase`. Default: `fetch` from `modelBase`. */
  readonly loadAsset?: AssetLoader;
  /** Called with overall model download progress in [0, 1]. */
  readonly onProgress?: (fraction: number, file: string) => void;
}

export interface EngineInfo {
  readonly kind: EngineKind;
  readonly model: ModelVariant;
  readonly delegate: Delegate;
  readonly runningMode: RunningMode;
  /** Why the requested delegate was not used, when it was not. */
  readonly fallbackReason: string | null;
}

export interface PoseEngine {
  readonly info: EngineInfo;
  /** Pose of the main person in the frame, or null when nobody is found. */
  estimate(frame: PoseFrame, timestampMs: number): Promise<Pose | null>;
  /** Forget tracking state (next frame is treated as the first of a new video). */
  reset(): Promise<void>;
  /**
   * Runs the model once on an empty picture, so the first real frame does not pay for the
   * engine's one-off start-up work; tracking state is left as if nothing had been seen.
   */
  warmUp?(): Promise<void>;
  /** Whether to search beside the main person for others (see PoseEngineConfig.lookForOthers). */
  setLookForOthers?(on: boolean): void;
  dispose(): void;
}

export type PoseErrorCode =
  | 'invalid-config'
  | 'model-missing'
  | 'model-corrupt'
  | 'webgl2-unavailable'
  | 'runtime-missing'
  | 'engine-failed';

/** Every failure of `lib/pose` carries a code the UI can explain and, for files, the file. */
export class PoseEngineError extends Error {
  readonly code: PoseErrorCode;
  readonly file: string | null;
  constructor(code: PoseErrorCode, message: string, file: string | null = null) {
    super(message);
    this.name = 'PoseEngineError';
    this.code = code;
    this.file = file;
  }
}

export type { LandmarkName };
