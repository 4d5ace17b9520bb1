import type { Pose } from './types';

/**
 * A pose from pixel landmarks `[x_px, y_px, z, visibility?]` (z scaled like x, as
 * `npm run analyze -- --landmarks` writes them and the golden annotations hold them).
 * Missing visibility counts as fully visible.
 */
export function poseFromPixels(
  points: readonly (readonly number[])[],
  imageWidth: number,
  imageHeight: number,
  timestampMs: number,
  peopleCount = 1,
): Pose {
  return {
    landmarks: points.map(([x, y, z, visibility]) => ({ x: x / imageWidth, y: y / imageHeight, z: z / imageWidth, visibility: visibility ?? 1 })),
    worldLandmarks: null,
    imageWidth,
    imageHeight,
    peopleCount,
    timestampMs,
  };
}
