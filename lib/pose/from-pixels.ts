import type { Pose } from './types';

/**
 * A pose from pixel landmarks `[x_px, y_px, z, visibility?]` (z scaled like x, as
 * `npm run analyze -- --landmarks` writes them and the golden annotations hold them), and
 * optionally world landmarks `[x_m, y_m, z_m, visibility?]` (metres).
 * Missing visibility counts as fully visible.
 */
export function poseFromPixels(
  points: readonly (readonly number[])[],
  imageWidth: number,
  imageHeight: number,
  timestampMs: number,
  peopleCount = 1,
  world: readonly (readonly number[])[] | null = null,
): Pose {
  return {
    landmarks: points.map(([x, y, z, visibility]) => ({ x: x / imageWidth, y: y / imageHeight, z: z / imageWidth, visibility: visibility ?? 1 })),
    worldLandmarks: world ? world.map(([xM, yM, zM, visibility]) => ({ xM, yM, zM, visibility: visibility ?? 1 })) : null,
    imageWidth,
    imageHeight,
    peopleCount,
    timestampMs,
  };
}
