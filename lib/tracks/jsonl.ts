// Our own landmark track: one JSON object per line (JSONL), as `npm run analyze -- --landmarks`
// writes it and the session page replays it. One writer and one parser (zod-checked) for the
// CLI, the page and the tests. Pure: text in, frames out.
import { z } from '../zod';
import { LANDMARK_COUNT } from '../pose/landmarks';
import type { TrackFrame } from './types';

/** A track that cannot be read: the message names the line (or file) and what is wrong. */
export class TrackError extends Error {
  /** The 1-based line of the text where it went wrong, when one line is to blame. */
  readonly line: number | null;
  constructor(message: string, line: number | null = null) {
    super(message);
    this.name = 'TrackError';
    this.line = line;
  }
}

/**
 * Decimals written: pixels to 1/10000 px, metres to a micrometre, visibility to 1e-6. Enough that
 * a track read back measures as the frames it was written from (angles within 0.01°, no gate
 * threshold crossed by rounding: tests/pose/tracks.test.ts checks every fixture clip).
 */
export const PIXEL_DECIMALS = 4;
export const METRE_DECIMALS = 6;
export const VISIBILITY_DECIMALS = 6;

export function roundTo(v: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r; // no "-0"
}

const pixelPoint = (p: readonly number[]) => [roundTo(p[0], PIXEL_DECIMALS), roundTo(p[1], PIXEL_DECIMALS), roundTo(p[2], PIXEL_DECIMALS), roundTo(p[3] ?? 1, VISIBILITY_DECIMALS)];
const worldPoint = (p: readonly number[]) => [roundTo(p[0], METRE_DECIMALS), roundTo(p[1], METRE_DECIMALS), roundTo(p[2], METRE_DECIMALS), roundTo(p[3] ?? 1, VISIBILITY_DECIMALS)];

/** The frame as written: the values rounded as `formatTrackLine` writes them. */
export function roundTrackFrame(f: TrackFrame, options: { world?: boolean } = {}): TrackFrame {
  const world = (options.world ?? true) && f.landmarks && f.world ? f.world.map(worldPoint) : undefined;
  return {
    frame: f.frame,
    timestampMs: f.timestampMs,
    landmarks: f.landmarks ? f.landmarks.map(pixelPoint) : null,
    width: f.width,
    height: f.height,
    peopleCount: f.peopleCount,
    ...(world ? { world } : {}),
  };
}

/**
 * One line of a track (no newline): `{"frame", "timestampMs", "landmarks": [[x_px, y_px, z,
 * visibility] x 33] | null, "width", "height", "peopleCount", "world"?: [[x_m, y_m, z_m,
 * visibility] x 33]}`. `world` is written when the frame has world landmarks, unless
 * `world: false`.
 */
export function formatTrackLine(f: TrackFrame, options: { world?: boolean } = {}): string {
  return JSON.stringify(roundTrackFrame(f, options));
}

/** A whole track: one line per frame, each ending in a newline. */
export function formatTrackJsonl(frames: readonly TrackFrame[], options: { world?: boolean } = {}): string {
  return frames.map((f) => formatTrackLine(f, options) + '\n').join('');
}

const finite = z.number({ error: (iss) => (iss.input === undefined ? 'is missing: a number is needed' : 'must be a finite number') });
const visibility = finite.refine((v) => v >= 0 && v <= 1, 'visibility must be between 0 and 1');
const point = (what: string) =>
  z.tuple([finite, finite, finite, visibility], { error: `each landmark must be [${what}, visibility]: 4 numbers` });
const points = (what: string) =>
  z.array(point(what), { error: `must be null or a list of ${LANDMARK_COUNT} landmarks [${what}, visibility]` }).length(LANDMARK_COUNT, {
    error: `must have ${LANDMARK_COUNT} landmarks (BlazePose order)`,
  });
const size = z.number({ error: (iss) => (iss.input === undefined ? 'is missing: the image size in pixels is needed' : 'must be the image size in pixels (a number)') }).refine((v) => Number.isFinite(v) && v > 0, 'must be a positive number of pixels');

const LINE = z.object({
  frame: z.number({ error: (iss) => (iss.input === undefined ? 'is missing: the frame number is needed' : 'must be a frame number') }).int('must be a whole number').min(0, 'must be 0 or more'),
  timestampMs: finite.refine((v) => v >= 0, 'must be 0 or more'),
  width: size,
  height: size,
  peopleCount: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').optional(),
  landmarks: points('x_px, y_px, z').nullable(),
  world: points('x_m, y_m, z_m').nullable().optional(),
});

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/**
 * Reads a track written by `formatTrackJsonl` (or `npm run analyze -- --landmarks`). Every line
 * is checked: JSON, the fields and their types, 33 landmarks of 4 finite numbers, the image
 * size, frames and timestamps strictly increasing. Blank lines are skipped. Throws TrackError
 * ("line N: what is wrong") at the first problem: nothing is returned from a half-read file.
 */
export function parseTrackJsonl(text: string): TrackFrame[] {
  const frames: TrackFrame[] = [];
  const lines = text.split('\n');
  let prev: TrackFrame | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!line.trim()) continue;
    const n = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      const last = lines.slice(i + 1).every((l) => !l.trim());
      throw new TrackError(
        last && !text.endsWith('\n') ? `line ${n}: not JSON: the file ends in the middle of a line (cut short?)` : `line ${n}: not JSON`,
        n,
      );
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new TrackError(`line ${n}: not a JSON object (one frame per line)`, n);
    const parsed = LINE.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = pathOf(issue.path);
      throw new TrackError(`line ${n}: ${where ? `"${where}" ` : ''}${issue.message}`, n);
    }
    const row = parsed.data;
    if (prev && row.frame <= prev.frame) throw new TrackError(`line ${n}: frame ${row.frame} comes after frame ${prev.frame}: frames must be in increasing order`, n);
    if (prev && row.timestampMs <= prev.timestampMs) {
      throw new TrackError(
        `line ${n}: timestampMs ${row.timestampMs} is ${row.timestampMs === prev.timestampMs ? 'the same as' : 'before'} the line before's (${prev.timestampMs}): timestamps must increase`,
        n,
      );
    }
    const frame: TrackFrame = {
      frame: row.frame,
      timestampMs: row.timestampMs,
      width: row.width,
      height: row.height,
      peopleCount: row.peopleCount ?? (row.landmarks ? 1 : 0),
      landmarks: row.landmarks,
      ...(row.world && row.landmarks ? { world: row.world } : {}),
    };
    frames.push(frame);
    prev = frame;
  }
  if (frames.length === 0) throw new TrackError('the track has no frames (an empty file)');
  return frames;
}
