import { LANDMARK_COUNT } from '@/lib/pose/landmarks';
import { poseFromPixels } from '@/lib/pose/from-pixels';
import type { Pose } from '@/lib/pose/types';

export interface RecordedFrame {
  readonly timestampMs: number;
  readonly pose: Pose | null;
}

export class RecordingError extends Error {}

/**
 * Reads a landmark recording: one JSON object per line, as `npm run analyze -- --landmarks`
 * writes it, `{"frame", "timestampMs", "width", "height", "landmarks": [[x_px, y_px, z, visibility] x 33] | null}`.
 */
export function parseLandmarkRecording(text: string): RecordedFrame[] {
  const frames: RecordedFrame[] = [];
  let last = -Infinity;
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: { timestampMs?: unknown; width?: unknown; height?: unknown; landmarks?: unknown; peopleCount?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      throw new RecordingError(`Line ${i + 1} is not JSON.`);
    }
    const { timestampMs, width, height, landmarks } = row;
    if (typeof timestampMs !== 'number' || !(timestampMs > last)) throw new RecordingError(`Line ${i + 1}: "timestampMs" must be a number larger than the line before.`);
    last = timestampMs;
    if (landmarks === null) return void frames.push({ timestampMs, pose: null });
    if (typeof width !== 'number' || typeof height !== 'number' || width <= 0 || height <= 0) {
      throw new RecordingError(`Line ${i + 1}: "width" and "height" (image size in pixels) are needed to read the landmarks.`);
    }
    if (!Array.isArray(landmarks) || landmarks.length !== LANDMARK_COUNT || !landmarks.every((l) => Array.isArray(l) && l.length === 4 && l.every((v) => typeof v === 'number'))) {
      throw new RecordingError(`Line ${i + 1}: "landmarks" must be null or ${LANDMARK_COUNT} entries of [x_px, y_px, z, visibility].`);
    }
    const points = landmarks as number[][];
    frames.push({ timestampMs, pose: poseFromPixels(points, width, height, timestampMs, typeof row.peopleCount === 'number' ? row.peopleCount : 1) });
  });
  if (frames.length === 0) throw new RecordingError('The recording has no frames.');
  return frames;
}
