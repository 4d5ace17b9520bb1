// `npm run analyze -- --snapshot --json` as a user runs it, against the same numbers computed in-process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotOf, type AnalyzeSummary, type SnapshotJson } from '../../tools/analyze/analyze';
import { closeEngineFrames, engineFrames } from './engine-frames';
import { fixture, ROOT } from './fixtures';

const EPSILON_DEG = 0.01;
const EPSILON_OFFSET = 1e-4;
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'tools/analyze/cli.ts');
const WALKER = fixture('images/sports2d_f150_walker_side_view_crop.jpg');
const ASTRONAUT = fixture('images/skimage_astronaut_PD.png');
const SNAPSHOT_KEYS = [
  'frames',
  'headForwardDeg',
  'headForwardOffset',
  'headForwardSpreadDeg',
  'quality',
  'refusals',
  'refused',
  'side',
  'spreadDeg',
  'trunkExtensionDeg',
  'trunkExtensionSpreadDeg',
  'view',
];
const ANGLE_KEYS = ['headForwardDeg', 'trunkExtensionDeg', 'spreadDeg', 'headForwardSpreadDeg', 'trunkExtensionSpreadDeg'] as const;
/** Same bounds as tests/pose/posture.test.ts: an upright walker with an ordinary head-forward angle. */
const UPRIGHT_TRUNK_MAX_DEG = 10;
const HEAD_FORWARD_RANGE_DEG = [30, 70] as const;

type SnapshotOutput = AnalyzeSummary & { snapshot: SnapshotJson };

afterAll(async () => {
  await closeEngineFrames();
});

function snapshotCli(file: string): Promise<SnapshotOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, file, '--snapshot', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`analyze exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout) as SnapshotOutput);
    });
  });
}

async function inProcess(file: string): Promise<SnapshotJson> {
  return snapshotOf(await engineFrames(file, { engine: 'mediapipe', lookForOthers: false }));
}

function expectSnapshotShape(s: SnapshotJson) {
  expect(Object.keys(s).sort()).toEqual(SNAPSHOT_KEYS);
  expect(['side', 'oblique', 'front']).toContain(s.view);
  expect(['left', 'right']).toContain(s.side);
  expect(s.frames).toBe(1);
  // The quality block (an extension): the ready check's verdict on every frame.
  expect(s.quality.framesAccepted + Object.values(s.quality.framesRefused).reduce((a, b) => a + b, 0)).toBe(s.frames);
  for (const key of [...ANGLE_KEYS, 'headForwardOffset'] as const) {
    const v = s[key];
    if (v !== null) expect(Number.isFinite(v), key).toBe(true);
  }
  for (const r of [s.refused, s.refusals.headForward, s.refusals.trunkExtension]) {
    if (r !== null) {
      expect(Object.keys(r).sort()).toEqual(['code', 'message']);
      expect(r.message.length).toBeGreaterThan(20);
    }
  }
}

function expectSameNumbers(cli: SnapshotJson, local: SnapshotJson) {
  for (const key of ANGLE_KEYS) {
    const [a, b] = [cli[key], local[key]];
    if (a === null || b === null) expect(a, key).toBe(b);
    else expect(Math.abs(a - b), key).toBeLessThanOrEqual(EPSILON_DEG);
  }
  if (cli.headForwardOffset === null || local.headForwardOffset === null) expect(cli.headForwardOffset).toBe(local.headForwardOffset);
  else expect(Math.abs(cli.headForwardOffset - local.headForwardOffset)).toBeLessThanOrEqual(EPSILON_OFFSET);
  expect([cli.view, cli.side, cli.frames]).toEqual([local.view, local.side, local.frames]);
  expect(cli.refusals).toEqual(local.refusals);
  expect(cli.refused).toEqual(local.refused);
}

describe('npm run analyze -- --snapshot --json', () => {
  it('walker: a side view, left side near, both angles measured; same numbers as in-process', async () => {
    const out = await snapshotCli(WALKER);
    expect(out).toMatchObject({ file: WALKER, engine: 'mediapipe', model: 'full', frames: 1, framesWithPose: 1, fps: null });
    const s = out.snapshot;
    console.log(`[snapshot-cli] walker: ${JSON.stringify({ ...s, refusals: undefined })}`);
    expectSnapshotShape(s);
    expect([s.view, s.side]).toEqual(['side', 'left']);
    expect(s.refused).toBeNull();
    expect(s.refusals).toEqual({ headForward: null, trunkExtension: null });
    expect(Math.abs(s.trunkExtensionDeg!)).toBeLessThanOrEqual(UPRIGHT_TRUNK_MAX_DEG);
    expect(s.headForwardDeg!).toBeGreaterThanOrEqual(HEAD_FORWARD_RANGE_DEG[0]);
    expect(s.headForwardDeg!).toBeLessThanOrEqual(HEAD_FORWARD_RANGE_DEG[1]);
    // One frame: no spread.
    expect(s.spreadDeg).toBe(0);

    expectSameNumbers(s, await inProcess(WALKER));
  });

  it('astronaut: trunk refused because the hips are not visible; same result as in-process', async () => {
    const out = await snapshotCli(ASTRONAUT);
    const s = out.snapshot;
    console.log(`[snapshot-cli] astronaut: refusals ${s.refusals.headForward?.code ?? 'none'} / ${s.refusals.trunkExtension?.code ?? 'none'}`);
    expectSnapshotShape(s);
    expect(s.trunkExtensionDeg).toBeNull();
    expect(s.trunkExtensionSpreadDeg).toBeNull();
    expect(s.refusals.trunkExtension?.code).toBe('hips-not-visible');
    expect(s.refusals.trunkExtension?.message).toMatch(/hips/i);
    expect(s.refused).not.toBeNull();

    expectSameNumbers(s, await inProcess(ASTRONAUT));
  });
});
