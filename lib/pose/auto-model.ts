// Automatic model choice: the most accurate model this device runs at a usable rate. Pure:
// the camera feeds it the measured frames per second, with times passed in.
//
// Starts on the model remembered for this device (or full), measures for a few seconds, steps
// down while the rate is below USABLE_FPS, and steps up when the next model up would still run
// at USABLE_FPS (its cost relative to this one from COST). A step is followed by a fresh
// measurement; a model that was stepped down from is not tried again in the same run.
//
// Never below the lowest model the page's measure allows (lowestModelFor): the lite model's
// legs are not to be trusted. On Google's own test photo (tests/pose/engines-lite-legs.test.ts)
// its shoulders, ears and hips agree with Google's reference output to 0.007 of the picture,
// but its knees, ankles and feet jump by up to a third of the picture when the photo is
// shifted by 2 pixels, decoded by another JPEG decoder or saved again: the same model file,
// the model itself unstable there (full moves up to 0.07 on the same changes, heavy 0.03). No
// build or setting of ours changes that, so hips, knees and ankles are measured on full.
import type { ModelVariant } from './types';

export const USABLE_FPS = 15;
/** Seconds of frames before a judgement (the first second after a start is left out). */
export const MEASURE_MS = 4000;
const SETTLE_MS = 1000;
const ORDER: readonly ModelVariant[] = ['lite', 'full', 'heavy'];
/** Time per frame relative to lite, from `npm run bench:pose` (both engines agree within 10 %). */
export const COST: Readonly<Record<ModelVariant, number>> = { lite: 1, full: 1.25, heavy: 3.2 };

/** Landmark names (or their endings, "near_knee") that only the full model or better may measure. */
const LEG_PARTS = ['knee', 'ankle', 'heel', 'foot_index'] as const;

/** Whether a measure reads a knee, ankle, heel or toes: any hip, knee or ankle angle does. */
export function measuresLegs(parts: readonly string[]): boolean {
  return parts.some((p) => LEG_PARTS.some((leg) => p.endsWith(leg)));
}

/**
 * The least accurate model that may take a measure: full where it reads the legs (see the top),
 * lite otherwise. `null`, a measure not known, counts as reading the legs.
 */
export function lowestModelFor(parts: readonly string[] | null): ModelVariant {
  return parts === null || measuresLegs(parts) ? 'full' : 'lite';
}

/** `model`, or `lowest` where `model` is less accurate. */
export function atLeast(model: ModelVariant, lowest: ModelVariant): ModelVariant {
  return ORDER.indexOf(model) < ORDER.indexOf(lowest) ? lowest : model;
}

/**
 * The model to run for a measure: the one chosen, raised to full where the measure reads the
 * legs. On Automatic, a measure not known counts as reading them too (the automatic choice never
 * takes lite for legs); a model the person chose in Settings (or the page address) is kept
 * unless the measure is known to read the legs.
 */
export function modelToRun(chosen: ModelVariant, options: { readonly automatic: boolean; readonly measures: readonly string[] | null }): ModelVariant {
  const lowest = options.automatic ? lowestModelFor(options.measures) : options.measures && measuresLegs(options.measures) ? 'full' : 'lite';
  return atLeast(chosen, lowest);
}

export interface AutoModelState {
  readonly model: ModelVariant;
  /** The least accurate model this measure allows (lowestModelFor): never stepped below. */
  readonly lowest: ModelVariant;
  /** When the current model started running (ms). */
  readonly sinceMs: number;
  readonly frames: number;
  /** Models that ran too slowly in this run: never stepped up to again. */
  readonly tooSlow: readonly ModelVariant[];
  /** The last measured rate of the current model, frames per second. */
  readonly fps: number | null;
  readonly reason: string;
}

export function startAutoModel(model: ModelVariant, atMs: number, lowest: ModelVariant = 'lite'): AutoModelState {
  return { model, lowest, sinceMs: atMs, frames: 0, tooSlow: [], fps: null, reason: `Measuring how fast the ${model} model runs on this device…` };
}

/** One measured frame. Returns the new state; `switchTo` is set when the model should change. */
export function stepAutoModel(s: AutoModelState, atMs: number): { state: AutoModelState; switchTo: ModelVariant | null } {
  const elapsed = atMs - s.sinceMs;
  if (elapsed < SETTLE_MS) return { state: s, switchTo: null };
  const state = { ...s, frames: s.frames + 1 };
  if (elapsed < SETTLE_MS + MEASURE_MS) return { state, switchTo: null };
  const fps = (state.frames * 1000) / (elapsed - SETTLE_MS);
  const i = ORDER.indexOf(s.model);
  const rate = `${fps.toFixed(0)} frames per second`;
  const lowest = ORDER.indexOf(s.lowest ?? 'lite');
  if (fps < USABLE_FPS && i > lowest) {
    const down = ORDER[i - 1];
    return {
      state: { model: down, lowest: s.lowest, sinceMs: atMs, frames: 0, tooSlow: [...s.tooSlow, s.model], fps: null, reason: `The ${s.model} model ran at ${rate} here (below ${USABLE_FPS}); trying the ${down} model.` },
      switchTo: down,
    };
  }
  const up = ORDER[i + 1];
  if (up && !s.tooSlow.includes(up) && fps * (COST[s.model] / COST[up]) >= USABLE_FPS * 1.1) {
    return {
      state: { model: up, lowest: s.lowest, sinceMs: atMs, frames: 0, tooSlow: s.tooSlow, fps: null, reason: `The ${s.model} model ran at ${rate} here, fast enough to try the more accurate ${up} model.` },
      switchTo: up,
    };
  }
  const reason =
    fps < USABLE_FPS
      ? i === 0
        ? `The ${s.model} model, the fastest, runs at ${rate} on this device (counting works, with less margin).`
        : `The ${s.model} model runs at ${rate} on this device (counting works, with less margin); the faster lite model does not measure hips, knees and ankles reliably, so it is not used for this.`
      : `The ${s.model} model runs at ${rate} on this device: the most accurate model at ${USABLE_FPS} frames per second or more.`;
  // Keep measuring: a device that slows down (another app, battery saver) steps down later.
  return { state: { ...state, sinceMs: atMs - SETTLE_MS, frames: 0, fps, reason }, switchTo: null };
}
