export type {
  CameraView,
  CounterEvent,
  Dose,
  Exercise,
  ExerciseKind,
  ExerciseSample,
  HoldExercise,
  HoldRecord,
  LadderStage,
  RepsExercise,
  SetSummary,
  SignalSpec,
  TimedExercise,
} from './types';
export { CATALOGUE, getExercise } from './catalogue';
export { ExerciseValidationError, parseExercise } from './validate';
export { resolveLandmark, sampleFromPose } from './signal';
export { createSignalSmoother, SMOOTHER_DEFAULTS, type SignalSmoother, type SmootherOptions } from './smoothing';
export {
  CALIBRATION_MAX_SPREAD_DEG,
  COUNTER_STATE_VERSION,
  createCounter,
  finishCounter,
  LOWERING_PEAK_MARGIN_DEG,
  MAX_FRAME_GAP_MS,
  pauseCounter,
  pauseCounterStep,
  resumeCounter,
  resumeCounterStep,
  stepCounter,
  summarizeCounter,
  type CounterOptions,
  type CounterState,
  type CounterStep,
} from './counter';
export { createExerciseTracker, type ExerciseTracker, type ExerciseTrackerOptions } from './tracker';
export {
  DEFAULT_CALIBRATION_MS,
  DEFAULT_GRACE_MS,
  DEFAULT_MIN_AMPLITUDE_DEG,
  DEFAULT_MIN_REP_MS,
  DEFAULT_REST_SECONDS,
  directionOf,
  MIN_HYSTERESIS_DEG,
  type Direction,
} from './rules';
export { cameraOf, needOf, viewsAllowed } from './need';
export { reasonMessage } from './reasons';
