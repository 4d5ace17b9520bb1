// The engine's frames of a fixture for the gate tests, which replay the app's own gate and
// counter on them many times over (every threshold moved, every view rule) without running the
// model again: the full model in Chromium, as the app runs it, from the cache every real-model test
// shares (engine-frames.ts, .cache/engine-frames; how it is keyed and invalidated is there).
import type { EngineKind } from '../../lib/pose/types';
import type { FrameResult } from '../../tools/analyze/analyze';
import { closeEngineFrames, engineFrames } from './engine-frames';

export { ENGINES } from './engine-frames';

/** Closes the browser if one was started (call from afterAll). */
export const closeGateBrowser = closeEngineFrames;

/**
 * The frames of fixture `rel` (or an absolute path) through `engine` (full model).
 * `lookForOthers`: the snapshot's second look for other people (stills in the snapshot page).
 */
export function gateFrames(engine: EngineKind, rel: string, options: { lookForOthers?: boolean } = {}): Promise<FrameResult[]> {
  return engineFrames(rel, { engine, lookForOthers: options.lookForOthers ?? false });
}
