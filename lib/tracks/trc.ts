// A track as a TRC marker file (Track Row Column, Motion Analysis Corporation's format that
// OpenSim, Pose2Sim and OpenCap read): three header lines, marker names, X/Y/Z labels, a blank
// line, then one row per frame `Frame# Time X1 Y1 Z1 ...`, tab-separated. The markers are the
// engine's world landmarks in metres, as the engine gives them (docs/tracks.md: MediaPipe's
// axes, origin between the hips, y down). Pure: frames in, text out.
import { LANDMARK_COUNT, LANDMARK_NAMES } from '../pose/landmarks';
import { METRE_DECIMALS, roundTo, TrackError } from './jsonl';
import { offRate, rateOfTimestamps, type TrackFrame } from './types';

/** The 33 marker names, in column order: BlazePose's own landmark names (docs/tracks.md). */
export const TRC_MARKER_NAMES: readonly string[] = LANDMARK_NAMES;

const hasWorld = (f: TrackFrame) => !!f.landmarks && !!f.world && f.world.length === LANDMARK_COUNT;

/** How a track's rows are timed in a TRC file. */
export interface TrcTiming {
  /** DataRate (and CameraRate, OrigDataRate): the rate, or for uneven frames their average. */
  readonly rate: number;
  /** True when every frame lies on that one rate (within 1 ms); false: each row has its own time. */
  readonly even: boolean;
}

/**
 * The frame rate of a track for TRC: `rateHz` when given (a video's own rate), else from its
 * timestamps (frames minus one over the time from first to last); one frame alone: 1 Hz.
 * Evenly spaced frames (within 1 ms) are `even`: row f is at (f - 1) / rate. Frames that are not
 * (a camera's, which come when the engine is ready, not on a fixed clock) keep each frame's own
 * time in the Time column, which OpenSim and Pose2Sim read, and the average rate in the header;
 * nothing is resampled (resampling would invent marker positions). Throws TrackError when
 * `rateHz` is given and the frames do not lie on it (the rate given is wrong for them).
 */
export function trcTiming(frames: readonly TrackFrame[], rateHz?: number): TrcTiming {
  if (frames.length === 0) throw new TrackError('the track has no frames');
  const t0 = frames[0].timestampMs;
  const rate = rateHz ?? rateOfTimestamps(frames) ?? 1;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new TrackError(`the frame rate ${rate} Hz is not a positive number`);
  const off = offRate(frames, rate);
  if (off && rateHz !== undefined) {
    const expected = t0 + (frames.indexOf(off) * 1000) / rate;
    throw new TrackError(`frame ${off.frame} is at ${off.timestampMs} ms, not ${roundTo(expected, 1)} ms: the frames do not lie on the frame rate given (${roundTo(rate, 3)} Hz)`);
  }
  return { rate: roundTo(rate, 6), even: !off };
}

/**
 * The TRC text of a track (lines end in "\n"). Frames without a pose, or without world
 * landmarks, are written with empty marker cells (how OpenSim reads a missing marker). Rows are
 * timed as `trcTiming` says. Throws TrackError when no frame has world landmarks, or the frames
 * do not lie on a `rateHz` given.
 */
export function formatTrc(frames: readonly TrackFrame[], options: { fileName: string; rateHz?: number }): string {
  if (!frames.some(hasWorld)) {
    throw new TrackError('no frame has world landmarks (3D positions in metres), which a TRC file holds: the track was written without them (--no-world) or comes from a 2D format');
  }
  const { rate, even } = trcTiming(frames, options.rateHz);
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
    const time = roundTo(even ? t0 + i / rate : f.timestampMs / 1000, 6);
    const cells = hasWorld(f) ? f.world!.flatMap((p) => [roundTo(p[0], METRE_DECIMALS), roundTo(p[1], METRE_DECIMALS), roundTo(p[2], METRE_DECIMALS)]) : new Array<string>(3 * m).fill('');
    lines.push(tab([i + 1, time, ...cells]));
  });
  return lines.join('\n') + '\n';
}
