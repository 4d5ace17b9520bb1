// Everyone in view, both engines (issue 19): a second full-size person standing higher in the
// picture, behind the main person and darker (backlit), overlapping their box, so that neither
// the detectors (which shrink the whole picture to 224 pixels and follow one person) nor a
// search beside the main person's box found them. The scenes are made at test time from the
// real fixture photos: the second person cut out along BlazePose's own segmentation mask,
// darkened, set behind the main person (who is put back on top along their own mask).
// And no single-person fixture gains a second person: every still, and every 8th frame of
// every clip, each searched as a still (the fullest search), both engines.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { load as loadBlazePose } from '@tensorflow-models/pose-detection/dist/blazepose_tfjs/detector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure } from '../figures';
import { graphModelFromFiles, startTfjsRuntime } from '../../lib/pose/tfjs/tfjs-engine';
import type { EngineKind } from '../../lib/pose/types';
import { PUBLIC_DIR } from '../../tools/harness/server';
import { decodeFrames, probeMedia } from '../../tools/media/decode';
import { closeEngineFrames, engineFrames, type EngineRunOptions } from './engine-frames';
import { fixture, FIXTURES } from './fixtures';

const run = promisify(execFile);
const ENGINES: readonly EngineKind[] = ['mediapipe', 'tfjs'];
const HOOK_TIMEOUT_MS = 600_000;
const CLIP_EVERY = 8;

const WALKER = 'images/sports2d_f150_walker_side_view_crop.jpg';
const SQUAT = 'images/tfjs_squat_f000_standing.jpg';
const WARRIOR = 'images/tfjs_pose_warrior2.jpg';

/**
 * Each scene: the main person's photo, and who stands behind them: their photo, height in
 * pixels (about the main person's), where their cut-out's corner goes, how dark (ffmpeg eq
 * brightness and contrast), and whether mirrored.
 */
const SCENES = [
  { name: 'squat-woman, walker behind and above, backlit', main: SQUAT, second: WALKER, height: 820, x: 60, y: 0, brightness: -0.45, contrast: 0.5, mirror: true },
  { name: 'walker, warrior behind and above, backlit', main: WALKER, second: WARRIOR, height: 330, x: 60, y: 0, brightness: -0.4, contrast: 0.5, mirror: false },
  { name: 'squat-woman, warrior behind and above, backlit', main: SQUAT, second: WARRIOR, height: 600, x: 100, y: 20, brightness: -0.4, contrast: 0.5, mirror: false },
] as const;

let dir: string;
const scenes = new Map<string, string>();

/** A person's mask (0-255, one byte a pixel) from BlazePose's segmentation, as a PGM file, and the box it covers. */
async function personMask(rel: string, out: string): Promise<{ x: number; y: number; width: number; height: number }> {
  await startTfjsRuntime(undefined);
  const files = new Map<string, Uint8Array>();
  for (const f of ['tfjs/blazepose-detector.json', 'tfjs/blazepose-detector.bin', 'tfjs/blazepose-full.json', 'tfjs/blazepose-full.bin']) {
    files.set(f, new Uint8Array(readFileSync(path.join(PUBLIC_DIR, 'models', f))));
  }
  const detector = await loadBlazePose({
    runtime: 'tfjs',
    modelType: 'full',
    enableSmoothing: false,
    enableSegmentation: true,
    detectorModelUrl: graphModelFromFiles('tfjs/blazepose-detector.json', files),
    landmarkModelUrl: graphModelFromFiles('tfjs/blazepose-full.json', files),
  });
  try {
    const info = await probeMedia(fixture(rel));
    let rgba: Uint8Array | null = null;
    for await (const frame of decodeFrames(info)) rgba = frame;
    const image = tf.tidy(() => tf.slice(tf.tensor3d(rgba!, [info.height, info.width, 4], 'int32'), [0, 0, 0], [-1, -1, 3]) as tf.Tensor3D);
    const [pose] = await detector.estimatePoses(image, { maxPoses: 1, flipHorizontal: false });
    image.dispose();
    const maskTensor = await pose.segmentation!.mask.toTensor();
    const values = await tf.tidy(() => tf.cast(tf.squeeze(tf.mul(tf.slice(maskTensor, [0, 0, 0], [-1, -1, 1]), 255)), 'int32')).data();
    maskTensor.dispose();
    const bytes = Uint8Array.from(values);
    let [x0, y0, x1, y1] = [info.width, info.height, 0, 0];
    bytes.forEach((v, i) => {
      if (v <= 128) return;
      const x = i % info.width;
      const y = Math.floor(i / info.width);
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    });
    await writeFile(out, Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`), Buffer.from(bytes)]));
    const even = (v: number) => v - (v % 2);
    return { x: even(x0), y: even(y0), width: even(x1 - x0 + 1), height: even(y1 - y0 + 1) };
  } finally {
    detector.dispose();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'engines-people-'));
  const masks = new Map<string, { file: string; box: Awaited<ReturnType<typeof personMask>> }>();
  for (const rel of [WALKER, SQUAT, WARRIOR]) {
    const file = path.join(dir, `${path.basename(rel)}.pgm`);
    masks.set(rel, { file, box: await personMask(rel, file) });
  }
  for (const s of SCENES) {
    const out = path.join(dir, `${s.name.replace(/\W+/g, '-')}.png`);
    const { file: secondMask, box } = masks.get(s.second)!;
    const crop = `${box.width}:${box.height}:${box.x}:${box.y}`;
    await run('ffmpeg', [
      '-v', 'error', '-y',
      '-i', fixture(s.main), '-i', fixture(s.second), '-i', secondMask, '-i', masks.get(s.main)!.file,
      '-filter_complex',
      `[2:v]format=gray,crop=${crop}[m];[1:v]format=rgb24,crop=${crop},eq=brightness=${s.brightness}:contrast=${s.contrast}[s];` +
        `[s][m]alphamerge,scale=-2:${s.height}${s.mirror ? ',hflip' : ''}[p];` +
        `[3:v]format=gray[mm];[0:v]format=rgb24[bg];[bg][mm]alphamerge[front];[0:v][p]overlay=${s.x}:${s.y}[c];[c][front]overlay=0:0`,
      '-frames:v', '1', out,
    ]);
    scenes.set(s.name, out);
  }
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await closeEngineFrames();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Both engines in Chromium, in IMAGE mode with the second look for other people: the fullest search. */
const SEARCH = (engine: EngineKind): EngineRunOptions => ({ engine, runtime: 'browser', lookForOthers: true });

async function peopleIn(engine: EngineKind, file: string): Promise<number> {
  const [{ pose }] = await engineFrames(file, SEARCH(engine));
  return pose?.peopleCount ?? 0;
}

describe.each(ENGINES)('%s, a still', (engine) => {
  it.each(SCENES.map((s) => s.name))('%s: counts both people', { timeout: 120_000 }, async (name) => {
    const people = await peopleIn(engine, scenes.get(name)!);
    figure('engines-people', `${engine} ${name}: people`, people, `[engines-people] ${engine} ${name}: ${people}`);
    expect(people).toBe(2);
  });

  it('every fixture still: one person', { timeout: HOOK_TIMEOUT_MS }, async () => {
    const stills = (await readdir(path.join(FIXTURES, 'images'))).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
    expect(stills.length).toBeGreaterThanOrEqual(8);
    const counts: Record<string, number> = {};
    for (const s of stills) counts[s] = await peopleIn(engine, fixture(`images/${s}`));
    figure('engines-people', `${engine} stills: people`, counts, `[engines-people] ${engine} stills: ${JSON.stringify(counts)}`);
    for (const s of stills) expect(counts[s], s).toBe(1);
  });

  it(`every ${CLIP_EVERY}th frame of every clip, searched as a still: nobody more than the one person`, { timeout: HOOK_TIMEOUT_MS }, async () => {
    const clips = (await readdir(path.join(FIXTURES, 'videos'))).filter((f) => f.endsWith('.mp4')).sort();
    for (const clip of clips) {
      const frames = await engineFrames(`videos/${clip}`, { ...SEARCH(engine), stills: { every: CLIP_EVERY, timestamps: 'zero' } });
      const counts = frames.map((f) => f.pose?.peopleCount ?? 0);
      figure('engines-people', `${engine} ${clip}: people every ${CLIP_EVERY}th frame`, counts.join(''), `[engines-people] ${engine} ${clip}: ${counts.join('')}`);
      expect(Math.max(...counts), clip).toBeLessThanOrEqual(1);
    }
  });
});
