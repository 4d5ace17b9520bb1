import { LANDMARK_INDEX, type LandmarkName } from '../pose/landmarks';
import type { Pose } from '../pose/types';
import type { PostureMeasurement, Side, View } from './posture';
import { refusal, type Refusal } from './refusals';
import { median, mode, robustSpread } from './stats';
import { deg, type Degrees } from './units';

/** A measurement stands when at least this share of frames produced it. */
export const MIN_VALID_FRACTION = 0.5;
/**
 * Smallest difference worth reporting as a change. Photo-based posture angles repeat within
 * 1.3-5.5 deg between sessions (minimal detectable change); standing thoracic changes under
 * about 3 deg are noise.
 */
export const HEAD_FORWARD_NOISE_DEG = 3.5;
export const TRUNK_NOISE_DEG = 3;

export interface SnapshotResult {
  readonly frames: number;
  readonly view: View;
  readonly side: Side;
  readonly headForwardDeg: Degrees | null;
  readonly headForwardOffset: number | null;
  readonly trunkExtensionDeg: Degrees | null;
  readonly headForwardSpreadDeg: Degrees | null;
  readonly trunkExtensionSpreadDeg: Degrees | null;
  /** The larger of the two spreads (robust standard deviation over the frames). */
  readonly spreadDeg: Degrees | null;
  /** The first reason a measurement is missing (head-forward first), or null. */
  readonly refused: Refusal | null;
  readonly refusals: { readonly headForward: Refusal | null; readonly trunkExtension: Refusal | null };
}

function aggregate(values: readonly (number | null)[], refusals: readonly (Refusal | null)[]) {
  const ok = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (ok.length === 0 || ok.length < MIN_VALID_FRACTION * values.length) {
    const codes = refusals.filter((r): r is Refusal => r !== null);
    const code = mode(codes.map((r) => r.code));
    return { value: null, spread: null, refusal: codes.find((r) => r.code === code) ?? refusal('no-person') };
  }
  return { value: median(ok), spread: robustSpread(ok), refusal: null };
}

/** The median posture over a series of frames, with spreads and reasons for anything refused. */
export function summarizeSnapshot(measurements: readonly PostureMeasurement[], movement: Refusal | null = null): SnapshotResult {
  const head = aggregate(measurements.map((m) => m.headForwardDeg), measurements.map((m) => m.refusals.headForward));
  const offset = aggregate(measurements.map((m) => m.headForwardOffset), measurements.map((m) => m.refusals.headForward));
  const trunk = aggregate(measurements.map((m) => m.trunkExtensionDeg), measurements.map((m) => m.refusals.trunkExtension));
  const headRefusal = movement ?? head.refusal;
  const trunkRefusal = movement ?? trunk.refusal;
  const spreads = [head.spread, trunk.spread].filter((s): s is number => s !== null);
  const seen = measurements.filter((m) => m.refusals.headForward?.code !== 'no-person');
  return {
    frames: measurements.length,
    view: mode(seen.map((m) => m.view.view)) ?? 'front',
    side: mode(seen.map((m) => m.side)) ?? 'left',
    headForwardDeg: headRefusal ? null : deg(head.value!),
    headForwardOffset: headRefusal || offset.value === null ? null : offset.value,
    trunkExtensionDeg: trunkRefusal ? null : deg(trunk.value!),
    headForwardSpreadDeg: headRefusal || head.spread === null ? null : deg(head.spread),
    trunkExtensionSpreadDeg: trunkRefusal || trunk.spread === null ? null : deg(trunk.spread),
    spreadDeg: movement || spreads.length === 0 ? null : deg(Math.max(...spreads)),
    refused: headRefusal ?? trunkRefusal,
    refusals: { headForward: headRefusal, trunkExtension: trunkRefusal },
  };
}

/** Points whose travel tells whether the person stood still. */
const STILLNESS_POINTS: readonly LandmarkName[] = ['left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'];
/** Largest allowed travel of any of those points over a snapshot, as a fraction of trunk length. */
export const MAX_TRAVEL_FRACTION = 0.12;

/**
 * Whether the person moved during a series of poses: any ear, shoulder or hip travelled
 * more than MAX_TRAVEL_FRACTION of the trunk length (pixels, so the frame shape does not matter).
 */
export function movementRefusal(poses: readonly (Pose | null)[]): Refusal | null {
  const seen = poses.filter((p): p is Pose => p !== null);
  if (seen.length < 2) return null;
  const at = (p: Pose, name: LandmarkName) => {
    const l = p.landmarks[LANDMARK_INDEX[name]];
    return [l.x * p.imageWidth, l.y * p.imageHeight] as const;
  };
  const trunk = median(
    seen.map((p) => {
      const [sx, sy] = at(p, 'left_shoulder');
      const [hx, hy] = at(p, 'left_hip');
      const [tx, ty] = at(p, 'right_shoulder');
      const [ix, iy] = at(p, 'right_hip');
      return (Math.hypot(sx - hx, sy - hy) + Math.hypot(tx - ix, ty - iy)) / 2;
    }),
  );
  for (const name of STILLNESS_POINTS) {
    const xs = seen.map((p) => at(p, name)[0]);
    const ys = seen.map((p) => at(p, name)[1]);
    const travel = Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    if (trunk > 0 && travel > MAX_TRAVEL_FRACTION * trunk) return refusal('moving');
  }
  return null;
}

export interface AngleChange {
  readonly deltaDeg: Degrees;
  /** The smallest change this comparison can tell apart from measurement noise. */
  readonly noiseDeg: Degrees;
  readonly withinNoise: boolean;
}

export interface SnapshotComparison {
  readonly headForward: AngleChange | null;
  readonly trunkExtension: AngleChange | null;
}

interface Comparable {
  readonly headForwardDeg: number | null;
  readonly trunkExtensionDeg: number | null;
  readonly headForwardSpreadDeg: number | null;
  readonly trunkExtensionSpreadDeg: number | null;
}

function change(now: number | null, then: number | null, spreadNow: number | null, spreadThen: number | null, floor: number): AngleChange | null {
  if (now === null || then === null) return null;
  // Two noisy medians: the floor from the literature, or the frames' own spread if larger.
  const noise = Math.max(floor, Math.hypot(spreadNow ?? 0, spreadThen ?? 0));
  const delta = now - then;
  return { deltaDeg: deg(delta), noiseDeg: deg(noise), withinNoise: Math.abs(delta) < noise };
}

/** How `current` differs from an earlier snapshot, and whether each difference is just noise. */
export function compareSnapshots(current: Comparable, earlier: Comparable): SnapshotComparison {
  return {
    headForward: change(current.headForwardDeg, earlier.headForwardDeg, current.headForwardSpreadDeg, earlier.headForwardSpreadDeg, HEAD_FORWARD_NOISE_DEG),
    trunkExtension: change(current.trunkExtensionDeg, earlier.trunkExtensionDeg, current.trunkExtensionSpreadDeg, earlier.trunkExtensionSpreadDeg, TRUNK_NOISE_DEG),
  };
}
