export interface Normalization {
  readonly mean: number[];
  readonly std: number[];
}

export interface ImageModelMetadataSpec extends Normalization {
  readonly name: string;
  readonly description: string;
  readonly inputName: string;
}

export function buildImageModelMetadata(spec: ImageModelMetadataSpec): Uint8Array;
export function readImageNormalization(metadataBytes: Uint8Array): Normalization;
