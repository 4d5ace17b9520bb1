// The pose engine outlives the page that started it. Starting one costs seconds (runtime,
// model, the first run's set-up), so moving between the app's pages keeps it loaded and warmed:
// the next camera page measures its first frame at once, and a page that leads to the camera
// (Today) can load it while the person reads. One engine is kept; pages borrow it one at a time
// (a second borrower at the same moment gets its own); one nobody borrowed for IDLE_CLOSE_MS
// is closed, as is one that failed.
import type { EngineKind, ModelVariant } from '../pose/types';
import { createWorkerPoseEngine, type WorkerPoseEngine } from '../pose/worker/worker-engine';

/** An engine left unused this long is closed (its memory given back). */
export const IDLE_CLOSE_MS = 10 * 60_000;

export interface EngineRequest {
  readonly kind: EngineKind;
  readonly model: ModelVariant;
  /** Search beside the main person for others (pages that refuse a crowd). */
  readonly lookForOthers: boolean;
  /** Model download progress, 0..1, while it loads. */
  readonly onProgress?: (fraction: number) => void;
}

interface Kept {
  readonly key: string;
  readonly promise: Promise<WorkerPoseEngine>;
  engine: WorkerPoseEngine | null;
  borrowed: boolean;
  idleTimer: ReturnType<typeof setTimeout> | null;
  readonly listeners: Set<(fraction: number) => void>;
}

let kept: Kept | null = null;
/** Engines started in this page's lifetime (for benchmarks and soak runs). */
let starts = 0;

const keyOf = (kind: EngineKind, model: ModelVariant) => `${kind}:${model}`;

function close(entry: Kept): void {
  if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
  entry.idleTimer = null;
  if (kept === entry) kept = null;
  void entry.promise.then((e) => e.dispose()).catch(() => {});
}

function load(kind: EngineKind, model: ModelVariant, listeners: Set<(fraction: number) => void>): Promise<WorkerPoseEngine> {
  return createWorkerPoseEngine({ kind, model, lookForOthers: false, onProgress: (fraction) => listeners.forEach((l) => l(fraction)) }).then((engine) => {
    starts++;
    return engine;
  });
}

/** The kept entry for `kind`/`model`, started if needed; null when another page holds a different one. */
function entryFor(kind: EngineKind, model: ModelVariant): Kept | null {
  const key = keyOf(kind, model);
  if (kept && kept.key !== key) {
    if (kept.borrowed) return null;
    close(kept);
  }
  if (kept) return kept;
  const listeners = new Set<(fraction: number) => void>();
  const promise = load(kind, model, listeners);
  const entry: Kept = { key, promise, engine: null, borrowed: false, idleTimer: null, listeners };
  kept = entry;
  promise.then(
    (e) => {
      entry.engine = e;
      rememberLoaded(kind, model);
      if (!entry.borrowed && kept === entry) idle(entry);
    },
    () => {
      if (kept === entry) kept = null;
    },
  );
  return entry;
}

function idle(entry: Kept): void {
  if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
  entry.idleTimer = setTimeout(() => close(entry), IDLE_CLOSE_MS);
}

/** The kept engine for `kind`/`model`, loaded if needed and lent to the caller until `returnEngine`. */
export async function borrowEngine(request: EngineRequest): Promise<WorkerPoseEngine> {
  const entry = entryFor(request.kind, request.model);
  if (!entry || entry.borrowed) {
    // Another page holds the kept engine right now: this one gets its own, not kept.
    const engine = await load(request.kind, request.model, new Set(request.onProgress ? [request.onProgress] : []));
    engine.setLookForOthers?.(request.lookForOthers);
    return engine;
  }
  entry.borrowed = true;
  if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
  entry.idleTimer = null;
  const progress = request.onProgress;
  if (progress) entry.listeners.add(progress);
  try {
    const engine = await entry.promise;
    // A fresh start for this page: no tracking carried over from the last one.
    await engine.reset().catch(() => {});
    engine.setLookForOthers?.(request.lookForOthers);
    return engine;
  } catch (err) {
    entry.borrowed = false;
    throw err;
  } finally {
    if (progress) entry.listeners.delete(progress);
  }
}

/**
 * Gives a borrowed engine back: kept for the next page (closed after IDLE_CLOSE_MS unused),
 * or closed at once when `broken` or when it is not the kept one.
 */
export function returnEngine(engine: WorkerPoseEngine, { broken = false } = {}): void {
  const entry = kept;
  if (!entry || entry.engine !== engine) {
    engine.dispose();
    return;
  }
  entry.borrowed = false;
  if (broken) return close(entry);
  idle(entry);
}

/**
 * Loads the engine for `kind`/`model` ahead of a camera page (kept, not lent). Resolves when it
 * is ready (false if it failed or another page holds the kept engine).
 */
export async function preloadEngine(kind: EngineKind, model: ModelVariant): Promise<boolean> {
  const entry = entryFor(kind, model);
  if (!entry) return false;
  try {
    await entry.promise;
    return true;
  } catch {
    return false;
  }
}

const LOADED_KEY = 'posture.engineLoaded';

/**
 * This browser has loaded `kind`/`model` before: its runtime and model are then most likely in
 * the HTTP cache with the runtime's compiled code, so starting it at once costs the page little
 * (a first visit waits for the page to settle instead: components/camera/when-settled.ts).
 */
export function loadedBefore(kind: EngineKind, model: ModelVariant): boolean {
  try {
    return (window.localStorage.getItem(LOADED_KEY) ?? '').split(' ').includes(keyOf(kind, model));
  } catch {
    return false;
  }
}

function rememberLoaded(kind: EngineKind, model: ModelVariant): void {
  try {
    const keys = new Set((window.localStorage.getItem(LOADED_KEY) ?? '').split(' ').filter((k) => /^\w+:\w+$/.test(k)));
    keys.add(keyOf(kind, model));
    window.localStorage.setItem(LOADED_KEY, [...keys].slice(-6).join(' '));
  } catch {
    // Storage unavailable (private mode, full): the next visit waits for the page to settle.
  }
}

/** The kept engine's kind and model, if one is kept and loaded. */
export function keptEngine(): { kind: EngineKind; model: ModelVariant; ready: boolean } | null {
  if (!kept) return null;
  const [kind, model] = kept.key.split(':') as [EngineKind, ModelVariant];
  return { kind, model, ready: kept.engine !== null };
}

export function engineStarts(): number {
  return starts;
}

/** For tests and benchmarks (`window.__postureEngines`): engine starts, and the kept engine. */
if (typeof window !== 'undefined') {
  (window as unknown as { __postureEngines?: unknown }).__postureEngines = {
    get starts() {
      return starts;
    },
    get kept() {
      return keptEngine();
    },
  };
}

/** Closes the kept engine now (tests, and pages that must free memory). */
export function closeKeptEngine(): void {
  if (kept) close(kept);
}
