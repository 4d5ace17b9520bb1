export * from './types';
export * from './landmarks';
export { createPoseEngine } from './create-pose-engine';
export { resolveConfig, modelFilesFor, ENGINE_KINDS, MODEL_VARIANTS } from './config';
export { fetchAssetLoader } from './assets';
