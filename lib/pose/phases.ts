// How long each part of an engine's start took, for `npm run bench:live` and DevTools: the
// worker records spans on the wall clock (epoch ms, so the page can place them on its own
// timeline) and sends them with 'ready'; worker-engine.ts turns them into `performance`
// measures named `pose:<phase>` on the page.

/** Parts of a start. `worker-start`: the worker's script loaded and running; `code`: the
 * engine's library loaded; `runtime`: the wasm fetched and compiled (tfjs: its backend started);
 * `model-files`: downloaded; `graph`: the engine made from the model (MediaPipe: instantiated and
 * its graph set up); `ready`: the moment the worker said so (the page takes it when its thread is
 * free: its `pose:engine-ready` mark); `first-run`: the first inference (on an empty picture,
 * or the first camera frame). */
export type PhaseName = 'worker-start' | 'code' | 'runtime' | 'model-files' | 'graph' | 'ready' | 'first-run';

export interface PhaseSpan {
  readonly name: PhaseName;
  /** Epoch milliseconds (performance.timeOrigin + performance.now()). */
  readonly startMs: number;
  readonly endMs: number;
}

const spans: PhaseSpan[] = [];

export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export function recordPhase(name: PhaseName, startMs: number, endMs = epochNow()): void {
  // The first of each counts: a later one (a second landmarker, a fallback) is not the start's.
  if (!spans.some((s) => s.name === name)) spans.push({ name, startMs, endMs });
}

/** Runs `work`, recording its span as `name` when it succeeds. */
export async function timed<T>(name: PhaseName, work: () => Promise<T>): Promise<T> {
  const start = epochNow();
  const out = await work();
  recordPhase(name, start);
  return out;
}

/** The spans recorded so far (and forgets them). */
export function takePhases(): PhaseSpan[] {
  return spans.splice(0);
}
