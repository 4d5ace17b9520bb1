// npm run analyze -- <video-or-image-or-track> [--engine mediapipe|tfjs] [--model lite|full|heavy]
//                    [--runtime browser|node] [--landmarks OUT.jsonl [--world|--no-world]]
//                    [--trc OUT.trc] [--fps N] [--size WxH] [--snapshot]
//                    [--exercise ID|FILE.json] [--range TEST [--neutral STILL]] [--json]
import { createWriteStream, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { resolveConfig } from '../../lib/pose/config';
import { PoseEngineError, type EngineKind, type ModelVariant } from '../../lib/pose/types';
import { MediaError } from '../media/decode';
import type { Exercise } from '../../lib/exercise';
import { analyzeFile, exerciseOf, landmarksLine, loadExercise, rangeOf, snapshotOf, type AnalyzeSummary, type ExerciseJson, type FrameResult, type RangeJson, type SnapshotJson } from './analyze';
import { formatTrackJsonl, TrackError } from '../../lib/tracks/jsonl';
import { formatTrc, trcTiming } from '../../lib/tracks/trc';
import { exerciseTrackRefusal, rangeTrackRefusal, snapshotTrackRefusal, type TrackContent } from '../../lib/tracks/refusals';
import { trackFrameOf } from '../../lib/tracks/types';
import { DEFAULT_OPENPOSE_FPS, inputKindOf, readTrack, type InputKind, type TrackSummary } from './tracks';
import { MEASURE_NAMES, RANGE_TEST_IDS, type RangeTestId } from '../../lib/range';
import type { Runtime } from '../harness/pose-runner';

export const USAGE = `Usage: npm run analyze -- <video-or-image-or-track> [options]

Runs the pose engine on every frame of a file, or reads a landmark track, and measures it.
A track is measured by exactly the code that measures a video (docs/tracks.md):
  FILE.jsonl                 our own track, as --landmarks writes it
  FILE.json or FOLDER        OpenPose-style keypoints (OpenPose, Sports2D, Pose2Sim), one
                             *_keypoints.json per frame, BODY_25, COCO-17 or HALPE_26; a
                             measure needing a landmark (or depth) the format lacks is refused:
                             "refused": {"code": "track-lacks-landmark" | "track-lacks-depth",
                             "message"} in its block, exit 0

Options:
  --engine mediapipe|tfjs    pose engine (default mediapipe; not used for a track)
  --model lite|full|heavy    model size (default full; not used for a track)
  --runtime browser|node     where tfjs runs (default node; mediapipe always runs in Chromium)
  --landmarks OUT.jsonl      write the track, one JSON line per frame:
                             {"frame", "timestampMs", "landmarks": [[x_px, y_px, z, visibility] x33] | null,
                              "width", "height", "peopleCount", "world": [[x_m, y_m, z_m, visibility] x33]}
  --world                    (the default) write "world", the engine's 3D landmarks in metres,
                             on every frame that has them, so the track measures as the video did
  --no-world                 leave "world" out (then the view is judged from the picture alone,
                             and a track may measure a little differently from its video)
  --trc OUT.trc              write the world landmarks as a TRC marker file (OpenSim, Pose2Sim,
                             OpenCap): 33 markers named as BlazePose's landmarks, metres,
                             MediaPipe's axes (y down); uneven frames keep their own times
  --fps N                    OpenPose input: its frame rate (the files hold none; default ${DEFAULT_OPENPOSE_FPS})
  --size WxH                 OpenPose input: its image size in pixels (default: the smallest
                             picture that holds every keypoint); both defaults are said on stderr
  --snapshot                 add "snapshot": head-forward and trunk angles (median over all frames)
  --exercise ID|FILE.json    count reps or holds with the app's counter: a catalogue id (squat,
                             push-up, wall-extension-hold, ...) or an exercise JSON file; adds
                             "exercise": {"id", "reps", "holds", "repTimesMs", "framesWithoutPose", ...}
  --range TEST               run a test of the range check: head-position, standing-extension,
                             overhead-reach or rotation; adds "range": {"test", "neutralAtMs",
                             "measures": [{"measure", "trialsDeg", "medianDeg", "spreadDeg",
                             "refusals"}], "trials", "refusedTrials", "quality", "why"}. A video is
                             run as the page runs it (a still start, then trials out and back);
                             a still image (or a track of one frame) gives one "reading"
  --neutral STILL            with --range on a still image: the same person at rest, the
                             neutral the reading is measured from (rotation, extension)
  --json                     print a JSON summary to stdout; for a track "engine" and "model"
                             are null and "track" says its format, "world", "depth",
                             "landmarksLacking", "fpsFrom" and "sizeFrom"
  -h, --help                 show this help

Exit codes: 0 done (refusals included), 1 a file that cannot be read (a malformed track:
"error: FILE: line N: what"), 2 a usage error.`;

export class UsageError extends Error {}

export interface CliArgs {
  file: string;
  engine: EngineKind;
  model: ModelVariant;
  runtime?: Runtime;
  landmarks?: string;
  json: boolean;
  snapshot: boolean;
  /** The --exercise value as given (a catalogue id or a file); resolved before any frame is read. */
  exercise?: string;
  /** --range: a test of the range check. */
  range?: RangeTestId;
  /** --neutral: a still of the person at rest, for --range on a still. */
  neutral?: string;
  /** Write world landmarks into --landmarks (default true; --no-world: false). */
  world: boolean;
  /** --trc: the TRC marker file to write. */
  trc?: string;
  /** --fps and --size: for OpenPose input, which holds neither. */
  fps?: number;
  size?: { width: number; height: number };
}

export function parseArgs(argv: readonly string[]): CliArgs | 'help' {
  const args: Partial<CliArgs> & { json: boolean; snapshot: boolean } = { json: false, snapshot: false };
  let world: boolean | undefined;
  const positional: string[] = [];
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--json') args.json = true;
    else if (a === '--snapshot') args.snapshot = true;
    else if (a === '--engine') args.engine = value(i++, a) as EngineKind;
    else if (a === '--model') args.model = value(i++, a) as ModelVariant;
    else if (a === '--runtime') args.runtime = value(i++, a) as Runtime;
    else if (a === '--landmarks') args.landmarks = value(i++, a);
    else if (a === '--exercise') args.exercise = value(i++, a);
    else if (a === '--range') args.range = value(i++, a) as RangeTestId;
    else if (a === '--neutral') args.neutral = value(i++, a);
    else if (a === '--world' || a === '--no-world') {
      if (world !== undefined && world !== (a === '--world')) throw new UsageError('--world and --no-world together: choose one.');
      world = a === '--world';
    } else if (a === '--trc') args.trc = value(i++, a);
    else if (a === '--fps') {
      const v = value(i++, a);
      const fps = Number(v);
      if (!(fps > 0) || !Number.isFinite(fps)) throw new UsageError(`--fps must be a frame rate above 0; got "${v}".`);
      args.fps = fps;
    } else if (a === '--size') {
      const v = value(i++, a);
      const m = /^(\d+)x(\d+)$/.exec(v);
      if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) throw new UsageError(`--size must be WIDTHxHEIGHT in pixels, such as 1920x1080; got "${v}".`);
      args.size = { width: Number(m[1]), height: Number(m[2]) };
    }
    else if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}.`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new UsageError(positional.length ? `Expected one input file, got ${positional.length}.` : 'No input file given.');
  const engine = args.engine ?? 'mediapipe';
  const model = args.model ?? 'full';
  resolveConfig({ kind: engine, model });
  if (args.runtime !== undefined && args.runtime !== 'browser' && args.runtime !== 'node') {
    throw new UsageError(`--runtime must be "browser" or "node"; got "${args.runtime}".`);
  }
  if (args.range !== undefined && !(RANGE_TEST_IDS as readonly string[]).includes(args.range)) {
    throw new UsageError(`--range must be one of ${RANGE_TEST_IDS.join(', ')}; got "${args.range}".`);
  }
  if (args.neutral !== undefined && args.range === undefined) throw new UsageError('--neutral goes with --range.');
  if (args.runtime === 'node' && engine === 'mediapipe') throw new UsageError('The mediapipe engine runs in Chromium only; drop --runtime node.');
  return {
    file: positional[0],
    engine,
    model,
    runtime: args.runtime,
    landmarks: args.landmarks,
    json: args.json,
    snapshot: args.snapshot,
    ...(args.exercise !== undefined ? { exercise: args.exercise } : {}),
    ...(args.range !== undefined ? { range: args.range } : {}),
    ...(args.neutral !== undefined ? { neutral: args.neutral } : {}),
    world: world ?? true,
    ...(args.trc !== undefined ? { trc: args.trc } : {}),
    ...(args.fps !== undefined ? { fps: args.fps } : {}),
    ...(args.size !== undefined ? { size: args.size } : {}),
  };
}

function describeSnapshot(s: SnapshotJson): string {
  const angle = (v: number | null, spread: number | null) => (v === null ? 'not measured' : `${v.toFixed(1)}° ± ${(spread ?? 0).toFixed(1)}°`);
  return [
    `view: ${s.view}, side facing the camera: ${s.side}`,
    `head-forward angle: ${angle(s.headForwardDeg, s.headForwardSpreadDeg)}${s.refusals.headForward ? ` (${s.refusals.headForward.message})` : ''}`,
    `trunk extension: ${angle(s.trunkExtensionDeg, s.trunkExtensionSpreadDeg)}${s.refusals.trunkExtension ? ` (${s.refusals.trunkExtension.message})` : ''}`,
  ].join('\n');
}

function describeRange(r: RangeJson): string {
  if (r.refused) return `range ${r.test}: refused: ${r.refused.message}`;
  if (r.reading) return `range ${r.test}: ${r.reading.valueDeg === null ? `not measured (${r.reading.refusal?.message ?? r.why})` : `${r.reading.valueDeg.toFixed(1)}°`}`;
  const lines = r.measures.map((m) => {
    const value = m.medianDeg === null ? `not measured (${m.trialsDeg.length} of 3 trials)` : `${m.medianDeg.toFixed(1)}° ± ${(m.spreadDeg ?? 0).toFixed(1)}°`;
    return `${MEASURE_NAMES[m.measure]}: ${value}${m.trialsDeg.length ? ` [${m.trialsDeg.map((v) => v.toFixed(1)).join(', ')}]` : ''}`;
  });
  if (r.refusedTrials.length) lines.push(`${r.refusedTrials.length} attempt(s) refused: ${[...new Set(r.refusedTrials.map((t) => t.message))].join(' ')}`);
  if (r.why) lines.push(r.why);
  return [`range ${r.test}:`, ...lines].join('\n');
}

function describeExercise(e: ExerciseJson): string {
  if (e.refused) return `exercise ${e.id}: refused: ${e.refused.message}`;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  if (e.kind === 'hold') {
    return `exercise ${e.id}: ${e.reps} completed holds, ${e.shortHolds} short${e.holds.length ? ` (${e.holds.map((h) => seconds(h.durationMs)).join(', ')})` : ''}`;
  }
  return `exercise ${e.id}: ${e.reps} ${e.kind === 'timed' ? 'cycles' : 'reps'}${e.repTimesMs.length ? ` (${e.repTimesMs.map(seconds).join(', ')})` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  let args: CliArgs | 'help';
  let exercise: Exercise | null = null;
  try {
    args = parseArgs(argv);
    if (args !== 'help' && args.exercise !== undefined) {
      try {
        exercise = loadExercise(args.exercise);
      } catch (err) {
        throw new UsageError(`--exercise ${args.exercise}: ${(err as Error).message}`);
      }
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof PoseEngineError) {
      console.error(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  let out: WriteStream | null = null;
  try {
    const kind = await inputKindOf(args.file);
    if (kind !== 'openpose' && (args.fps !== undefined || args.size !== undefined)) {
      console.error(`error: --fps and --size are for OpenPose input (which holds no frame rate or image size); ${args.file} has its own.\n\n${USAGE}`);
      return 2;
    }
    if (args.landmarks) {
      out = createWriteStream(args.landmarks);
      await once(out, 'open');
    }
    const world = args.world;
    const input = await readInput(args, kind, async (frame) => {
      if (out && !out.write(landmarksLine(frame, { world }) + '\n')) await once(out, 'drain');
      if (!args.json && frame.frame % 25 === 0) process.stderr.write(`frame ${frame.frame}\r`);
    });
    const { summary, frames, content } = input;
    for (const note of input.notes) console.error(`note: ${note}`);
    if (out) {
      // A track is written at once (a video's lines went out frame by frame).
      if (kind !== 'media') out.write(formatTrackJsonl(frames.map(trackFrameOfResult), { world }));
      out.end();
      await once(out, 'finish');
    }
    if (args.trc) {
      const text = (() => {
        try {
          const trackFrames = frames.map(trackFrameOfResult);
          const rateHz = summary.fps !== null ? { rateHz: summary.fps } : {};
          const timing = trcTiming(trackFrames, rateHz.rateHz);
          if (!timing.even) console.error(`note: ${args.trc}: the frames are not evenly spaced; each row's Time is its frame's own, and the header's rate (${timing.rate} Hz) their average`);
          return formatTrc(trackFrames, { fileName: path.basename(args.trc), ...rateHz });
        } catch (err) {
          if (err instanceof TrackError) throw new TrackError(`${args.trc}: ${err.message}`);
          throw err;
        }
      })();
      await writeFile(args.trc, text);
    }
    let snapshot = args.snapshot ? snapshotOf(frames) : undefined;
    let counted = exercise ? exerciseOf(frames, exercise) : undefined;
    let range: RangeJson | undefined;
    if (args.range) {
      const still = summary.fps === null;
      let neutralFrames: FrameResult[] | undefined;
      if (args.neutral) {
        const neutralKind = await inputKindOf(args.neutral);
        neutralFrames = (await readInput({ ...args, file: args.neutral, snapshot: false, range: args.range }, neutralKind)).frames;
      }
      range = rangeOf(frames, args.range, { still, neutralFrames });
    }
    if (content) {
      // A measure needing a landmark (or depth) the track's format lacks is refused, by name.
      const s = snapshot && snapshotTrackRefusal(content);
      if (snapshot && s) snapshot = { ...snapshot, refused: s };
      const e = counted && exercise && exerciseTrackRefusal(exercise, content);
      if (counted && e) counted = { ...counted, why: e.message, refused: e };
      const r = range && rangeTrackRefusal(range.test, content);
      if (range && r) range = { ...range, why: r.message, refused: r };
    }
    if (args.json) console.log(JSON.stringify({ ...summary, ...(snapshot ? { snapshot } : {}), ...(counted ? { exercise: counted } : {}), ...(range ? { range } : {}) }, null, 2));
    else {
      const what = 'track' in summary ? `${summary.track.format} track` : `${summary.engine} ${summary.model}`;
      console.log(`${summary.file}: ${summary.framesWithPose}/${summary.frames} frames with a pose (${summary.width}x${summary.height}, ${what})`);
      if (snapshot) console.log(snapshot.refused && content && snapshotTrackRefusal(content) ? `snapshot: refused: ${snapshot.refused.message}` : describeSnapshot(snapshot));
      if (counted) console.log(describeExercise(counted));
      if (range) console.log(describeRange(range));
    }
    return 0;
  } catch (err) {
    out?.destroy();
    if (err instanceof MediaError || err instanceof PoseEngineError || err instanceof TrackError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    if (err instanceof Error && 'code' in err && typeof (err as NodeJS.ErrnoException).code === 'string') {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

const trackFrameOfResult = (f: FrameResult) => trackFrameOf(f.frame, f.timestampMs, f.width, f.height, f.pose);

/** The frames of the input: the engine run over a picture or video, or a track read. `content` is null for a picture or video. */
async function readInput(
  args: CliArgs,
  kind: InputKind,
  onFrame?: (frame: FrameResult) => Promise<void>,
): Promise<{ summary: AnalyzeSummary | TrackSummary; frames: FrameResult[]; content: TrackContent | null; notes: readonly string[] }> {
  if (kind !== 'media') {
    const t = await readTrack(args.file, kind, { ...(args.fps !== undefined ? { fps: args.fps } : {}), ...(args.size ? { size: args.size } : {}) });
    return { summary: t.summary, frames: t.frames, content: t.content, notes: t.notes };
  }
  const { summary, frames } = await analyzeFile(args.file, {
    engine: args.engine,
    model: args.model,
    runtime: args.runtime,
    // A snapshot is refused with someone else in view: look beside the main person too.
    lookForOthers: args.snapshot || args.range !== undefined,
    ...(onFrame ? { onFrame } : {}),
  });
  return { summary, frames, content: null, notes: [] };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
