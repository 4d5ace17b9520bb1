// `npm run analyze` as a user runs it: a separate process, its exit code, stdout and stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLandmarkRecording } from '../../components/session/landmark-recording';
import { LANDMARK_COUNT } from '../../lib/pose/landmarks';
import type { AnalyzeSummary } from '../../tools/analyze/analyze';
import { fixture, runAnalyzeCli } from './fixtures';

const SUMMARY_KEYS = ['engine', 'file', 'fps', 'frames', 'framesWithPose', 'height', 'model', 'width'];
const PUSHUP = fixture('images/mpdocs_pushup_side_up.jpg');
const PUSHUP_SIZE = { width: 400, height: 224 };
const CLIP_FRAMES = 4;
const CLIP_SIZE = { width: 360, height: 640 };
const CLIP_FPS = 5;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'analyze-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const analyze = runAnalyzeCli;

type LandmarkLine = { frame: number; timestampMs: number; landmarks: number[][] | null };

function readLandmarks(file: string): LandmarkLine[] {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as LandmarkLine);
}

function expectLandmarksInFrame(line: LandmarkLine, size: { width: number; height: number }) {
  const landmarks = line.landmarks;
  if (!landmarks) throw new Error(`frame ${line.frame}: no landmarks`);
  expect(landmarks).toHaveLength(LANDMARK_COUNT);
  for (const point of landmarks) {
    expect(point).toHaveLength(4);
    const [x, y, z, visibility] = point;
    expect(point.every(Number.isFinite)).toBe(true);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(size.width);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThanOrEqual(size.height);
    // z is scaled like x; a body's depth is at most about its height.
    expect(Math.abs(z)).toBeLessThan(Math.max(size.width, size.height));
    expect(visibility).toBeGreaterThanOrEqual(0);
    expect(visibility).toBeLessThanOrEqual(1);
  }
}

describe('npm run analyze', () => {
  it('analyzes a still with tfjs: JSON summary and one landmarks line', async () => {
    const out = path.join(tmp, 'still.jsonl');
    const r = await analyze([PUSHUP, '--engine', 'tfjs', '--json', '--landmarks', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as AnalyzeSummary;
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    expect(summary).toEqual({
      file: PUSHUP,
      engine: 'tfjs',
      model: 'full',
      frames: 1,
      framesWithPose: 1,
      ...PUSHUP_SIZE,
      fps: null,
    });
    const lines = readLandmarks(out);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ frame: 0, timestampMs: 0, ...PUSHUP_SIZE, peopleCount: 1 });
    expectLandmarksInFrame(lines[0], PUSHUP_SIZE);
    // The file replays in the session page as a landmark recording, back to normalized points.
    const [replayed] = parseLandmarkRecording(readFileSync(out, 'utf8'));
    expect(replayed.pose?.imageWidth).toBe(PUSHUP_SIZE.width);
    expect(replayed.pose?.landmarks[0].x).toBeCloseTo(lines[0].landmarks![0][0] / PUSHUP_SIZE.width, 6);
  });

  it('analyzes a short video with tfjs lite: fps, one line per frame, increasing timestamps', async () => {
    const clip = path.join(tmp, 'clip.mp4');
    const made = spawnSync('ffmpeg', [
      '-v', 'error', '-y', '-i', fixture('videos/tfjs_pose_squats.mp4'),
      '-frames:v', String(CLIP_FRAMES), '-vf', `scale=${CLIP_SIZE.width}:${CLIP_SIZE.height}`, clip,
    ]);
    expect(made.status, made.stderr?.toString()).toBe(0);
    const out = path.join(tmp, 'clip.jsonl');
    const r = await analyze([clip, '--engine', 'tfjs', '--model', 'lite', '--json', '--landmarks', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      file: clip,
      engine: 'tfjs',
      model: 'lite',
      frames: CLIP_FRAMES,
      framesWithPose: CLIP_FRAMES,
      ...CLIP_SIZE,
      fps: CLIP_FPS,
    });
    const lines = readLandmarks(out);
    expect(lines.map((l) => l.frame)).toEqual([0, 1, 2, 3]);
    expect(lines.map((l) => l.timestampMs)).toEqual([0, 200, 400, 600]);
    for (const line of lines) expectLandmarksInFrame(line, CLIP_SIZE);
  });

  it('runs mediapipe (the default engine) in Chromium', async () => {
    const r = await analyze([PUSHUP, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ engine: 'mediapipe', model: 'full', frames: 1, framesWithPose: 1 });
  });

  it('exits 1 naming a file that does not exist', async () => {
    const missing = path.join(tmp, 'no-such-video.mp4');
    const r = await analyze([missing, '--engine', 'tfjs', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toContain(missing);
  });

  it('exits 2 for an unknown model, listing the allowed ones', async () => {
    const r = await analyze([PUSHUP, '--model', 'huge']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('model must be one of "lite", "full", "heavy"; got "huge".');
    expect(r.stderr).toContain('Usage: npm run analyze');
  });

  it('exits 2 without an input file', async () => {
    const r = await analyze(['--engine', 'tfjs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No input file given.');
  });
});
