import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PoseEngineError, type AssetLoader } from '../types';

/** Node loader: reads model files from a directory (by default the app's `public/models`). */
export function fileAssetLoader(dir: string): AssetLoader {
  return async (file, onProgress) => {
    const full = path.join(dir, file);
    try {
      const bytes = new Uint8Array(await readFile(full));
      onProgress?.(bytes.length, bytes.length);
      return bytes;
    } catch (err) {
      throw new PoseEngineError('model-missing', `The model file ${full} could not be read: ${(err as Error).message}. Run "npm run models".`, full);
    }
  };
}
