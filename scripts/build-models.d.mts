import type { ZipEntry } from './lib/stored-zip.mjs';
import type { Normalization } from './lib/tflite-metadata.mjs';

export type SourceKey =
  | 'landmarkLite' | 'landmarkFull' | 'landmarkHeavy' | 'packedAssets'
  | 'tfjsDetectorJson' | 'tfjsDetectorBin' | 'tfjsLiteJson' | 'tfjsLiteBin'
  | 'tfjsFullJson' | 'tfjsFullBin' | 'tfjsHeavyJson' | 'tfjsHeavyBin' | 'humanLicense'
  | 'mpWasmJs' | 'mpWasm' | 'mpWasmModuleJs' | 'mpWasmModule' | 'mpWasmNosimdJs' | 'mpWasmNosimd'
  | 'tfWasm' | 'tfWasmSimd' | 'tfWasmThreadedSimd';

/** [package, path inside it, size in bytes or null, SHA-256 or null] */
export type Source = readonly [pkg: string, rel: string, size: number | null, sha256: string | null];

export const PACKAGES: Readonly<Record<string, { readonly version: string; readonly license: string }>>;
export const SOURCES: Readonly<Record<SourceKey, Source>>;
export const MODEL_VARIANTS: readonly ['lite', 'full', 'heavy'];
export const TASK_ENTRIES: readonly ['pose_detector.tflite', 'pose_landmarks_detector.tflite'];

export class BuildError extends Error {}

export function verifyTask(bytes: Uint8Array, expected?: Readonly<Record<string, Normalization>>): ZipEntry[];
export function outputFiles(outDir: string): string[];
export function isUpToDate(outDir: string): boolean;
export function buildModels(options?: { outDir?: string; nodeModules?: string; log?: (message: string) => void }): void;
