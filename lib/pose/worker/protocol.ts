import type { PhaseSpan } from '../phases';
import type { EngineInfo, Pose, PoseEngineConfig, PoseErrorCode, RgbaFrame } from '../types';

/** The part of an engine config that can cross a thread boundary. */
export type WorkerEngineConfig = Pick<PoseEngineConfig, 'kind' | 'model' | 'delegate' | 'runningMode' | 'maxPeople' | 'lookForOthers' | 'mediapipeWasmBase' | 'tfjsWasmBase' | 'modelBase'>;

export interface SerializedPoseError {
  readonly code: PoseErrorCode;
  readonly message: string;
  readonly file: string | null;
}

export type ToWorker =
  | {
      readonly type: 'boot';
      readonly kind: WorkerEngineConfig['kind'];
      readonly tfjsWasmBase?: string;
      readonly mediapipeWasmBase?: string;
      /** Where the model files and their manifest (which versions the runtime's addresses) are. */
      readonly modelBase?: string;
      /** The worker downloads these model files itself (base: a path on this origin), off the page's thread. */
      readonly fetchModel?: { readonly base: string; readonly paths: readonly string[] };
    }
  /** `files`: the model files, or none when the worker was asked to download them at boot. */
  | { readonly type: 'init'; readonly config: WorkerEngineConfig; readonly files: ReadonlyArray<readonly [string, ArrayBuffer]> }
  | { readonly type: 'estimate'; readonly id: number; readonly frame: ImageBitmap | RgbaFrame; readonly timestampMs: number }
  | { readonly type: 'reset'; readonly id: number }
  | { readonly type: 'look-for-others'; readonly on: boolean }
  | { readonly type: 'dispose' };

export type FromWorker =
  /** `phases`: how long each part of the start took (phases.ts); the first run's comes later, in 'phases'. */
  | { readonly type: 'ready'; readonly info: EngineInfo; readonly phases: readonly PhaseSpan[] }
  | { readonly type: 'phases'; readonly phases: readonly PhaseSpan[] }
  /** Download progress of the model files the worker fetches (whole percents). */
  | { readonly type: 'load-progress'; readonly fraction: number; readonly file: string }
  | { readonly type: 'init-error'; readonly error: SerializedPoseError }
  | { readonly type: 'result'; readonly id: number; readonly pose: Pose | null; readonly inferenceMs: number; readonly buffer: ArrayBuffer | null }
  | { readonly type: 'estimate-error'; readonly id: number; readonly error: SerializedPoseError; readonly buffer: ArrayBuffer | null }
  | { readonly type: 'reset-done'; readonly id: number };
