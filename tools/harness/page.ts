// Browser side of the headless runner: runs the app's own engine code on frames that the
// Node side serves as raw RGBA over the same origin.
import { createPoseEngine } from '../../lib/pose/create-pose-engine';
import { PoseEngineError, type Pose, type PoseEngine, type PoseEngineConfig } from '../../lib/pose/types';

export type HarnessConfig = Pick<PoseEngineConfig, 'kind' | 'model' | 'delegate' | 'runningMode' | 'maxPeople' | 'lookForOthers'>;
export type HarnessError = { code: string; message: string; file: string | null };
export type HarnessInit = { ok: true; initMs: number; info: PoseEngine['info'] } | { ok: false; error: HarnessError };
export type HarnessEstimate = { ok: true; pose: Pose | null; inferenceMs: number } | { ok: false; error: HarnessError };

let engine: PoseEngine | null = null;

function toError(err: unknown): HarnessError {
  if (err instanceof PoseEngineError) return { code: err.code, message: err.message, file: err.file };
  return { code: 'engine-failed', message: err instanceof Error ? err.message : String(err), file: null };
}

const harness = {
  async init(config: HarnessConfig): Promise<HarnessInit> {
    engine?.dispose();
    engine = null;
    const t0 = performance.now();
    try {
      engine = await createPoseEngine(config as PoseEngineConfig);
      return { ok: true, initMs: performance.now() - t0, info: engine.info };
    } catch (err) {
      return { ok: false, error: toError(err) };
    }
  },
  async estimate(frameUrl: string, width: number, height: number, timestampMs: number): Promise<HarnessEstimate> {
    try {
      if (!engine) throw new Error('init() first');
      const pixels = new Uint8ClampedArray(await (await fetch(frameUrl)).arrayBuffer());
      const image = new ImageData(pixels, width, height);
      const t0 = performance.now();
      const pose = await engine.estimate(image, timestampMs);
      return { ok: true, pose, inferenceMs: performance.now() - t0 };
    } catch (err) {
      return { ok: false, error: toError(err) };
    }
  },
  /** Estimates on an encoded image (JPEG, PNG...) decoded by the browser itself. */
  async estimateEncoded(fileUrl: string, timestampMs: number): Promise<HarnessEstimate> {
    try {
      if (!engine) throw new Error('init() first');
      const bitmap = await createImageBitmap(await (await fetch(fileUrl)).blob());
      const t0 = performance.now();
      const pose = await engine.estimate(bitmap, timestampMs);
      bitmap.close();
      return { ok: true, pose, inferenceMs: performance.now() - t0 };
    } catch (err) {
      return { ok: false, error: toError(err) };
    }
  },
  async reset(): Promise<void> {
    await engine?.reset();
  },
};

(globalThis as unknown as { poseHarness: typeof harness }).poseHarness = harness;
