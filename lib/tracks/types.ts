// A landmark track: the engine's landmarks frame by frame, as a file carries them (pixels and
// metres), independent of any engine. Pure: no DOM, no Node.
import { LANDMARK_COUNT } from '../pose/landmarks';
import { poseFromPixels } from '../pose/from-pixels';
import type { Pose } from '../pose/types';

/** One frame of a track. */
export interface TrackFrame {
  readonly frame: number;
  readonly timestampMs: number;
  /** Image size in pixels. */
  readonly width: number;
  readonly height: number;
  /** How many people were found in the frame (0 when nobody). */
  readonly peopleCount: number;
  /** [x_px, y_px, z (scaled like x), visibility] x 33 (BlazePose order), or null: nobody found. */
  readonly landmarks: readonly (readonly number[])[] | null;
  /** [x_m, y_m, z_m, visibility] x 33 in metres (the engine's world landmarks), or absent/null. */
  readonly world?: readonly (readonly number[])[] | null;
}

/** A frame of a track from an engine's pose (unrounded; the writers round). */
export function trackFrameOf(frame: number, timestampMs: number, width: number, height: number, pose: Pose | null): TrackFrame {
  if (!pose) return { frame, timestampMs, width, height, peopleCount: 0, landmarks: null, world: null };
  return {
    frame,
    timestampMs,
    width,
    height,
    peopleCount: pose.peopleCount,
    landmarks: pose.landmarks.map((l) => [l.x * pose.imageWidth, l.y * pose.imageHeight, l.z * pose.imageWidth, l.visibility]),
    world: pose.worldLandmarks ? pose.worldLandmarks.map((w) => [w.xM, w.yM, w.zM, w.visibility]) : null,
  };
}

/** The pose a frame of a track holds (normalized again by the image size), or null when nobody was found. */
export function poseOfTrackFrame(f: TrackFrame): Pose | null {
  if (!f.landmarks) return null;
  const world = f.world && f.world.length === LANDMARK_COUNT ? f.world : null;
  return poseFromPixels(f.landmarks, f.width, f.height, f.timestampMs, f.peopleCount, world);
}

/** Timestamps are whole milliseconds: a frame may lie this far (ms) from a constant rate. */
export const TIMESTAMP_TOLERANCE_MS = 1;

/**
 * A track's frame rate from its timestamps: frames minus one over the time from first to last,
 * or the whole-number rate when every timestamp lies within 1 ms of it (a short track at 30 fps
 * spans 33 or 34 ms a frame). Null for fewer than two frames.
 */
export function rateOfTimestamps(frames: readonly { readonly timestampMs: number }[]): number | null {
  if (frames.length < 2) return null;
  const t0 = frames[0].timestampMs;
  const rate = ((frames.length - 1) * 1000) / (frames.at(-1)!.timestampMs - t0);
  const whole = Math.round(rate);
  return whole !== rate && offRate(frames, whole) === undefined ? whole : rate;
}

/** The first frame that does not lie on `rateHz` from the first frame's time (within 1 ms), if any. */
export function offRate<F extends { readonly timestampMs: number }>(frames: readonly F[], rateHz: number): F | undefined {
  const t0 = frames[0]?.timestampMs ?? 0;
  return frames.find((f, i) => Math.abs(f.timestampMs - (t0 + (i * 1000) / rateHz)) > TIMESTAMP_TOLERANCE_MS + 1e-9);
}
