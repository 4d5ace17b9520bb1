import { createStore } from 'zustand/vanilla';
import type { PostureMeasurement } from '../angles/posture';
import type { CameraProblem } from '../camera/camera-errors';
import type { EngineInfo, EngineKind, ModelVariant, PoseErrorCode } from '../pose/types';

/** idle: nothing loaded; ready: engine loaded, no camera or video; running: frames flowing. */
export type LivePhase = 'idle' | 'camera' | 'loading' | 'ready' | 'running' | 'error';

export interface EngineProblem {
  readonly code: PoseErrorCode;
  readonly message: string;
  readonly file: string | null;
}

/** Summaries refreshed a few times a second; per-frame data never goes through the store. */
export interface LiveStats {
  readonly fps: number;
  readonly inferenceMs: number;
  readonly landmarks: number;
  readonly peopleCount: number;
  readonly framesProcessed: number;
}

export interface LiveState {
  phase: LivePhase;
  engineKind: EngineKind;
  model: ModelVariant;
  loadProgress: number;
  engineInfo: EngineInfo | null;
  cameraProblem: CameraProblem | null;
  engineProblem: EngineProblem | null;
  stats: LiveStats;
  /** The latest posture measurement, refreshed with the stats. */
  posture: PostureMeasurement | null;
  /** A camera or a video file is open (the picture shows, even while the model still loads). */
  mediaOn: boolean;
}

export interface LiveActions {
  choose(engineKind: EngineKind, model: ModelVariant): void;
  setPhase(phase: LivePhase): void;
  setLoadProgress(fraction: number): void;
  engineReady(info: EngineInfo): void;
  cameraFailed(problem: CameraProblem): void;
  engineFailed(problem: EngineProblem): void;
  setStats(stats: LiveStats, posture?: PostureMeasurement | null): void;
  setMediaOn(on: boolean): void;
}

export type LiveStore = ReturnType<typeof createLiveStore>;

const EMPTY_STATS: LiveStats = { fps: 0, inferenceMs: 0, landmarks: 0, peopleCount: 0, framesProcessed: 0 };

export function createLiveStore(initial: Partial<Pick<LiveState, 'engineKind' | 'model'>> = {}) {
  return createStore<LiveState & LiveActions>()((set) => ({
    phase: 'idle',
    engineKind: initial.engineKind ?? 'mediapipe',
    model: initial.model ?? 'full',
    loadProgress: 0,
    engineInfo: null,
    cameraProblem: null,
    engineProblem: null,
    stats: EMPTY_STATS,
    posture: null,
    mediaOn: false,
    choose: (engineKind, model) => set({ engineKind, model }),
    setPhase: (phase) =>
      set(phase === 'camera' || phase === 'loading' ? { phase, cameraProblem: null, engineProblem: null } : { phase }),
    setLoadProgress: (loadProgress) => set({ loadProgress }),
    engineReady: (engineInfo) => set({ engineInfo, phase: 'running', loadProgress: 1 }),
    cameraFailed: (cameraProblem) => set({ cameraProblem, phase: 'error', stats: EMPTY_STATS, posture: null }),
    engineFailed: (engineProblem) => set({ engineProblem, phase: 'error', stats: EMPTY_STATS, posture: null }),
    setStats: (stats, posture) => set(posture === undefined ? { stats } : { stats, posture }),
    setMediaOn: (mediaOn) => set({ mediaOn }),
  }));
}
