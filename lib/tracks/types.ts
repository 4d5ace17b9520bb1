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
