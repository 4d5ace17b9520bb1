// Shared fixture paths and golden-landmark helpers for the pose accuracy tests.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANDMARK_INDEX, LANDMARK_NAMES, type LandmarkName } from '../../lib/pose/landmarks';
import type { Pose } from '../../lib/pose/types';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Read-only fixtures shared between checkouts (see MANIFEST.md there). */
export const FIXTURES = process.env.POSE_FIXTURES_DIR ?? path.resolve(ROOT, '../shared/fixtures');

export const fixture = (rel: string): string => path.join(FIXTURES, rel);

/** Every fixture clip with the exercise it is counted for and its true count (MANIFEST.md). */
export const COUNTED_CLIPS = [
  { clip: 'videos/tfjs_pose_squats.mp4', exercise: 'squat', reps: 2 },
  { clip: 'videos/mpdocs_pushups_side_OVERLAY.mp4', exercise: 'push-up', reps: 5 },
  { clip: 'videos/physioplus_bridge_side.mp4', exercise: 'back-bridge', reps: 1 },
  { clip: 'videos/quickpose_cobra_wings_prone_side_OVERLAY.mp4', exercise: path.join(ROOT, 'examples/prone-chest-lift.json'), reps: 3 },
  { clip: 'videos/mpdocs_yoga_flow_side_OVERLAY.mp4', exercise: 'cat-cow', reps: 0 },
] as const;

/** The landmarks posture measurements are built on. */
export const POSTURE_LANDMARKS: readonly LandmarkName[] = ['left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'];
export const ALL_LANDMARKS: readonly LandmarkName[] = LANDMARK_NAMES;

export type Point = readonly [number, number];

export function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(fixture(rel), 'utf8')) as T;
}

/** Golden landmarks by name, from a fixture annotation: `{ [name]: [x, y, ...] }`. */
export type GoldenByName = Readonly<Record<LandmarkName, readonly number[]>>;

export interface LandmarkError {
  readonly name: LandmarkName;
  readonly error: number;
}

/** Largest per-axis difference |dx|, |dy| in normalized units. */
export function normalizedErrors(pose: Pose, golden: GoldenByName, names: readonly LandmarkName[]): LandmarkError[] {
  return names.map((name) => {
    const l = pose.landmarks[LANDMARK_INDEX[name]];
    const [gx, gy] = golden[name];
    return { name, error: Math.max(Math.abs(l.x - gx), Math.abs(l.y - gy)) };
  });
}

/** Euclidean distance in pixels between the pose and golden pixel positions. */
export function pixelErrors(pose: Pose, golden: (name: LandmarkName) => Point, names: readonly LandmarkName[]): LandmarkError[] {
  return names.map((name) => {
    const l = pose.landmarks[LANDMARK_INDEX[name]];
    const [gx, gy] = golden(name);
    return { name, error: Math.hypot(l.x * pose.imageWidth - gx, l.y * pose.imageHeight - gy) };
  });
}

export function worst(errors: readonly LandmarkError[]): LandmarkError {
  return errors.reduce((a, b) => (b.error > a.error ? b : a));
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run analyze`'s script directly (no npm banner), capturing its output. */
export function runAnalyzeCli(args: readonly string[]): Promise<CliRun> {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const cli = path.join(ROOT, 'tools/analyze/cli.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [cli, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
