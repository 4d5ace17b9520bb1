// Landmark tracks as `npm run analyze` input: our JSONL (lib/tracks/jsonl.ts) or OpenPose-style
// JSON (a *_keypoints.json file or a folder of them; lib/tracks/openpose.ts). The files are read
// here; the formats are lib/tracks' (pure). The frames come out as the engine's would
// (FrameResult), so a track is measured by exactly the code that measures a video.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseTrackJsonl, roundTo, TrackError } from '../../lib/tracks/jsonl';
import { openPoseTrack } from '../../lib/tracks/openpose';
import type { TrackContent } from '../../lib/tracks/refusals';
import { poseOfTrackFrame, rateOfTimestamps, type TrackFrame } from '../../lib/tracks/types';
import type { FrameResult } from './analyze';

export type InputKind = 'media' | 'jsonl' | 'openpose';

/** OpenPose JSON holds no frame rate: this one unless --fps says otherwise (OpenPose's and Sports2D's usual webcam rate). */
export const DEFAULT_OPENPOSE_FPS = 30;

/** A folder or a .json file is OpenPose; a .jsonl file our own track; anything else a picture or video. */
export async function inputKindOf(file: string): Promise<InputKind> {
  const s = await stat(file).catch(() => null);
  if (s?.isDirectory()) return 'openpose';
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json') return 'openpose';
  return 'media';
}

/** The `--json` summary of a track: the video summary's fields (engine and model null: a track does not say), and `track`. */
export interface TrackSummary {
  readonly file: string;
  readonly engine: null;
  readonly model: null;
  readonly frames: number;
  readonly framesWithPose: number;
  readonly width: number;
  readonly height: number;
  /** From the timestamps (JSONL), --fps or its default (OpenPose); null for a track of one frame (read as a still). */
  readonly fps: number | null;
  readonly track: {
    /** "JSONL", "BODY_25", "COCO-17" or "HALPE_26". */
    readonly format: string;
    /** Whether any frame has world landmarks (3D, metres). */
    readonly world: boolean;
    /** Whether the landmarks carry depth (z). */
    readonly depth: boolean;
    /** BlazePose landmarks the format does not have at all. */
    readonly landmarksLacking: readonly string[];
    readonly fpsFrom: 'timestamps' | '--fps' | 'default' | 'one frame';
    readonly sizeFrom: 'file' | '--size' | 'keypoints';
  };
}

export interface TrackInput {
  readonly summary: TrackSummary;
  readonly frames: FrameResult[];
  readonly trackFrames: TrackFrame[];
  readonly content: TrackContent;
  /** What was assumed (defaults taken), to say on stderr. */
  readonly notes: readonly string[];
}

const asFrameResults = (frames: readonly TrackFrame[]): FrameResult[] =>
  frames.map((f) => ({ frame: f.frame, timestampMs: f.timestampMs, width: f.width, height: f.height, pose: poseOfTrackFrame(f), inferenceMs: 0 }));

/** Reads a track; throws TrackError ("FILE: line N: what") for anything malformed, before any frame is measured. */
export async function readTrack(file: string, kind: Exclude<InputKind, 'media'>, options: { fps?: number; size?: { width: number; height: number } } = {}): Promise<TrackInput> {
  const notes: string[] = [];
  if (kind === 'jsonl') {
    const text = await readFile(file, 'utf8');
    let frames: TrackFrame[];
    try {
      frames = parseTrackJsonl(text);
    } catch (err) {
      if (err instanceof TrackError) throw new TrackError(`${file}: ${err.message}`, err.line);
      throw err;
    }
    const world = frames.some((f) => !!f.world);
    const rate = rateOfTimestamps(frames);
    const fps = rate === null ? null : roundTo(rate, 3);
    return {
      summary: summaryOf(file, frames, fps, { format: 'JSONL', world, depth: true, landmarksLacking: [], fpsFrom: fps === null ? 'one frame' : 'timestamps', sizeFrom: 'file' }),
      frames: asFrameResults(frames),
      trackFrames: frames,
      content: { format: 'JSONL', lacks: [], depth: true },
      notes,
    };
  }
  const isDir = (await stat(file)).isDirectory();
  const names = isDir ? (await readdir(file)).filter((n) => n.toLowerCase().endsWith('.json')).sort() : [path.basename(file)];
  const dir = isDir ? file : path.dirname(file);
  const files = await Promise.all(names.map(async (n) => ({ name: isDir ? path.join(file, n) : file, text: await readFile(path.join(dir, n), 'utf8') })));
  if (files.length === 0) throw new TrackError(`${file}: no OpenPose keypoint files (*.json) in the folder`);
  const fps = options.fps ?? DEFAULT_OPENPOSE_FPS;
  const track = openPoseTrack(files, { fps, ...(options.size ? { size: options.size } : {}) });
  const oneFrame = track.frames.length === 1;
  if (!oneFrame && options.fps === undefined) notes.push(`no --fps given: OpenPose files hold no frame rate, ${DEFAULT_OPENPOSE_FPS} fps taken`);
  if (!options.size) notes.push(`no --size given: OpenPose files hold no image size, ${track.width}x${track.height} taken (the smallest picture holding every keypoint)`);
  return {
    summary: summaryOf(file, track.frames, oneFrame ? null : fps, {
      format: track.format,
      world: false,
      depth: false,
      landmarksLacking: track.lacks,
      fpsFrom: oneFrame ? 'one frame' : options.fps !== undefined ? '--fps' : 'default',
      sizeFrom: options.size ? '--size' : 'keypoints',
    }),
    frames: asFrameResults(track.frames),
    trackFrames: track.frames,
    content: { format: track.format, lacks: track.lacks, depth: false },
    notes,
  };
}

function summaryOf(file: string, frames: readonly TrackFrame[], fps: number | null, track: TrackSummary['track']): TrackSummary {
  return {
    file,
    engine: null,
    model: null,
    frames: frames.length,
    framesWithPose: frames.filter((f) => f.landmarks !== null).length,
    width: frames[0].width,
    height: frames[0].height,
    fps,
    track,
  };
}
