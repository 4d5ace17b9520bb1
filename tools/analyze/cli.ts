// npm run analyze -- <video-or-image> [--engine mediapipe|tfjs] [--model lite|full|heavy]
//                    [--runtime browser|node] [--landmarks OUT.jsonl] [--snapshot]
//                    [--exercise ID|FILE.json] [--range TEST [--neutral STILL]] [--json]
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolveConfig } from '../../lib/pose/config';
import { PoseEngineError, type EngineKind, type ModelVariant } from '../../lib/pose/types';
import { MediaError } from '../media/decode';
import type { Exercise } from '../../lib/exercise';
import { analyzeFile, exerciseOf, landmarksLine, loadExercise, rangeOf, snapshotOf, type ExerciseJson, type RangeJson, type SnapshotJson } from './analyze';
import { MEASURE_NAMES, RANGE_TEST_IDS, type RangeTestId } from '../../lib/range';
import type { Runtime } from '../harness/pose-runner';

export const USAGE = `Usage: npm run analyze -- <video-or-image> [options]

Runs the pose engine on every frame of a file.

Options:
  --engine mediapipe|tfjs    pose engine (default mediapipe)
  --model lite|full|heavy    model size (default full)
  --runtime browser|node     where tfjs runs (default node; mediapipe always runs in Chromium)
  --landmarks OUT.jsonl      write one JSON line per frame:
                             {"frame", "timestampMs", "landmarks": [[x_px, y_px, z, visibility] x33] | null}
  --snapshot                 add "snapshot": head-forward and trunk angles (median over all frames)
  --exercise ID|FILE.json    count reps or holds with the app's counter: a catalogue id (squat,
                             push-up, wall-extension-hold, ...) or an exercise JSON file; adds
                             "exercise": {"id", "reps", "holds", "repTimesMs", "framesWithoutPose", ...}
  --range TEST               run a test of the range check: head-position, standing-extension,
                             overhead-reach or rotation; adds "range": {"test", "neutralAtMs",
                             "measures": [{"measure", "trialsDeg", "medianDeg", "spreadDeg",
                             "refusals"}], "trials", "refusedTrials", "quality", "why"}. A video is
                             run as the page runs it (a still start, then trials out and back);
                             a still image gives one "reading"
  --neutral STILL            with --range on a still image: the same person at rest, the
                             neutral the reading is measured from (rotation, extension)
  --json                     print a JSON summary to stdout
  -h, --help                 show this help`;

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
}

export function parseArgs(argv: readonly string[]): CliArgs | 'help' {
  const args: Partial<CliArgs> & { json: boolean; snapshot: boolean } = { json: false, snapshot: false };
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
    if (args.landmarks) {
      out = createWriteStream(args.landmarks);
      await once(out, 'open');
    }
    const { summary, frames } = await analyzeFile(args.file, {
      engine: args.engine,
      model: args.model,
      runtime: args.runtime,
      // A snapshot is refused with someone else in view: look beside the main person too.
      lookForOthers: args.snapshot || args.range !== undefined,
      onFrame: async (frame) => {
        if (out && !out.write(landmarksLine(frame) + '\n')) await once(out, 'drain');
        if (!args.json && frame.frame % 25 === 0) process.stderr.write(`frame ${frame.frame}\r`);
      },
    });
    if (out) {
      out.end();
      await once(out, 'finish');
    }
    const snapshot = args.snapshot ? snapshotOf(frames) : undefined;
    const counted = exercise ? exerciseOf(frames, exercise) : undefined;
    let range: RangeJson | undefined;
    if (args.range) {
      const still = summary.fps === null;
      const neutralFrames = args.neutral ? (await analyzeFile(args.neutral, { engine: args.engine, model: args.model, runtime: args.runtime, lookForOthers: true })).frames : undefined;
      range = rangeOf(frames, args.range, { still, neutralFrames });
    }
    if (args.json) console.log(JSON.stringify({ ...summary, ...(snapshot ? { snapshot } : {}), ...(counted ? { exercise: counted } : {}), ...(range ? { range } : {}) }, null, 2));
    else {
      console.log(`${summary.file}: ${summary.framesWithPose}/${summary.frames} frames with a pose (${summary.width}x${summary.height}, ${summary.engine} ${summary.model})`);
      if (snapshot) console.log(describeSnapshot(snapshot));
      if (counted) console.log(describeExercise(counted));
      if (range) console.log(describeRange(range));
    }
    return 0;
  } catch (err) {
    out?.destroy();
    if (err instanceof MediaError || err instanceof PoseEngineError) {
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
