import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures');
const CACHE = path.join(os.tmpdir(), 'posture-e2e-y4m');

/**
 * Makes (once per machine) a y4m file from a fixture clip for Chromium's fake camera.
 * Y4M is raw video, so clips are cut short and scaled down.
 */
export function fakeCameraFile(clip: string, { width = 360, fps = 15, startS = 0, durationS = 4 } = {}): string {
  mkdirSync(CACHE, { recursive: true });
  const out = path.join(CACHE, `${path.basename(clip, '.mp4')}-${width}w-${fps}fps-${startS}s-${durationS}s.y4m`);
  if (!existsSync(out)) {
    const tmp = `${out}.tmp-${process.pid}.y4m`;
    execFileSync('bash', [path.join(FIXTURES, 'make_fake_webcam.sh'), path.join(FIXTURES, clip), tmp, String(width), String(fps), String(startS), String(durationS)], { stdio: 'ignore' });
    execFileSync('mv', [tmp, out]);
  }
  return out;
}
