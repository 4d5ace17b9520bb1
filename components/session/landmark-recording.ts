import { parseTrackJsonl, TrackError } from '@/lib/tracks/jsonl';
import { poseOfTrackFrame } from '@/lib/tracks/types';
import type { Pose } from '@/lib/pose/types';

export interface RecordedFrame {
  readonly timestampMs: number;
  readonly pose: Pose | null;
}

/** A recording that cannot be read; the same class as lib/tracks' TrackError ("line N: what is wrong"). */
export const RecordingError = TrackError;
export type RecordingError = TrackError;

/**
 * Reads a landmark recording: a landmark track as `npm run analyze -- --landmarks` writes it
 * (lib/tracks/jsonl.ts, the one parser the CLI and the tests use too), one JSON object per line
 * `{"frame", "timestampMs", "width", "height", "peopleCount", "landmarks": [[x_px, y_px, z,
 * visibility] x 33] | null, "world"?: [[x_m, y_m, z_m, visibility] x 33]}`. Throws
 * RecordingError naming the line and what is wrong.
 */
export function parseLandmarkRecording(text: string): RecordedFrame[] {
  return parseTrackJsonl(text).map((f) => ({ timestampMs: f.timestampMs, pose: poseOfTrackFrame(f) }));
}
