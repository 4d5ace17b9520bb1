// A track as a TRC marker file (Track Row Column, Motion Analysis Corporation's format that
// OpenSim, Pose2Sim and OpenCap read): three header lines, marker names, X/Y/Z labels, a blank
// line, then one row per frame `Frame# Time X1 Y1 Z1 ...`, tab-separated. The markers are the
// engine's world landmarks in metres, as the engine gives them (docs/tracks.md: MediaPipe's
// axes, origin between the hips, y down). Pure: frames in, text out.
import { LANDMARK_COUNT, LANDMARK_NAMES } from '../pose/landmarks';
import { METRE_DECIMALS, roundTo, TrackError } from './jsonl';
import type { TrackFrame } from './types';

/** The 33 marker names, in column order: BlazePose's own landmark names (docs/tracks.md). */
export const TRC_MARKER_NAMES: readonly string[] = LANDMARK_NAMES;

/** A timestamp may be this far (ms) from the constant rate: timestamps are whole milliseconds. */
export const TRC_TIMESTAMP_TOLERANCE_MS = 1;

const hasWorld = (f: TrackFrame) => !!f.landmarks && !!f.world && f.world.length === LANDMARK_COUNT;

/**
 * The frame rate of a track for TRC: `rateHz` when given (a video's own rate), else from its
 * timestamps (frames minus one over the time from first to last); one frame alone: 1 Hz.
 * Throws TrackError when the timestamps are not evenly spaced at that rate (within 1 ms): TRC
 * has one rate for the whole file, and a track with dropped or uneven frames is refused rather
 * than resampled (resampling would invent marker positions).
 */
export function trcRate(frames: readonly TrackFrame[], rateHz?: number): number {
  if (frames.length === 0) throw new TrackError('the track has no frames');
  const t0 = frames[0].timestampMs;
  const fits = (r: number) => frames.every((f, i) => Math.abs(f.timestampMs - (t0 + (i * 1000) / r)) <= TRC_TIMESTAMP_TOLERANCE_MS + 1e-9);
  let rate = rateHz ?? (frames.length > 1 ? ((frames.length - 1) * 1000) / (frames.at(-1)!.timestampMs - t0) : 1);
  if (!(rate > 0) || !Number.isFinite(rate)) throw new TrackError(`the frame rate ${rate} Hz is not a positive number`);
  // Timestamps are whole milliseconds: a short track at 30 fps spans 33 or 34 ms a frame. The
  // whole-number rate is taken when every timestamp fits it.
  if (rateHz === undefined && Math.round(rate) !== rate && fits(Math.round(rate))) rate = Math.round(rate);
  frames.forEach((f, i) => {
    const expected = t0 + (i * 1000) / rate;
    if (Math.abs(f.timestampMs - expected) > TRC_TIMESTAMP_TOLERANCE_MS + 1e-9) {
      throw new TrackError(
        `frame ${f.frame} is at ${f.timestampMs} ms, not ${roundTo(expected, 1)} ms: a TRC file has one frame rate (${roundTo(rate, 3)} Hz) and this track's timestamps are not evenly spaced (dropped or uneven frames); it is not resampled`,
      );
    }
  });
  return roundTo(rate, 6);
}

/**
 * The TRC text of a track (lines end in "\n"). Frames without a pose, or without world
 * landmarks, are written with empty marker cells (how OpenSim reads a missing marker).
 * Throws TrackError when no frame has world landmarks, or the timestamps are uneven (trcRate).
 */
export function formatTrc(frames: readonly TrackFrame[], options: { fileName: string; rateHz?: number }): string {
  if (!frames.some(hasWorld)) {
    throw new TrackError('no frame has world landmarks (3D positions in metres), which a TRC file holds: the track was written without them (--no-world) or comes from a 2D format');
  }
  const rate = trcRate(frames, options.rateHz);
  const n = frames.length;
  const m = TRC_MARKER_NAMES.length;
  const tab = (cells: readonly (string | number)[]) => cells.join('\t');
  const lines = [
    tab(['PathFileType', 4, '(X/Y/Z)', options.fileName]),
    tab(['DataRate', 'CameraRate', 'NumFrames', 'NumMarkers', 'Units', 'OrigDataRate', 'OrigDataStartFrame', 'OrigNumFrames']),
    tab([rate, rate, n, m, 'm', rate, 1, n]),
    tab(['Frame#', 'Time', ...TRC_MARKER_NAMES.flatMap((name) => [name, '', ''])]),
    tab(['', '', ...TRC_MARKER_NAMES.flatMap((_, i) => [`X${i + 1}`, `Y${i + 1}`, `Z${i + 1}`])]),
    '',
  ];
  const t0 = frames[0].timestampMs / 1000;
  frames.forEach((f, i) => {
    const time = roundTo(t0 + i / rate, 6);
    const cells = hasWorld(f) ? f.world!.flatMap((p) => [roundTo(p[0], METRE_DECIMALS), roundTo(p[1], METRE_DECIMALS), roundTo(p[2], METRE_DECIMALS)]) : new Array<string>(3 * m).fill('');
    lines.push(tab([i + 1, time, ...cells]));
  });
  return lines.join('\n') + '\n';
}
