// The landmarks of a set or a range check, kept on this device when the person chose to (the
// setting "Keep the landmarks"): frame by frame, in typed arrays rather than nested lists, so a
// ten-minute set at 30 frames a second is about 19 MB in memory and in storage, not several
// times that. Pure: no DOM, no database. Read back as `TrackFrame`s (lib/tracks) for a download.
import { LANDMARK_COUNT } from '../pose/landmarks';
import type { Pose } from '../pose/types';
import type { TrackFrame } from '../tracks/types';

/** Numbers per landmark: x, y, z, visibility. */
const PER_POINT = 4;
/** Numbers per frame in `landmarks` and in `world`. */
export const VALUES_PER_FRAME = LANDMARK_COUNT * PER_POINT;
/**
 * Bytes a frame takes: its time (8), image size (2 x 2), people (1), what it holds (1), and 132
 * single-precision numbers each for the picture's landmarks and the world landmarks (2 x 528).
 */
export const BYTES_PER_FRAME = 8 + 4 + 1 + 1 + 2 * VALUES_PER_FRAME * 4;
/** At most this many frames are kept (20 minutes at 30 frames a second, about 38 MB); later frames are not. */
export const MAX_TRACK_FRAMES = 36_000;
/** Frames per block while recording: blocks are joined once, when the track is saved. */
const BLOCK = 600;

/** `has` bits: the frame has a pose (landmarks in the picture), and world landmarks (metres). */
export const HAS_POSE = 1;
export const HAS_WORLD = 2;

export type TrackKind = 'set' | 'range-check';

/** Per-frame arrays, frame i at index i (times, people, has), 2i (sizes) or 132i (landmarks). */
interface Block {
  /** Frame times in ms (the camera's or the video's clock), strictly increasing. */
  readonly timestampsMs: Float64Array;
  /** Image width and height in pixels, per frame: [w0, h0, w1, h1, ...]. */
  readonly sizes: Uint16Array;
  /** People found per frame (at most 255). */
  readonly people: Uint8Array;
  /** Per frame: HAS_POSE | HAS_WORLD. */
  readonly has: Uint8Array;
  readonly landmarks: Float32Array;
  readonly world: Float32Array;
}

/**
 * One kept track, keyed by the id of its set or range check (schema v6, table `tracks`). Frame
 * i's landmarks are `landmarks[i * 132 ... i * 132 + 131]` (x px, y px, z scaled like x,
 * visibility, for each of the 33 points); its world landmarks likewise in metres.
 */
export interface TrackRecord extends Block {
  readonly id: string;
  readonly kind: TrackKind;
  readonly frameCount: number;
  /** Frames came after MAX_TRACK_FRAMES and were not kept. */
  readonly truncated: boolean;
}

const newBlock = (n: number): Block => ({
  timestampsMs: new Float64Array(n),
  sizes: new Uint16Array(2 * n),
  people: new Uint8Array(n),
  has: new Uint8Array(n),
  landmarks: new Float32Array(n * VALUES_PER_FRAME),
  world: new Float32Array(n * VALUES_PER_FRAME),
});

/**
 * The frames of a set or range check as they are measured: each pose written straight into
 * typed arrays (the same numbers `trackFrameOf` gives), no object kept per frame. A frame whose
 * time is not after the last one's is skipped (a track's times always increase).
 */
export class TrackBuffer {
  private blocks: Block[] = [];
  private count = 0;
  private lastMs = -Infinity;
  private over = false;

  get frameCount(): number {
    return this.count;
  }

  /** Bytes held by the frames so far (what the saved track will take). */
  get byteLength(): number {
    return this.count * BYTES_PER_FRAME;
  }

  push(pose: Pose | null, timestampMs: number, width: number, height: number): void {
    if (!Number.isFinite(timestampMs) || timestampMs <= this.lastMs) return;
    if (this.count >= MAX_TRACK_FRAMES) {
      this.over = true;
      return;
    }
    const w = pose?.imageWidth ?? width;
    const h = pose?.imageHeight ?? height;
    if (!(w > 0 && h > 0)) return;
    this.lastMs = timestampMs;
    const i = this.count % BLOCK;
    if (i === 0) this.blocks.push(newBlock(BLOCK));
    const b = this.blocks[this.blocks.length - 1];
    this.count++;
    b.timestampsMs[i] = timestampMs;
    b.sizes[2 * i] = Math.min(65_535, Math.round(w));
    b.sizes[2 * i + 1] = Math.min(65_535, Math.round(h));
    if (!pose || pose.landmarks.length !== LANDMARK_COUNT) return;
    b.people[i] = Math.min(255, Math.max(0, pose.peopleCount));
    let has = HAS_POSE;
    const o = i * VALUES_PER_FRAME;
    for (let k = 0; k < LANDMARK_COUNT; k++) {
      const l = pose.landmarks[k];
      b.landmarks[o + 4 * k] = l.x * w;
      b.landmarks[o + 4 * k + 1] = l.y * h;
      b.landmarks[o + 4 * k + 2] = l.z * w;
      b.landmarks[o + 4 * k + 3] = l.visibility;
    }
    const world = pose.worldLandmarks;
    if (world && world.length === LANDMARK_COUNT) {
      has |= HAS_WORLD;
      for (let k = 0; k < LANDMARK_COUNT; k++) {
        const p = world[k];
        b.world[o + 4 * k] = p.xM;
        b.world[o + 4 * k + 1] = p.yM;
        b.world[o + 4 * k + 2] = p.zM;
        b.world[o + 4 * k + 3] = p.visibility;
      }
    }
    b.has[i] = has;
  }

  /** The track so far, as stored (the blocks joined into one array per field). */
  toRecord(id: string, kind: TrackKind): TrackRecord {
    const n = this.count;
    const out = newBlock(n);
    this.blocks.forEach((b, j) => {
      const m = Math.min(BLOCK, n - j * BLOCK);
      const at = j * BLOCK;
      out.timestampsMs.set(b.timestampsMs.subarray(0, m), at);
      out.sizes.set(b.sizes.subarray(0, 2 * m), 2 * at);
      out.people.set(b.people.subarray(0, m), at);
      out.has.set(b.has.subarray(0, m), at);
      out.landmarks.set(b.landmarks.subarray(0, m * VALUES_PER_FRAME), at * VALUES_PER_FRAME);
      out.world.set(b.world.subarray(0, m * VALUES_PER_FRAME), at * VALUES_PER_FRAME);
    });
    return { id, kind, frameCount: n, truncated: this.over, ...out };
  }
}

/** A stored track that cannot be used; the message says what is wrong. */
export class TrackRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrackRecordError';
  }
}

const points = (a: Float32Array, i: number): number[][] => {
  const out: number[][] = [];
  const o = i * VALUES_PER_FRAME;
  for (let k = 0; k < LANDMARK_COUNT; k++) out.push([a[o + 4 * k], a[o + 4 * k + 1], a[o + 4 * k + 2], a[o + 4 * k + 3]]);
  return out;
};

/** The frames of a checked track (numbered from 0), as the download formats take them. */
export function framesOfTrack(t: TrackRecord): TrackFrame[] {
  const frames: TrackFrame[] = [];
  for (let i = 0; i < t.frameCount; i++) {
    const pose = (t.has[i] & HAS_POSE) !== 0;
    frames.push({
      frame: i,
      timestampMs: t.timestampsMs[i],
      width: t.sizes[2 * i],
      height: t.sizes[2 * i + 1],
      peopleCount: pose ? t.people[i] : 0,
      landmarks: pose ? points(t.landmarks, i) : null,
      world: pose && (t.has[i] & HAS_WORLD) !== 0 ? points(t.world, i) : null,
    });
  }
  return frames;
}

/** Whether any frame has world landmarks (what a TRC file needs). */
export function hasWorldLandmarks(t: TrackRecord): boolean {
  return t.has.some((h) => (h & HAS_WORLD) !== 0);
}

/** Seconds from the first frame to the last. */
export function trackSeconds(t: TrackRecord): number {
  return t.frameCount > 1 ? (t.timestampsMs[t.frameCount - 1] - t.timestampsMs[0]) / 1000 : 0;
}

function typed<T>(v: unknown, type: { new (n: number): T; name: string }, length: number, field: string): T {
  if (!(v instanceof type)) throw new TrackRecordError(`"${field}" is not a ${type.name}`);
  if ((v as unknown as { length: number }).length !== length) throw new TrackRecordError(`"${field}" holds ${(v as unknown as { length: number }).length} numbers, not ${length}`);
  return v;
}

function allFinite(a: Float32Array, i: number, field: string): void {
  const o = i * VALUES_PER_FRAME;
  for (let k = o; k < o + VALUES_PER_FRAME; k++) if (!Number.isFinite(a[k])) throw new TrackRecordError(`frame ${i}: "${field}" has a value that is not a number`);
}

/**
 * A value read back from storage, checked before any use: the fields and their types, every
 * array's length against the frame count, times strictly increasing, image sizes, and finite
 * landmarks wherever a frame says it has them. Throws TrackRecordError saying what is wrong.
 */
export function checkTrackRecord(v: unknown): TrackRecord {
  if (typeof v !== 'object' || v === null) throw new TrackRecordError('not a track');
  const r = v as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') throw new TrackRecordError('it has no id');
  if (r.kind !== 'set' && r.kind !== 'range-check') throw new TrackRecordError('it is neither a set nor a range check');
  const n = r.frameCount;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_TRACK_FRAMES) throw new TrackRecordError('its frame count is not a whole number in range');
  if (typeof r.truncated !== 'boolean') throw new TrackRecordError('"truncated" is not true or false');
  const t: TrackRecord = {
    id: r.id,
    kind: r.kind,
    frameCount: n,
    truncated: r.truncated,
    timestampsMs: typed(r.timestampsMs, Float64Array, n, 'timestampsMs'),
    sizes: typed(r.sizes, Uint16Array, 2 * n, 'sizes'),
    people: typed(r.people, Uint8Array, n, 'people'),
    has: typed(r.has, Uint8Array, n, 'has'),
    landmarks: typed(r.landmarks, Float32Array, n * VALUES_PER_FRAME, 'landmarks'),
    world: typed(r.world, Float32Array, n * VALUES_PER_FRAME, 'world'),
  };
  for (let i = 0; i < n; i++) {
    const ms = t.timestampsMs[i];
    if (!Number.isFinite(ms) || (i > 0 && !(ms > t.timestampsMs[i - 1]))) throw new TrackRecordError(`frame ${i}: its time does not come after the frame before's`);
    if (t.sizes[2 * i] === 0 || t.sizes[2 * i + 1] === 0) throw new TrackRecordError(`frame ${i}: the image size is 0`);
    const has = t.has[i];
    if (has > (HAS_POSE | HAS_WORLD) || has === HAS_WORLD) throw new TrackRecordError(`frame ${i}: what it holds is not known (${has})`);
    if (has & HAS_POSE) allFinite(t.landmarks, i, 'landmarks');
    if (has & HAS_WORLD) allFinite(t.world, i, 'world');
  }
  return t;
}
