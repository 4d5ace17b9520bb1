import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { measurePosture } from '../../lib/angles/posture';
import { assessFrame, SNAPSHOT_NEED } from '../../lib/angles/quality';
import { summarizeSnapshot, type SnapshotResult } from '../../lib/angles/snapshot';
import { CATALOGUE, createExerciseTracker, getExercise, parseExercise, reasonMessage, type CounterEvent, type Exercise, type ExerciseKind } from '../../lib/exercise';
import type { EngineKind, ModelVariant, Pose } from '../../lib/pose/types';
import { decodeFrames, frameTimestampMs, probeMedia } from '../media/decode';
import { formatTrackLine, roundTo } from '../../lib/tracks/jsonl';
import { trackFrameOf } from '../../lib/tracks/types';
import { openPoseRunner, type PoseRunner, type Runtime, type RunnerOptions } from '../harness/pose-runner';
import { refusal, type RefusalCode } from '../../lib/angles/refusals';
import { mode } from '../../lib/angles/stats';
import { endRun, frameRefusal, MEASURES_OF_TEST, NEEDS_NEUTRAL, neutralOf, readFrame, startRun, stepRun, summarizeMeasure, type RangeMeasureResult, type RangeTestId, type RangeTrial, type RunEvent } from '../../lib/range';

const refusalMessage = (code: string) => refusal(code as RefusalCode).message;

export interface AnalyzeOptions {
  readonly engine: EngineKind;
  readonly model: ModelVariant;
  /** Where the engine runs; mediapipe always runs in Chromium, tfjs defaults to Node. */
  readonly runtime?: Runtime;
  readonly browser?: RunnerOptions['browser'];
  /** Search beside the main person for others (see lib/pose/second-look.ts); the snapshot needs it. Default false. */
  readonly lookForOthers?: boolean;
  /**
   * An engine already open (from `openStillRunner`), for stills only: many stills share one
   * engine instead of starting one each. The caller closes it.
   */
  readonly stillRunner?: PoseRunner;
  readonly onFrame?: (frame: FrameResult) => void | Promise<void>;
}

export interface FrameResult {
  readonly frame: number;
  readonly timestampMs: number;
  /** The frame's size in pixels (known even when nobody was found). */
  readonly width: number;
  readonly height: number;
  readonly pose: Pose | null;
  readonly inferenceMs: number;
}

/** The `--json` summary of `npm run analyze`. Extend, never rename. */
export interface AnalyzeSummary {
  readonly file: string;
  readonly engine: EngineKind;
  readonly model: ModelVariant;
  readonly frames: number;
  readonly framesWithPose: number;
  readonly width: number;
  readonly height: number;
  /** Frame rate of a video; null for a still image. */
  readonly fps: number | null;
}

function openRunner(options: AnalyzeOptions, runningMode: 'IMAGE' | 'VIDEO'): Promise<PoseRunner> {
  return openPoseRunner({
    lookForOthers: options.lookForOthers ?? false,
    kind: options.engine,
    model: options.model,
    runtime: options.runtime ?? (options.engine === 'tfjs' ? 'node' : 'browser'),
    browser: options.browser,
    runningMode,
  });
}

/** An engine for stills, to share between analyzeFile calls (`stillRunner`); close it when done. */
export function openStillRunner(options: Omit<AnalyzeOptions, 'stillRunner'>): Promise<PoseRunner> {
  return openRunner(options, 'IMAGE');
}

/** Runs the engine on every frame of an image or video file. */
export async function analyzeFile(file: string, options: AnalyzeOptions): Promise<{ summary: AnalyzeSummary; frames: FrameResult[] }> {
  const info = await probeMedia(file);
  if (options.stillRunner && info.kind !== 'image') throw new Error(`${file} is a video: a shared engine is for stills only`);
  const runner = options.stillRunner ?? (await openRunner(options, info.kind === 'image' ? 'IMAGE' : 'VIDEO'));
  const frames: FrameResult[] = [];
  const record = async (result: FrameResult) => {
    frames.push(result);
    await options.onFrame?.(result);
  };
  try {
    if (info.kind === 'image' && runner.estimateEncoded) {
      // Stills are decoded by the browser itself, exactly as the app decodes them.
      const { pose, inferenceMs } = await runner.estimateEncoded(new Uint8Array(await readFile(file)), 0);
      await record({ frame: 0, timestampMs: 0, width: info.width, height: info.height, pose, inferenceMs });
    } else {
      let i = 0;
      for await (const rgba of decodeFrames(info)) {
        const timestampMs = frameTimestampMs(i, info.fps);
        const { pose, inferenceMs } = await runner.estimate(rgba, info.width, info.height, timestampMs);
        await record({ frame: i, timestampMs, width: info.width, height: info.height, pose, inferenceMs });
        i++;
      }
    }
  } finally {
    if (runner !== options.stillRunner) await runner.close();
  }
  return {
    summary: {
      file,
      engine: options.engine,
      model: options.model,
      frames: frames.length,
      framesWithPose: frames.filter((f) => f.pose !== null).length,
      width: info.width,
      height: info.height,
      fps: info.fps,
    },
    frames,
  };
}

/**
 * One `--landmarks` line (lib/tracks/jsonl.ts): pixel x and y, z scaled by the image width like
 * x, visibility; the frame size and how many people were seen; and the world landmarks (metres)
 * when the engine gave them, unless `world: false` (so the session page, or `npm run analyze`
 * on the track, can replay the file and measure it as the video was measured).
 */
export function landmarksLine(result: FrameResult, options: { world?: boolean } = {}): string {
  return formatTrackLine(trackFrameOf(result.frame, result.timestampMs, result.width, result.height, result.pose), options);
}

const round = (v: number, digits = 3) => roundTo(v, digits);

/** The `--snapshot` block: posture over the whole file (median of every frame). */
export interface SnapshotJson {
  readonly view: SnapshotResult['view'];
  readonly side: SnapshotResult['side'];
  readonly headForwardDeg: number | null;
  readonly headForwardOffset: number | null;
  readonly trunkExtensionDeg: number | null;
  readonly spreadDeg: number | null;
  readonly refused: { readonly code: string; readonly message: string } | null;
  readonly headForwardSpreadDeg: number | null;
  readonly trunkExtensionSpreadDeg: number | null;
  readonly refusals: SnapshotResult['refusals'];
  readonly frames: number;
  /**
   * The snapshot's quality gate (lib/angles/quality.ts, the page's ready check) on every frame:
   * how many passed, and how many were refused for each reason, first reason per frame.
   */
  readonly quality: { readonly framesAccepted: number; readonly framesRefused: Readonly<Record<string, number>>; readonly peopleMax: number };
}

export function snapshotOf(frames: readonly FrameResult[]): SnapshotJson {
  const s = summarizeSnapshot(frames.map((f) => measurePosture(f.pose, f.timestampMs)));
  const refused: Record<string, number> = {};
  let accepted = 0;
  for (const f of frames) {
    const a = assessFrame(f.pose, SNAPSHOT_NEED);
    if (a.ok) accepted++;
    else refused[a.issues[0].code] = (refused[a.issues[0].code] ?? 0) + 1;
  }
  const r = (v: number | null, digits = 2) => (v === null ? null : round(v, digits));
  return {
    view: s.view,
    side: s.side,
    headForwardDeg: r(s.headForwardDeg),
    headForwardOffset: r(s.headForwardOffset, 4),
    trunkExtensionDeg: r(s.trunkExtensionDeg),
    spreadDeg: r(s.spreadDeg),
    refused: s.refused,
    headForwardSpreadDeg: r(s.headForwardSpreadDeg),
    trunkExtensionSpreadDeg: r(s.trunkExtensionSpreadDeg),
    refusals: s.refusals,
    frames: s.frames,
    quality: { framesAccepted: accepted, framesRefused: refused, peopleMax: Math.max(0, ...frames.map((f) => f.pose?.peopleCount ?? 0)) },
  };
}

/** The `--exercise` block: reps or holds counted over the whole file by the app's own counter. */
export interface ExerciseJson {
  readonly id: string;
  readonly kind: ExerciseKind;
  /** Counted reps; completed holds; timed cycles. */
  readonly reps: number;
  readonly holds: readonly {
    readonly startMs: number;
    readonly endMs: number;
    readonly durationMs: number;
    readonly peakDeg: number;
    readonly medianDeg: number;
    readonly completed: boolean;
    readonly headForwardDeg: number | null;
  }[];
  readonly repTimesMs: readonly number[];
  readonly framesWithoutPose: number;
  readonly shortHolds: number;
  /** When each rep was counted (the frame it came back past exitDeg). */
  readonly repAtMs: readonly number[];
  readonly loweringTimesMs: readonly number[];
  readonly baselineDeg: number | null;
  readonly peakDeg: number | null;
  readonly medianDeg: number | null;
  /** Each counted rep: when it ended, how long it took, its peak and its top (the span it stayed near the peak). */
  readonly repDetails: readonly {
    readonly atMs: number;
    readonly durationMs: number;
    readonly peakDeg: number;
    readonly topStartMs: number | null;
    readonly topEndMs: number | null;
  }[];
  /** Frames that did not count, by reason ("wrong-position", "hips-not-visible", "no-person", ...). */
  readonly framesNotCounted: Readonly<Record<string, number>>;
  /** Nothing was counted: the most common reason, in words; otherwise null. */
  readonly why: string | null;
  /** Only on a track that cannot give this count (a landmark its format lacks): why, with a stable code. */
  readonly refused?: { readonly code: string; readonly message: string };
}

/**
 * A catalogue id, or a JSON file of the same shape. Throws ExerciseValidationError for an
 * invalid file and Error for anything else that is not an exercise.
 */
export function loadExercise(idOrFile: string): Exercise {
  const known = getExercise(idOrFile);
  if (known) return known;
  let text: string;
  try {
    text = readFileSync(idOrFile, 'utf8');
  } catch {
    throw new Error(`"${idOrFile}" is neither a catalogue exercise (${CATALOGUE.map((e) => e.id).join(', ')}) nor a readable JSON file.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${idOrFile} is not valid JSON: ${(err as Error).message}`);
  }
  return parseExercise(json);
}

/** Runs the frames through smoothing and the counter; a hold still going at the end is recorded. */
export function exerciseOf(frames: readonly FrameResult[], exercise: Exercise): ExerciseJson {
  const tracker = createExerciseTracker(exercise, { targetReps: null });
  const events: CounterEvent[] = [];
  const notCounted: Record<string, number> = {};
  for (const f of frames) {
    events.push(...tracker.push(f.pose, f.timestampMs));
    const sample = tracker.lastSample;
    if (sample && sample.status !== 'ok') {
      const reason = sample.reason ?? sample.status;
      notCounted[reason] = (notCounted[reason] ?? 0) + 1;
    }
  }
  events.push(...tracker.finish());
  const s = tracker.summary();
  const r = (v: number | null) => (v === null ? null : round(v, 2));
  return {
    id: exercise.id,
    kind: exercise.kind,
    reps: s.reps,
    holds: s.holds.map((h) => ({
      startMs: h.startMs,
      endMs: h.endMs,
      durationMs: h.durationMs,
      peakDeg: round(h.peakDeg, 2),
      medianDeg: round(h.medianDeg, 2),
      completed: h.completed,
      headForwardDeg: r(h.headForwardDeg ?? null),
    })),
    repTimesMs: s.repTimesMs,
    framesWithoutPose: s.framesWithoutPose,
    shortHolds: s.shortHolds,
    repAtMs: events.flatMap((e) => (e.type === 'rep' ? [e.atMs] : [])),
    loweringTimesMs: s.loweringTimesMs,
    baselineDeg: r(s.baselineDeg),
    peakDeg: r(s.peakDeg),
    medianDeg: r(s.medianDeg),
    repDetails: events.flatMap((e) =>
      e.type === 'rep'
        ? [{ atMs: e.atMs, durationMs: e.durationMs, peakDeg: round(e.peakDeg, 2), topStartMs: e.topStartMs ?? null, topEndMs: e.topEndMs ?? null }]
        : [],
    ),
    framesNotCounted: notCounted,
    why: s.reps === 0 && s.holds.length === 0 ? reasonMessage(exercise, Object.entries(notCounted).sort((a, b) => b[1] - a[1])[0]?.[0]) : null,
  };
}

/** The `--range TEST` block: the range check's test over the file, as the page runs it. */
export interface RangeJson {
  readonly test: RangeTestId;
  /** When the person's neutral was taken (ms into the file); null when never (then no trials), or when the test needs none (head position, reach). */
  readonly neutralAtMs: number | null;
  /** Per measure: the counted trials, their median and ± (null under three trials), refused attempts by reason. */
  readonly measures: readonly RangeMeasureResult[];
  readonly trials: readonly RangeTrial[];
  readonly refusedTrials: readonly { readonly measure: string | null; readonly atMs: number; readonly code: string; readonly message: string }[];
  /** The test's gate on every frame: accepted, and refused by first reason. */
  readonly quality: { readonly framesAccepted: number; readonly framesRefused: Readonly<Record<string, number>>; readonly peopleMax: number };
  /** A still image: its one reading (against `--neutral`'s still where given, else its own). */
  readonly reading?: { readonly valueDeg: number | null; readonly refusal: { readonly code: string; readonly message: string } | null; readonly trunkLeanDeg?: number | null; readonly hipsTurnDeg?: number | null };
  /** No trial counted: the most common reason, in words; otherwise null. */
  readonly why: string | null;
  /** Only on a track that cannot give this test (a landmark or depth its format lacks): why, with a stable code. */
  readonly refused?: { readonly code: string; readonly message: string };
}

const roundOrNull = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? null : round(v, digits));

/**
 * Runs the frames through the range check's test (lib/range). A video goes through the page's
 * own run (neutral, then trials); a still gives one reading, against `neutralFrames` (another
 * still of the same person at rest) when given.
 */
export function rangeOf(frames: readonly FrameResult[], test: RangeTestId, options: { still?: boolean; neutralFrames?: readonly FrameResult[] } = {}): RangeJson {
  const refusedFrames: Record<string, number> = {};
  let accepted = 0;
  for (const f of frames) {
    const why = frameRefusal(test, f.pose);
    if (!why) accepted++;
    else refusedFrames[why.code] = (refusedFrames[why.code] ?? 0) + 1;
  }
  const quality = { framesAccepted: accepted, framesRefused: refusedFrames, peopleMax: Math.max(0, ...frames.map((f) => f.pose?.peopleCount ?? 0)) };
  const mostCommon = Object.entries(refusedFrames).sort((a, b) => b[1] - a[1])[0]?.[0];
  const whyOf = (code: string | undefined) => (code ? refusalMessage(code) : 'No one was found in the file.');
  if (options.still) {
    const neutralPoses = (options.neutralFrames ?? frames).flatMap((f) => (f.pose ? [f.pose] : []));
    const neutral = neutralOf(test, neutralPoses);
    const f = frames[0];
    const reading = readFrame(test, f?.pose ?? null, neutral, f?.timestampMs ?? 0);
    return {
      test,
      neutralAtMs: null,
      measures: [],
      trials: [],
      refusedTrials: [],
      quality,
      reading: {
        valueDeg: roundOrNull(reading.valueDeg),
        refusal: reading.refusal,
        ...(reading.trunkLeanDeg !== undefined ? { trunkLeanDeg: roundOrNull(reading.trunkLeanDeg) } : {}),
        ...(reading.hipsTurnDeg !== undefined ? { hipsTurnDeg: roundOrNull(reading.hipsTurnDeg) } : {}),
      },
      why: reading.valueDeg === null ? (reading.refusal?.message ?? whyOf(mostCommon)) : null,
    };
  }
  let state = startRun(test);
  let neutralAtMs: number | null = null;
  const take = (events: readonly RunEvent[]) => {
    for (const e of events) if (e.type === 'neutral') neutralAtMs = e.atMs;
  };
  for (const f of frames) {
    const step = stepRun(state, f.pose, f.timestampMs);
    state = step.state;
    take(step.events);
  }
  const end = endRun(state, frames.at(-1)?.timestampMs ?? 0);
  state = end.state;
  take(end.events);
  const { trials, refused } = state.trials;
  const measures = MEASURES_OF_TEST[test].map((m) => {
    const r = summarizeMeasure(m, trials, refused);
    return { ...r, trialsDeg: r.trialsDeg.map((v) => round(v, 2)), medianDeg: roundOrNull(r.medianDeg), spreadDeg: roundOrNull(r.spreadDeg) };
  });
  return {
    test,
    neutralAtMs,
    measures,
    trials: trials.map((t) => ({
      ...t,
      valueDeg: round(t.valueDeg, 2),
      ...(t.trunkLeanDeg !== undefined ? { trunkLeanDeg: round(t.trunkLeanDeg, 2) } : {}),
      ...(t.hipsTurnDeg !== undefined ? { hipsTurnDeg: round(t.hipsTurnDeg, 2) } : {}),
    })),
    refusedTrials: refused.map((r) => ({ measure: r.measure, atMs: r.atMs, code: r.refusal.code, message: r.refusal.message })),
    quality,
    why: trials.length ? null : neutralAtMs === null && NEEDS_NEUTRAL[test] ? `No still start to measure from. ${whyOf(mostCommon)}` : (mode(refused.map((r) => r.refusal.message)) ?? whyOf(mostCommon)),
  };
}
