import { MIN_VISIBILITY } from './landmarks';
import type { NormalizedLandmark } from './types';

/**
 * Index of the person to follow among several detections: the largest bounding box of
 * visible landmarks, ties broken by distance of its centre from the image centre.
 * Bounding boxes are measured in pixels so portrait and landscape frames compare fairly.
 */
export function mainPersonIndex(
  people: readonly (readonly NormalizedLandmark[])[],
  imageWidth: number,
  imageHeight: number,
): number {
  let best = -1;
  let bestArea = -1;
  let bestDistance = Infinity;
  people.forEach((landmarks, i) => {
    const visible = landmarks.filter((l) => l.visibility >= MIN_VISIBILITY);
    const points = visible.length >= 2 ? visible : landmarks;
    const xs = points.map((l) => l.x * imageWidth);
    const ys = points.map((l) => l.y * imageHeight);
    const area = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2 - imageWidth / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2 - imageHeight / 2;
    const distance = Math.hypot(cx, cy);
    const clearlyLarger = area > bestArea * 1.05;
    const similar = !clearlyLarger && area >= bestArea * 0.95;
    if (clearlyLarger || (similar && distance < bestDistance)) {
      best = i;
      bestArea = Math.max(area, bestArea);
      bestDistance = distance;
    }
  });
  return best;
}
