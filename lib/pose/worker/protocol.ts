import type { EngineInfo, Pose, PoseEngineConfig, PoseErrorCode, RgbaFrame } from '../types';

/** The part of an engine config that can cross a thread boundary. */
export type WorkerEngineConfig = Pick<PoseEngineConfig, 'kind' | 'model' | 'delegate' | 'runningMode' | 'maxPeople' | 'lookForOthers' | 'mediapipeWasmBase' | 'tfjsWasmBase' | 'modelBase'>;

export interface SerializedPoseError {
  readonly code: PoseErrorCode;
  readonly message: string;
  readonly file: string | null;
}

export type ToWorker =
  | { readonly type: 'boot'; readonly kind: WorkerEngineConfig['kind']; readonly tfjsWasmBase?: string }
  | { readonly type: 'init'; readonly config: WorkerEngineConfig; readonly files: ReadonlyArray<readonly [string, ArrayBuffer]> }
  | { readonly type: 'estimate'; readonly id: number; readonly frame: ImageBitmap | RgbaFrame; readonly timestampMs: number }
  | { readonly type: 'reset'; readonly id: number }
  | { readonly type: 'look-for-others'; readonly on: boolean }
  | { readonly type: 'dispose' };

export type FromWorker =
  | { readonly type: 'ready'; readonly info: EngineInfo }
  | { readonly type: 'init-error'; readonly error: SerializedPoseError }
  | { readonly type: 'result'; readonly id: number; readonly pose: Pose | null; readonly inferenceMs: number; readonly buffer: ArrayBuffer | null }
  | { readonly type: 'estimate-error'; readonly id: number; readonly error: SerializedPoseError; readonly buffer: ArrayBuffer | null }
  | { readonly type: 'reset-done'; readonly id: number };
