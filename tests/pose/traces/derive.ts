// Derived traces for the routine drills: real bodies, moved by known angles.
//
// No footage of the table-top twist or the thoracic bridge exists (the rendered routine set has
// cat-cow and the pull-apart only), and no real person in the fixtures is on all fours. So these
// traces take one real frame's landmarks (real-bases.json: as MediaPipe or tfjs read a real
// person) for what is real: the lengths of the trunk, upper arm, forearm, thigh and shin, the
// head's landmarks (nose, eyes, ears, mouth) around the shoulder, the hand and foot landmarks
// around the wrist and ankle, and the left-right offsets across the body. What is derived: the
// joints' placement, by forward kinematics in the picture plane from known angles (the drill's
// movement), and a seeded pixel noise standing in for frame-to-frame jitter. A count on such a
// trace proves the signal, thresholds and position checks follow the movement on a real body's
// proportions; it does not prove an engine sees the drill.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANDMARK_INDEX, type LandmarkName } from '../../../lib/pose/landmarks';
import type { NormalizedLandmark, Pose, WorldLandmark } from '../../../lib/pose/types';

type V = readonly [number, number];
const add = (a: V, b: V): V => [a[0] + b[0], a[1] + b[1]];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1]];
const mul = (a: V, k: number): V => [a[0] * k, a[1] * k];
const len = (a: V) => Math.hypot(a[0], a[1]);
const unit = (a: V): V => mul(a, 1 / len(a));
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1];
const rad = (deg: number) => (deg * Math.PI) / 180;
const dir = (deg: number): V => [Math.cos(rad(deg)), Math.sin(rad(deg))];
const rotate = (a: V, deg: number): V => [a[0] * Math.cos(rad(deg)) - a[1] * Math.sin(rad(deg)), a[0] * Math.sin(rad(deg)) + a[1] * Math.cos(rad(deg))];

export type Engine = 'mediapipe' | 'tfjs';
export type BaseName = 'pushup-top' | 'bridge-lying' | 'squat-standing';
type Raw = { imageWidth: number; imageHeight: number; landmarks: number[][]; worldLandmarks: number[][] | null };

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'real-bases.json');
const BASES = JSON.parse(readFileSync(FILE, 'utf8')) as { bases: Record<Engine, Record<BaseName, { source: string; pose: Raw }>> };

/** A real frame's pose, as the engine read it. */
export function realPose(engine: Engine, name: BaseName, timestampMs = 0): Pose {
  const raw = BASES.bases[engine][name].pose;
  return {
    imageWidth: raw.imageWidth,
    imageHeight: raw.imageHeight,
    peopleCount: 1,
    timestampMs,
    landmarks: raw.landmarks.map(([x, y, z, visibility]): NormalizedLandmark => ({ x, y, z, visibility })),
    worldLandmarks: raw.worldLandmarks ? raw.worldLandmarks.map(([xM, yM, zM, visibility]): WorldLandmark => ({ xM, yM, zM, visibility })) : null,
  };
}

export const baseSource = (engine: Engine, name: BaseName): string => BASES.bases[engine][name].source;

/** A small seeded generator (mulberry32) and a normal deviate from it. */
export function noise(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

const HEAD: readonly LandmarkName[] = ['nose', 'left_eye_inner', 'left_eye', 'left_eye_outer', 'right_eye_inner', 'right_eye', 'right_eye_outer', 'left_ear', 'right_ear', 'mouth_left', 'mouth_right'];
const HANDS = ['pinky', 'index', 'thumb'] as const;
const FEET = ['heel', 'foot_index'] as const;
type Side = 'left' | 'right';

/** A real side-on body: its segment lengths and shapes, in its own pixels. */
export interface SideBody {
  readonly near: Side;
  readonly far: Side;
  /** Shoulder midpoint to hip midpoint. */
  readonly trunk: number;
  readonly upperArm: number;
  readonly forearm: number;
  readonly thigh: number;
  readonly shin: number;
  /** Head points around the near shoulder: along the trunk (hip to shoulder) and across it towards the face. */
  readonly head: ReadonlyMap<LandmarkName, V>;
  /** Far minus near shoulder, and hip, in the picture. */
  readonly farShoulder: V;
  readonly farHip: V;
  readonly hand: ReadonlyMap<string, V>;
  readonly foot: ReadonlyMap<string, V>;
}

/** The real body of a side-on base frame. */
export function sideBody(engine: Engine, name: BaseName): SideBody {
  const pose = realPose(engine, name);
  const p = (n: LandmarkName): V => {
    const l = pose.landmarks[LANDMARK_INDEX[n]];
    return [l.x * pose.imageWidth, l.y * pose.imageHeight];
  };
  const z = (s: Side) => (['shoulder', 'hip', 'ear'] as const).reduce((sum, part) => sum + pose.landmarks[LANDMARK_INDEX[`${s}_${part}`]].z, 0);
  const near: Side = z('left') < z('right') ? 'left' : 'right';
  const far: Side = near === 'left' ? 'right' : 'left';
  const n = (part: string) => p(`${near}_${part}` as LandmarkName);
  const f = (part: string) => p(`${far}_${part}` as LandmarkName);
  const mid = (a: V, b: V): V => mul(add(a, b), 0.5);
  const shoulderMid = mid(n('shoulder'), f('shoulder'));
  const hipMid = mid(n('hip'), f('hip'));
  const along = unit(sub(shoulderMid, hipMid));
  let across: V = [-along[1], along[0]];
  if (dot(sub(p('nose'), n('shoulder')), across) < 0) across = mul(across, -1);
  // Offsets across the body in body axes (x the way the person faces, y up).
  const facing = Math.sign(p('nose')[0] - n('ear')[0]) || 1;
  const axes = (v: V): V => [v[0] * facing, -v[1]];
  const head = new Map<LandmarkName, V>(HEAD.map((h) => [h, [dot(sub(p(h), n('shoulder')), along), dot(sub(p(h), n('shoulder')), across)] as V]));
  const hand = new Map<string, V>();
  const foot = new Map<string, V>();
  for (const s of [near, far]) {
    for (const h of HANDS) hand.set(`${s === near ? 'near' : 'far'}_${h}`, axes(sub(p(`${s}_${h}` as LandmarkName), p(`${s}_wrist` as LandmarkName))));
    for (const t of FEET) foot.set(`${s === near ? 'near' : 'far'}_${t}`, axes(sub(p(`${s}_${t}` as LandmarkName), p(`${s}_ankle` as LandmarkName))));
  }
  return {
    near,
    far,
    trunk: len(sub(shoulderMid, hipMid)),
    upperArm: len(sub(n('elbow'), n('shoulder'))),
    forearm: len(sub(n('wrist'), n('elbow'))),
    thigh: len(sub(n('knee'), n('hip'))),
    shin: len(sub(n('ankle'), n('knee'))),
    head,
    farShoulder: axes(sub(f('shoulder'), n('shoulder'))),
    farHip: axes(sub(f('hip'), n('hip'))),
    hand,
    foot,
  };
}

/**
 * The joints of one derived frame, in body pixels: x forward (the way the person faces), y up
 * the picture. Missing far joints follow the near ones with the real left-right offset.
 */
export interface Joints {
  readonly near: Partial<Record<'shoulder' | 'elbow' | 'wrist' | 'hip' | 'knee' | 'ankle', V>>;
  readonly far?: Partial<Record<'shoulder' | 'elbow' | 'wrist' | 'hip' | 'knee' | 'ankle', V>>;
  /** The trunk's direction from hip to shoulder, and the side the face (front of the body) is on. */
  readonly trunkDir: V;
  readonly front: V;
  /** The head turned about the near shoulder by this many degrees (counter-clockwise in body axes: up, for a head facing forward). */
  readonly headTurnDeg?: number;
  /** The face turned back about the near ear by this many degrees (the neck takes part of a nod). */
  readonly faceTurnDeg?: number;
}

export interface Picture {
  readonly width: number;
  readonly height: number;
  /** Where the body origin goes in the picture, and the pixels per body pixel. */
  readonly origin: V;
  readonly scale: number;
  /** The person faces image right (1) or left (-1). */
  readonly facing: 1 | -1;
  /** Standard deviation of the added pixel noise, and its generator. */
  readonly noisePx: number;
  readonly random: () => number;
}

/** One derived frame as an engine's Pose (no world landmarks: the view is read from the picture). */
export function poseOf(body: SideBody, joints: Joints, picture: Picture, timestampMs: number): Pose {
  const out = new Map<LandmarkName, V>();
  const nearJ = joints.near;
  const farJ = { ...joints.far };
  for (const part of ['shoulder', 'elbow', 'wrist'] as const) farJ[part] ??= nearJ[part] && add(nearJ[part]!, body.farShoulder);
  for (const part of ['hip', 'knee', 'ankle'] as const) farJ[part] ??= nearJ[part] && add(nearJ[part]!, body.farHip);
  for (const part of ['shoulder', 'elbow', 'wrist', 'hip', 'knee', 'ankle'] as const) {
    out.set(`${body.near}_${part}` as LandmarkName, nearJ[part]!);
    out.set(`${body.far}_${part}` as LandmarkName, farJ[part]!);
  }
  const shoulder = nearJ.shoulder!;
  for (const [name, [a, c]] of body.head) {
    const offset = add(mul(joints.trunkDir, a), mul(joints.front, c));
    out.set(name, add(shoulder, rotate(offset, joints.headTurnDeg ?? 0)));
  }
  const ear = out.get(`${body.near}_ear` as LandmarkName)!;
  if (joints.faceTurnDeg) for (const name of body.head.keys()) out.set(name, add(ear, rotate(sub(out.get(name)!, ear), joints.faceTurnDeg)));
  for (const [key, v] of body.hand) {
    const s = key.startsWith('near') ? body.near : body.far;
    out.set(`${s}_${key.split('_')[1]}` as LandmarkName, add(out.get(`${s}_wrist` as LandmarkName)!, v));
  }
  for (const [key, v] of body.foot) {
    const s = key.startsWith('near') ? body.near : body.far;
    const part = key.slice(key.indexOf('_') + 1);
    out.set(`${s}_${part}` as LandmarkName, add(out.get(`${s}_ankle` as LandmarkName)!, v));
  }
  const landmarks = Object.entries(LANDMARK_INDEX)
    .sort((a, b) => a[1] - b[1])
    .map(([name]): NormalizedLandmark => {
      const v = out.get(name as LandmarkName) ?? shoulder;
      const x = picture.origin[0] + picture.facing * v[0] * picture.scale + picture.noisePx * picture.random();
      const y = picture.origin[1] - v[1] * picture.scale + picture.noisePx * picture.random();
      const isFar = name.startsWith(body.far);
      return { x: x / picture.width, y: y / picture.height, z: isFar ? 0.1 : -0.1, visibility: 0.99 };
    });
  return { landmarks, worldLandmarks: null, imageWidth: picture.width, imageHeight: picture.height, peopleCount: 1, timestampMs };
}

/** Where two circles meet (centre a radius ra, centre b radius rb), the solution higher up (larger y). */
export function meet(a: V, ra: number, b: V, rb: number): V {
  const d = len(sub(b, a));
  const x = (d * d + ra * ra - rb * rb) / (2 * d);
  const h = Math.sqrt(Math.max(0, ra * ra - x * x));
  const u = unit(sub(b, a));
  const perp: V = [-u[1], u[0]];
  const p1 = add(add(a, mul(u, x)), mul(perp, h));
  const p2 = add(add(a, mul(u, x)), mul(perp, -h));
  return p1[1] >= p2[1] ? p1 : p2;
}

export { add, dir, mul, rotate, sub, unit, len, type V };
