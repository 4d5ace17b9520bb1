export const TFLITE_IDENTIFIER: 'TFL3';
export const METADATA_IDENTIFIER: 'M001';
export const METADATA_NAME: 'TFLITE_METADATA';

export class FlatbufferError extends Error {}

export interface TfliteModelInfo {
  readonly dv: DataView;
  readonly rootPos: number;
  readonly fields: Readonly<Record<string, number>>;
  readonly bufferTables: readonly number[];
  readonly metadata: readonly { readonly tablePos: number; readonly name: string; readonly buffer: number }[];
}

export function fileIdentifier(bytes: Uint8Array): string;
export function readTfliteModel(bytes: Uint8Array): TfliteModelInfo;
export function tfliteBufferData(bytes: Uint8Array, index: number): Uint8Array;
export function tfliteMetadataBuffer(bytes: Uint8Array): Uint8Array | null;
export function addTfliteMetadata(modelBytes: Uint8Array, metadataBytes: Uint8Array): Uint8Array;
