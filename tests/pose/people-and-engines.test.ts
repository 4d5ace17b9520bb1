// Two people, one smaller and darker, must be noticed by both engines; and on every fixture
// still the two engines give the same view, near side and verdict.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from '../figures';
import { snapshotOf, type SnapshotJson } from '../../tools/analyze/analyze';
import { closeEngineFrames, engineFrames } from './engine-frames';
import { fixture, FIXTURES, runAnalyzeCli } from './fixtures';

const run = promisify(execFile);
const CLI_TIMEOUT_MS = 120_000;
let dir: string;
let twoPeople: string;

async function snapshot(file: string, engine: 'mediapipe' | 'tfjs'): Promise<SnapshotJson> {
  const r = await runAnalyzeCli([file, '--engine', engine, '--snapshot', '--json']);
  if (r.code !== 0) throw new Error(`analyze exited ${r.code}: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { snapshot: SnapshotJson }).snapshot;
}

/**
 * The same as `npm run analyze -- FILE --snapshot` (the CLI is run above), in this process: the
 * frames of the full model with the second look, shared with the other real-model tests.
 */
async function snapshotInProcess(file: string, engine: 'mediapipe' | 'tfjs'): Promise<SnapshotJson> {
  return snapshotOf(await engineFrames(file, { engine, lookForOthers: true }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'people-'));
  twoPeople = path.join(dir, 'two-people.png');
  // The walker, full size, and beside her the woman of the squats clip at less than half her
  // height, darker (as someone farther away and backlit), on a plain ground.
  await run('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'color=c=0x808890:s=1000x560',
    '-i', fixture('images/sports2d_f150_walker_side_view_crop.jpg'),
    '-i', fixture('images/tfjs_squat_f000_standing.jpg'),
    '-filter_complex', '[1:v]scale=-1:540[a];[2:v]scale=-1:240,eq=brightness=-0.3:contrast=0.8[b];[0:v][a]overlay=20:10[c];[c][b]overlay=760:300',
    '-frames:v', '1', twoPeople,
  ]);
});

afterAll(async () => {
  await closeEngineFrames();
  await rm(dir, { recursive: true, force: true });
});

describe('a second person, smaller and darker', () => {
  it.each(['mediapipe', 'tfjs'] as const)('%s: the snapshot is refused as two people', { timeout: CLI_TIMEOUT_MS }, async (engine) => {
    const s = await snapshot(twoPeople, engine);
    figure('people-and-engines', `two people, ${engine}`, { quality: s.quality, refused: s.refused?.code ?? null }, `[people] ${engine}: ${JSON.stringify(s.quality)}, refused ${s.refused?.code}`);
    expect(s.quality.peopleMax).toBe(2);
    expect(s.refused?.code).toBe('multiple-people');
    expect(s.headForwardDeg).toBeNull();
    expect(s.trunkExtensionDeg).toBeNull();
  });
});

describe('both engines on every fixture still', () => {
  it('agree on the view, the near side, the verdict and that one person is in view', { timeout: 600_000 }, async () => {
    const stills = (await readdir(path.join(FIXTURES, 'images'))).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
    expect(stills.length).toBeGreaterThanOrEqual(8);
    for (const still of stills) {
      const [mp, tf] = [await snapshotInProcess(fixture(`images/${still}`), 'mediapipe'), await snapshotInProcess(fixture(`images/${still}`), 'tfjs')];
      const verdict = (s: SnapshotJson) => ({ view: s.view, side: s.side, quality: Object.keys(s.quality.framesRefused)[0] ?? 'accepted', people: s.quality.peopleMax });
      figure('people-and-engines', `${still}: verdict`, { mediapipe: verdict(mp), tfjs: verdict(tf) }, `[engines] ${still}: mediapipe ${JSON.stringify(verdict(mp))}, tfjs ${JSON.stringify(verdict(tf))}`);
      expect(verdict(tf), still).toEqual(verdict(mp));
      expect(mp.quality.peopleMax, still).toBe(1);
    }
  });
});
