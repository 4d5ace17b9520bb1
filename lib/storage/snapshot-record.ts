import type { Refusal } from '../angles/refusals';
import type { Side, View } from '../angles/posture';
import type { EngineKind, ModelVariant } from '../pose/types';

/** Where the measured points were, so the annotated drawing can be redrawn without the photo. */
export interface SnapshotGeometry {
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly facing: 1 | -1;
  readonly ear: readonly [number, number] | null;
  readonly shoulder: readonly [number, number] | null;
  readonly hip: readonly [number, number] | null;
}

export interface SnapshotRecord {
  readonly id: string;
  readonly takenAtMs: number;
  readonly view: View;
  readonly side: Side;
  readonly headForwardDeg: number | null;
  readonly headForwardOffset: number | null;
  readonly trunkExtensionDeg: number | null;
  readonly headForwardSpreadDeg: number | null;
  readonly trunkExtensionSpreadDeg: number | null;
  readonly frames: number;
  readonly refusals: { readonly headForward: Refusal | null; readonly trunkExtension: Refusal | null };
  readonly engine: EngineKind;
  readonly model: ModelVariant;
  readonly geometry: SnapshotGeometry;
  /** The camera picture, kept only when the person opted in. */
  readonly picture: Blob | null;
}
