import * as tf from '@tensorflow/tfjs-core';
import type { io } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The BlazePose tfjs runtime alone: the package's index also pulls in its MediaPipe and
// WebGPU runtimes, which this engine never uses.
import { load as loadBlazePose } from '@tensorflow-models/pose-detection/dist/blazepose_tfjs/detector';
import type { ResolvedConfig } from '../config';
import { frameSize, isRgbaFrame } from '../frame';
import { atHipsOf, createSecondLook, MIN_PERSON_SHARE, SECOND_LOOK_MIN_PRESENCE, findEveryone, fromCrop, HIDDEN_GREY, hideMask, MAX_PEOPLE, seenEnough, type PeopleFinder } from '../second-look';
import { LANDMARK_COUNT, MIN_VISIBILITY } from '../landmarks';
import { epochNow, recordPhase, timed } from '../phases';
import type { RuntimeAddresses } from '../runtime-files';
import { PoseEngineError, type EngineInfo, type Pose, type PoseEngine, type PoseFrame } from '../types';

type Detector = Awaited<ReturnType<typeof loadBlazePose>>;

/** The second look pads each side by this share of the picture's width and height. */
const SECOND_LOOK_MARGIN = 0.25;

const isTensor3D = (v: unknown): v is tf.Tensor3D => v instanceof tf.Tensor;
type DetectorInput = Parameters<Detector['estimatePoses']>[0];

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  signature?: object;
  userDefinedMetadata?: Record<string, unknown>;
}

/** Turns a graph model's JSON plus its weight files into an in-memory IO handler. */
export function graphModelFromFiles(
  jsonFile: string,
  files: ReadonlyMap<string, Uint8Array>,
  modelBase = '',
): io.IOHandler {
  const dir = jsonFile.includes('/') ? jsonFile.slice(0, jsonFile.lastIndexOf('/') + 1) : '';
  let json: ModelJson;
  try {
    json = JSON.parse(new TextDecoder().decode(files.get(jsonFile))) as ModelJson;
    if (!json.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error('not a graph model');
  } catch (err) {
    throw new PoseEngineError('model-corrupt', `The model file ${modelBase + jsonFile} is damaged: ${(err as Error).message}.`, modelBase + jsonFile);
  }
  const parts: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const bytes = files.get(dir + p);
      if (!bytes) throw new PoseEngineError('model-missing', `The model file ${modelBase + dir + p} is missing.`, modelBase + dir + p);
      parts.push(bytes);
    }
  }
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  const expectedBytes = weightSpecs.reduce((n, w) => {
    const count = w.shape.reduce((a, b) => a * b, 1);
    const perValue = w.quantization ? (w.quantization.dtype === 'uint8' ? 1 : 2) : 4;
    return n + count * perValue;
  }, 0);
  const weightData = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    weightData.set(p, offset);
    offset += p.length;
  }
  if (weightData.length !== expectedBytes) {
    const file = modelBase + dir + json.weightsManifest[json.weightsManifest.length - 1].paths.at(-1);
    throw new PoseEngineError('model-corrupt', `The model file ${file} is damaged: ${weightData.length} bytes of weights, expected ${expectedBytes}.`, file);
  }
  return tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData: weightData.buffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
  });
}

let backendReady: Promise<void> | null = null;

/** The backend's three builds: it picks one (SIMD, threads) itself. */
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

/** Starts the WebAssembly runtime (once); createTfjsEngine does it too. `addresses`: the wasm files' versioned addresses (runtime-files.ts). */
export function startTfjsRuntime(wasmBase: string | undefined, addresses?: RuntimeAddresses): Promise<void> {
  return initBackend(wasmBase, addresses);
}

function initBackend(wasmBase: string | undefined, addresses?: RuntimeAddresses): Promise<void> {
  backendReady ??= (async () => {
    const start = epochNow();
    if (wasmBase) {
      const base = wasmBase.replace(/\/?$/, '/');
      // Each file at its versioned address, so a reload compiles nothing (runtime-files.ts).
      const versioned = addresses && addresses.versions.size > 0;
      setWasmPaths(versioned ? Object.fromEntries(WASM_FILES.map((f) => [f, addresses.at(base + f)])) : base);
    }
    const ok = await tf.setBackend('wasm');
    if (!ok) throw new Error('the WebAssembly backend did not start');
    await tf.ready();
    recordPhase('runtime', start);
  })().catch((err: unknown) => {
    backendReady = null;
    throw new PoseEngineError('runtime-missing', `The TensorFlow.js WebAssembly runtime could not start: ${(err as Error).message}`, wasmBase ?? null);
  });
  return backendReady;
}

export async function createTfjsEngine(
  config: ResolvedConfig,
  files: ReadonlyMap<string, Uint8Array>,
  wasmBase: string | undefined,
  modelBase = '',
  addresses?: RuntimeAddresses,
): Promise<PoseEngine> {
  await initBackend(wasmBase, addresses);
  const detectorJson = 'tfjs/blazepose-detector.json';
  const landmarkJson = `tfjs/blazepose-${config.model}.json`;
  const load = (enableSmoothing: boolean) =>
    loadBlazePose({
      runtime: 'tfjs',
      modelType: config.model,
      enableSmoothing,
      enableSegmentation: false,
      detectorModelUrl: graphModelFromFiles(detectorJson, files, modelBase),
      landmarkModelUrl: graphModelFromFiles(landmarkJson, files, modelBase),
    });
  let detector: Detector;
  try {
    detector = await timed('graph', () => load(config.runningMode === 'VIDEO'));
  } catch (err) {
    if (err instanceof PoseEngineError) throw err;
    throw new PoseEngineError('model-corrupt', `The model files ${modelBase + detectorJson} and ${modelBase + landmarkJson} could not be loaded: ${(err as Error).message}`, modelBase + landmarkJson);
  }
  const info: EngineInfo = { kind: 'tfjs', model: config.model, delegate: 'CPU', runningMode: config.runningMode, fallbackReason: null };
  // The second look (second-look.ts) uses its own detector on stills, so the video's tracking
  // and smoothing are left alone; made when first needed.
  return new TfjsEngine(detector, info, () => load(false), config.lookForOthers);
}

type Found = Awaited<ReturnType<Detector['estimatePoses']>>[number];

/** Whether a find's seen landmarks span at least MIN_PERSON_SHARE of the picture's larger side (`margin`: the picture was padded by it). */
function personSized(pose: Found, width: number, height: number, margin = { x: 0, y: 0 }): boolean {
  const seen = pose.keypoints.filter((k) => (k.score ?? 0) >= MIN_VISIBILITY);
  if (seen.length < 2) return false;
  const xs = seen.map((k) => k.x - margin.x);
  const ys = seen.map((k) => k.y - margin.y);
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) >= MIN_PERSON_SHARE * Math.max(width, height);
}

/** A confident, person-sized find (as the second look asks of anyone it counts). */
function plausible(pose: Found, width: number, height: number, margin = { x: 0, y: 0 }): boolean {
  return (pose.score ?? 0) >= SECOND_LOOK_MIN_PRESENCE && personSized(pose, width, height, margin);
}

interface FoundPerson {
  /** Normalized to the searched picture. */
  readonly landmarks: { x: number; y: number; z?: number; visibility: number }[];
  readonly score: number;
}

/** The one person pose-detection's public API returns for a picture. */
async function onePerson(detector: Detector, image: tf.Tensor3D): Promise<FoundPerson[]> {
  detector.reset();
  const [found] = await detector.estimatePoses(image, { maxPoses: 1, flipHorizontal: false });
  if (!found) return [];
  const [h, w] = image.shape;
  return [{ landmarks: found.keypoints.map((k) => ({ x: k.x / w, y: k.y / h, visibility: k.score ?? 0 })), score: found.score ?? 0 }];
}

/** The parts of pose-detection 2.1.3's BlazePose detector (a pinned version) that run one step of its pipeline. */
interface BlazePoseSteps {
  maxPoses: number;
  detectPose(image: tf.Tensor3D): Promise<unknown[]>;
  poseDetectionToRoi(detection: unknown, size: { width: number; height: number }): unknown;
  poseLandmarksByRoi(roi: unknown, image: tf.Tensor3D): Promise<{ landmarks: { x: number; y: number; z?: number; score?: number }[]; poseScore: number } | null>;
}

/**
 * Several people a run, as MediaPipe's numPoses does: pose-detection's estimatePoses takes only
 * its detector's first find (its multi-pose "is not implemented yet"), but its own steps handle
 * any: every find of the detector, on the picture as it is and with the people already found
 * painted over, becomes a region whose landmarks are read on the painted picture (so the region
 * shows the new person, not the one already found beside them). Null
 * where the steps are not there (another version): the public API then finds one person a run.
 */
function blazePoseInternals(detector: Detector): { people(plain: tf.Tensor3D, painted: tf.Tensor3D, known: (x: number, y: number) => boolean, alsoPlain: boolean): Promise<FoundPerson[]> } | null {
  const steps = detector as unknown as BlazePoseSteps;
  if (typeof steps.detectPose !== 'function' || typeof steps.poseDetectionToRoi !== 'function' || typeof steps.poseLandmarksByRoi !== 'function') return null;
  return {
    async people(plain, painted, known, alsoPlain) {
      const [h, w] = painted.shape;
      steps.maxPoses = MAX_PEOPLE;
      // Where the detector guesses someone: on the painted picture (whoever is left) and, for the
      // whole picture, on the picture as it is (the paint can cover enough of someone beside a
      // person painted over to hide them from the detector, though not from the landmarks read in
      // their region; a part beside the main person has little paint in it).
      const detections = [...(await steps.detectPose(painted)), ...(plain === painted || !alsoPlain ? [] : await steps.detectPose(plain))];
      const found: FoundPerson[] = [];
      for (const d of detections) {
        // A guess centred on the hips of someone already found is them again: not read (it costs
        // a landmark run, and would read their ghost).
        const hips = (d as { locationData?: { relativeKeypoints?: { x: number; y: number }[] } }).locationData?.relativeKeypoints?.[0];
        if (hips && known(hips.x, hips.y)) continue;
        const result = await steps.poseLandmarksByRoi(steps.poseDetectionToRoi(d, { width: w, height: h }), painted);
        if (result) found.push({ landmarks: result.landmarks.slice(0, LANDMARK_COUNT).map((l) => ({ x: l.x, y: l.y, z: l.z, visibility: l.score ?? 0 })), score: result.poseScore });
      }
      return found;
    },
  };
}

class TfjsEngine implements PoseEngine {
  private disposed = false;
  private looker: Promise<Detector> | null = null;
  private readonly secondLook;
  /** The current frame as an RGB tensor, while the second look may need it. */
  private pixels: (() => tf.Tensor3D) | null = null;

  constructor(
    private readonly detector: Detector,
    readonly info: EngineInfo,
    private readonly makeLooker: () => Promise<Detector>,
    lookForOthers: boolean,
  ) {
    this.secondLook = createSecondLook((pose) => this.search(pose), lookForOthers);
  }

  /** Everyone in the current frame: the main person and the second look's finds. */
  private async search(pose: Pose): Promise<number> {
    const pixels = this.pixels;
    if (!pixels) return 0;
    this.looker ??= this.makeLooker();
    const looker = await this.looker;
    const W = pose.imageWidth;
    const H = pose.imageHeight;
    const all = pixels();
    const multi = blazePoseInternals(looker);
    const finder: PeopleFinder = {
      find: async (rect, hide) => {
        if (this.disposed) return [];
        const r = rect ?? { x: 0, y: 0, width: W, height: H };
        const at = { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
        const mask = hideMask(at, W, H, hide);
        const plain = tf.tidy(() => tf.cast(tf.slice(all, [at.y, at.x, 0], [at.height, at.width, 3]), 'float32') as tf.Tensor3D);
        const crop = !mask.includes(1)
          ? plain
          : tf.tidy(() => tf.where(tf.tensor3d(mask, [at.height, at.width, 1], 'bool'), tf.fill([at.height, at.width, 3], HIDDEN_GREY, 'float32'), plain) as tf.Tensor3D);
        try {
          const known = (x: number, y: number) => atHipsOf(at.x + x * at.width, at.y + y * at.height, hide, W, H);
          const people = multi ? await multi.people(plain, crop, known, rect === null) : await onePerson(looker, crop);
          // Gym machines and drawn figures get found too, with a lower presence score than a person
          // (0.73-0.83 against 0.999 in the fixtures), so only a confident find counts.
          return people
            .filter((p) => p.score >= SECOND_LOOK_MIN_PRESENCE)
            .map((p) => fromCrop(p.landmarks, at, at.width, at.height, W, H))
            .filter(seenEnough);
        } catch {
          // A failed second look finds nobody; the main result stands.
          return [];
        } finally {
          plain.dispose();
          if (crop !== plain) crop.dispose();
        }
      },
    };
    try {
      return (await findEveryone(finder, pose)).length;
    } finally {
      all.dispose();
    }
  }

  async estimate(frame: PoseFrame, timestampMs: number): Promise<Pose | null> {
    if (this.disposed) throw new PoseEngineError('engine-failed', 'estimate() called after dispose().');
    const { width, height } = frameSize(frame);
    const video = this.info.runningMode === 'VIDEO';
    // Without a reset the detector tracks the previous frame's region even for stills.
    if (!video) this.detector.reset();
    let tensor: tf.Tensor3D | null = null;
    let input: DetectorInput;
    if (isRgbaFrame(frame) && typeof ImageData === 'undefined') {
      // Outside a browser: RGBA bytes to an RGB tensor.
      tensor = tf.tidy(() =>
        tf.slice(tf.tensor3d(new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), [frame.height, frame.width, 4], 'int32'), [0, 0, 0], [-1, -1, 3]),
      );
      input = tensor as DetectorInput;
    } else if (isRgbaFrame(frame) && !(frame instanceof ImageData)) {
      input = new ImageData(new Uint8ClampedArray(frame.data), frame.width, frame.height) as DetectorInput;
    } else {
      input = frame as DetectorInput;
    }
    let padded: tf.Tensor3D | null = null;
    try {
      let poses = await this.detector.estimatePoses(input, { maxPoses: 1, flipHorizontal: false }, video ? timestampMs : undefined);
      // A second look, with a margin round the picture: this detector misses a body that
      // reaches the picture's edges (a plank filling a wide frame), which MediaPipe's finds. On
      // a still it also takes such a body for a small crumpled pose (a push-up's bottom: 100 by
      // 60 pixels of a 620 by 344 picture, read as facing the camera); a pose that is not a
      // confident, person-sized find is looked at again too, and the better of the two kept.
      let margin = { x: 0, y: 0 };
      const doubtful = !video && poses.length > 0 && !plausible(poses[0], width, height);
      if (!poses.length || doubtful) {
        const m = { x: Math.round(width * SECOND_LOOK_MARGIN), y: Math.round(height * SECOND_LOOK_MARGIN) };
        padded = tf.tidy(() => {
          const pixels = (tensor ?? (isTensor3D(input) ? input : tf.browser.fromPixels(input as Exclude<DetectorInput, tf.Tensor3D>))) as tf.Tensor3D;
          return tf.pad(pixels, [[m.y, m.y], [m.x, m.x], [0, 0]], 127);
        });
        this.detector.reset();
        const again = await this.detector.estimatePoses(padded, { maxPoses: 1, flipHorizontal: false });
        // Its tracking state is in the padded picture's coordinates: the next frame starts afresh.
        this.detector.reset();
        const better = again[0] && (!poses.length || plausible(again[0], width, height, m) || (again[0].score ?? 0) > (poses[0].score ?? 0));
        if (better) {
          poses = again;
          margin = m;
        } else if (doubtful && !personSized(poses[0], width, height)) {
          // Too small to be the person in front of the camera, seen no better with a margin: nobody.
          poses = [];
        }
        if (!better) {
          padded.dispose();
          padded = null;
        }
      }
      const pose = poses[0];
      if (!pose) return this.secondLook.apply(null, timestampMs, !video);
      // pose-detection scales z by the image width, as it does x. When its landmark smoothing
      // runs (VIDEO mode), 2.1.3 scales z once more: keypointsToNormalizedKeypoints divides
      // the input's z instead of the copy it returns.
      const zScale = padded ? width + 2 * margin.x : video ? width * width : width;
      const found: Pose = {
        landmarks: pose.keypoints.map((k) => ({
          x: (k.x - margin.x) / width,
          y: (k.y - margin.y) / height,
          z: (k.z ?? 0) / zScale,
          visibility: k.score ?? 0,
        })),
        // No depth, no world landmarks (a view read from world landmarks without depth is "front").
        worldLandmarks: pose.keypoints3D?.every((k) => typeof k.z === 'number')
          ? pose.keypoints3D.map((k) => ({ xM: k.x, yM: k.y, zM: k.z!, visibility: k.score ?? 0 }))
          : null,
        imageWidth: width,
        imageHeight: height,
        peopleCount: poses.length,
        timestampMs,
      };
      this.pixels = () => (tensor ? tensor.clone() : isTensor3D(input) ? input.clone() : tf.browser.fromPixels(input as Exclude<DetectorInput, tf.Tensor3D>));
      return await this.secondLook.apply(found, timestampMs, !video);
    } finally {
      this.pixels = null;
      tensor?.dispose();
      padded?.dispose();
    }
  }

  async warmUp(): Promise<void> {
    await this.estimate({ data: new Uint8ClampedArray(640 * 480 * 4), width: 640, height: 480 }, 0);
    await this.reset();
  }

  setLookForOthers(on: boolean): void {
    this.secondLook.setEnabled(on);
  }

  async reset(): Promise<void> {
    this.detector.reset();
    this.secondLook.reset();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.detector.dispose();
    void this.looker?.then((l) => l.dispose()).catch(() => {});
  }
}
