import { PoseLandmarker, type PoseLandmarkerResult } from '@mediapipe/tasks-vision';
import type { ResolvedConfig } from '../config';
import { timed } from '../phases';
import type { RuntimeAddresses } from '../runtime-files';
import { mediapipeRuntime, withCompiledWasm } from './wasm-module';
import { frameSize, isRgbaFrame } from '../frame';
import { mainPersonIndex } from '../main-person';
import { createSecondLook, SECOND_LOOK_MIN_PRESENCE, cropRgba, distinctPeople, findEveryone, fromCrop, hideMask, MAX_PEOPLE, paintHidden, seenEnough, type PeopleFinder } from '../second-look';
import {
  PoseEngineError,
  type Delegate,
  type EngineInfo,
  type Pose,
  type PoseEngine,
  type PoseFrame,
} from '../types';

const MIN_CONFIDENCE = 0.5;

function absoluteUrl(base: string): string {
  const origin = (globalThis as { location?: { href: string } }).location?.href;
  return origin ? new URL(base, origin).href.replace(/\/$/, '') : base.replace(/\/$/, '');
}

/** WebGL2 must exist even for the CPU delegate: MediaPipe converts frames on the GPU context. */
function assertWebGl2(): void {
  let ok = false;
  try {
    if (typeof OffscreenCanvas !== 'undefined') {
      ok = new OffscreenCanvas(1, 1).getContext('webgl2') !== null;
    } else if (typeof document !== 'undefined') {
      ok = document.createElement('canvas').getContext('webgl2') !== null;
    }
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new PoseEngineError(
      'webgl2-unavailable',
      'This browser has no WebGL2, which the MediaPipe engine needs. Turn on hardware acceleration in the browser settings, or pick the TensorFlow.js engine.',
    );
  }
}

/** A .task is a zip (local header "PK\x03\x04") holding both model entries. */
function assertTaskBundle(bytes: Uint8Array, file: string): void {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip || !text.includes('pose_detector.tflite')) {
    throw new PoseEngineError('model-corrupt', `The model file ${file} is not a pose landmarker bundle (damaged or wrong file). Reinstall to rebuild it.`, file);
  }
}

async function assertRuntimePresent(url: string): Promise<void> {
  let ok = false;
  try {
    ok = (await fetch(url, { method: 'HEAD' })).ok;
  } catch {
    ok = false;
  }
  if (!ok) throw new PoseEngineError('runtime-missing', `The pose runtime file ${url} could not be loaded.`, url);
}

export async function createMediapipeEngine(
  config: ResolvedConfig,
  modelBytes: Uint8Array,
  modelFile: string,
  wasmBase: string,
  addresses: RuntimeAddresses,
): Promise<PoseEngine> {
  assertWebGl2();
  assertTaskBundle(modelBytes, modelFile);
  const { fileset, module: compiling } = mediapipeRuntime(wasmBase, addresses);
  const module = await compiling;

  const create = (delegate: Delegate) =>
    withCompiledWasm(module, () =>
      PoseLandmarker.createFromOptions(fileset, {
        // MediaPipe keeps a reference; give it its own copy so callers may reuse theirs.
        baseOptions: { modelAssetBuffer: modelBytes.slice(), delegate },
        runningMode: config.runningMode,
        numPoses: config.maxPeople,
        minPoseDetectionConfidence: MIN_CONFIDENCE,
        minPosePresenceConfidence: MIN_CONFIDENCE,
        minTrackingConfidence: MIN_CONFIDENCE,
        outputSegmentationMasks: false,
      }),
    );
  /** A landmarker that would not start: the runtime's loader missing, or the model. */
  const startError = async (err: unknown) => {
    await assertRuntimePresent(fileset.wasmLoaderPath);
    return modelError(err, modelFile);
  };

  let landmarker: PoseLandmarker;
  let delegate: Delegate = config.delegate;
  let fallbackReason: string | null = null;
  try {
    landmarker = await timed('graph', () => create(delegate));
  } catch (err) {
    if (delegate !== 'GPU') throw await startError(err);
    fallbackReason = `GPU delegate failed to start (${(err as Error).message}); using CPU.`;
    delegate = 'CPU';
    try {
      landmarker = await timed('graph', () => create(delegate));
    } catch (cpuErr) {
      throw await startError(cpuErr);
    }
  }
  const info: EngineInfo = { kind: 'mediapipe', model: config.model, delegate, runningMode: config.runningMode, fallbackReason };
  // The second look (second-look.ts) runs stills on parts of the picture: its own IMAGE-mode
  // landmarker, made when first needed, so the video's tracking is never disturbed.
  const finalDelegate = delegate;
  const imageLandmarker = () =>
    withCompiledWasm(module, () =>
      PoseLandmarker.createFromOptions(fileset, {
        baseOptions: { modelAssetBuffer: modelBytes.slice(), delegate: finalDelegate },
        runningMode: 'IMAGE',
        // Several at once: the whole picture is searched too, everyone found so far painted over.
        numPoses: MAX_PEOPLE,
        minPoseDetectionConfidence: MIN_CONFIDENCE,
        // Gym machines, drawn figures and a model spacecraft get found too, with a lower presence
        // score than a person, so only a confident find counts (as in the tfjs engine).
        minPosePresenceConfidence: SECOND_LOOK_MIN_PRESENCE,
        minTrackingConfidence: MIN_CONFIDENCE,
        outputSegmentationMasks: false,
      }),
    );
  return new MediapipeEngine(landmarker, info, imageLandmarker, config.lookForOthers);
}

function modelError(err: unknown, file: string): PoseEngineError {
  if (err instanceof PoseEngineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new PoseEngineError('model-corrupt', `The model file ${file} could not be loaded: ${message}`, file);
}

/** An empty picture of the camera's size, for warmUp. */
const WARM_UP_SIZE = { width: 640, height: 480 };

class MediapipeEngine implements PoseEngine {
  private lastTimestampMs = -Infinity;
  /** MediaPipe keeps timestamps in 32 bits of milliseconds: count from the first frame. */
  private originMs: number | null = null;
  /**
   * Where the current video starts on the graph's clock. The graph's clock never goes back,
   * even across a reset (the task remembers its last timestamp): a new video carries on after
   * the last one.
   */
  private baseMs = 0;
  private disposed = false;
  /** A camera frame went through the video graph since it was made or last reset (warmUp's empty picture does not count). */
  private tracked = false;
  private looker: Promise<PoseLandmarker> | null = null;
  private readonly secondLook;
  private frame: PoseFrame | null = null;

  constructor(
    private readonly landmarker: PoseLandmarker,
    readonly info: EngineInfo,
    private readonly makeImageLandmarker: () => Promise<PoseLandmarker>,
    lookForOthers: boolean,
  ) {
    this.secondLook = createSecondLook((pose) => this.search(pose), lookForOthers);
  }

  /** How many people are in the current frame, by the second look. */
  private async search(pose: Pose): Promise<number> {
    const frame = this.frame;
    if (!frame) return 0;
    this.looker ??= this.makeImageLandmarker();
    const looker = await this.looker;
    const pixels = rgbaOf(frame, pose.imageWidth, pose.imageHeight);
    if (!pixels || this.disposed) return 0;
    const W = pose.imageWidth;
    const H = pose.imageHeight;
    const finder: PeopleFinder = {
      find: async (rect, hide) => {
        if (this.disposed) return [];
        const r = rect ?? { x: 0, y: 0, width: W, height: H };
        try {
          const crop = cropRgba(pixels, r);
          const at = { x: Math.max(0, Math.round(r.x)), y: Math.max(0, Math.round(r.y)), width: crop.width, height: crop.height };
          paintHidden(crop.data, hideMask(at, W, H, hide));
          const result = looker.detect(new ImageData(crop.data, crop.width, crop.height));
          return (result.landmarks ?? []).map((lms) => fromCrop(lms, at, crop.width, crop.height, W, H)).filter(seenEnough);
        } catch {
          // A failed second look finds nobody; the main result stands.
          return [];
        }
      },
    };
    // The landmarker's own second person is left out: where two people overlap, its landmarks
    // can mix the two, and such a pose, painted over, would hide the real one. The look finds
    // everyone itself; the count is the larger of its answer and the landmarker's.
    return (await findEveryone(finder, pose)).length;
  }

  async estimate(frame: PoseFrame, timestampMs: number): Promise<Pose | null> {
    if (this.disposed) throw new PoseEngineError('engine-failed', 'estimate() called after dispose().');
    const { width, height } = frameSize(frame);
    const source = isRgbaFrame(frame) && !(frame instanceof ImageData)
      ? new ImageData(new Uint8ClampedArray(frame.data), frame.width, frame.height)
      : (frame as TexImageSource);
    let result: PoseLandmarkerResult;
    if (this.info.runningMode === 'VIDEO') {
      // MediaPipe requires strictly increasing timestamps within one graph run.
      this.originMs ??= timestampMs;
      const relative = this.baseMs + (timestampMs - this.originMs);
      const ts = relative > this.lastTimestampMs ? relative : this.lastTimestampMs + 1;
      this.lastTimestampMs = ts;
      this.tracked = true;
      result = this.landmarker.detectForVideo(source, ts);
    } else {
      result = this.landmarker.detect(source);
    }
    this.frame = frame;
    const pose = toPose(result, width, height, timestampMs);
    try {
      return await this.secondLook.apply(pose, timestampMs, this.info.runningMode === 'IMAGE');
    } finally {
      this.frame = null;
    }
  }

  async warmUp(): Promise<void> {
    const blank = new ImageData(WARM_UP_SIZE.width, WARM_UP_SIZE.height);
    if (this.info.runningMode === 'VIDEO') {
      this.landmarker.detectForVideo(blank, 0);
      // The next frame starts the video's own clock, after this one.
      this.lastTimestampMs = 0;
      this.baseMs = 1;
      this.originMs = null;
    } else this.landmarker.detect(blank);
  }

  setLookForOthers(on: boolean): void {
    this.secondLook.setEnabled(on);
  }

  async reset(): Promise<void> {
    // Re-applying options rebuilds the graph, which drops tracking and smoothing state. A graph
    // that has seen no camera frame has none to drop: a page borrowing a fresh engine resets it
    // (lib/camera/engine-host.ts), and a rebuild then would only hold up its first frame.
    if (this.tracked) await this.landmarker.setOptions({ runningMode: this.info.runningMode });
    this.tracked = false;
    this.baseMs = Number.isFinite(this.lastTimestampMs) ? this.lastTimestampMs + 1 : 0;
    this.originMs = null;
    this.secondLook.reset();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.landmarker.close();
    void this.looker?.then((l) => l.close()).catch(() => {});
  }
}

function toPose(result: PoseLandmarkerResult, width: number, height: number, timestampMs: number): Pose | null {
  if (!result.landmarks || result.landmarks.length === 0) return null;
  const people = result.landmarks.map((lms) => lms.map((l) => ({ x: l.x, y: l.y, z: l.z, visibility: l.visibility ?? 0 })));
  const main = people.length === 1 ? 0 : mainPersonIndex(people, width, height);
  const world = result.worldLandmarks?.[main];
  return {
    landmarks: people[main],
    worldLandmarks: world ? world.map((l) => ({ xM: l.x, yM: l.y, zM: l.z, visibility: l.visibility ?? 0 })) : null,
    imageWidth: width,
    imageHeight: height,
    peopleCount: distinctPeople(people[main], people, width, height),
    timestampMs,
  };
}

/** The frame's pixels as RGBA (drawn once on a canvas where it is not RGBA already). */
function rgbaOf(frame: PoseFrame, width: number, height: number): { data: Uint8ClampedArray; width: number; height: number } | null {
  if (isRgbaFrame(frame)) return frame;
  if (typeof OffscreenCanvas === 'undefined') return null;
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(frame as CanvasImageSource, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}
