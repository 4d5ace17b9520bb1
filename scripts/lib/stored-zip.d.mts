export interface ZipInputEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly dataOffset: number;
  /** The entry's bytes for stored entries; null for compressed ones. */
  readonly data: Uint8Array | null;
}

export function crc32(bytes: Uint8Array): number;
export function writeStoredZip(entries: readonly ZipInputEntry[]): Uint8Array;
export function readZip(bytes: Uint8Array): ZipEntry[];
