// OpenPose-style keypoint JSON, as OpenPose, Sports2D and Pose2Sim write it: one file per frame,
// `{"people": [{"pose_keypoints_2d": [x, y, confidence, ...]}]}`, pixels. BODY_25 (25 points),
// COCO-17 (17) and HALPE_26 (26) are told apart by length and mapped onto the BlazePose
// landmarks they share; the others are absent from such a track (visibility 0, and a measure
// that needs one is refused: refusals.ts). There is no depth: z is 0. Pure: text in, frames out.
import { z } from '../zod';
import { LANDMARK_COUNT, LANDMARK_INDEX, LANDMARK_NAMES, type LandmarkName } from '../pose/landmarks';
import { mainPersonIndex } from '../pose/main-person';
import { TrackError } from './jsonl';
import type { TrackFrame } from './types';

export type OpenPoseFormat = 'BODY_25' | 'COCO-17' | 'HALPE_26';

const COCO_17: readonly (LandmarkName | null)[] = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
  'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
];

/** Each format's keypoints in file order, as the BlazePose landmark each one is (null: none, e.g. OpenPose's neck). Big toe = BlazePose's foot index. */
export const OPENPOSE_KEYPOINTS: Readonly<Record<OpenPoseFormat, readonly (LandmarkName | null)[]>> = {
  BODY_25: [
    'nose', null /* Neck */, 'right_shoulder', 'right_elbow', 'right_wrist', 'left_shoulder', 'left_elbow', 'left_wrist',
    null /* MidHip */, 'right_hip', 'right_knee', 'right_ankle', 'left_hip', 'left_knee', 'left_ankle', 'right_eye', 'left_eye',
    'right_ear', 'left_ear', 'left_foot_index' /* LBigToe */, null /* LSmallToe */, 'left_heel', 'right_foot_index' /* RBigToe */,
    null /* RSmallToe */, 'right_heel',
  ],
  'COCO-17': COCO_17,
  HALPE_26: [
    ...COCO_17, null /* Head */, null /* Neck */, null /* Hip */, 'left_foot_index' /* LBigToe */, 'right_foot_index' /* RBigToe */,
    null /* LSmallToe */, null /* RSmallToe */, 'left_heel', 'right_heel',
  ],
};

const BY_LENGTH: Readonly<Record<number, OpenPoseFormat>> = { 25: 'BODY_25', 17: 'COCO-17', 26: 'HALPE_26' };

/** The BlazePose landmarks a format does not have at all (BlazePose order). */
export function landmarksLackedBy(format: OpenPoseFormat): LandmarkName[] {
  const has = new Set(OPENPOSE_KEYPOINTS[format].filter((n): n is LandmarkName => n !== null));
  return LANDMARK_NAMES.filter((n) => !has.has(n));
}

/** The frame number in a file name: the last run of digits (`clip_000000000012_keypoints.json` is 12); null when none. */
export function frameNumberOf(name: string): number | null {
  const base = name.replace(/^.*[\\/]/, '');
  const runs = base.match(/\d+/g);
  return runs ? Number(runs.at(-1)) : null;
}

const FILE = z.object({
  people: z.array(
    z.object({
      pose_keypoints_2d: z.array(z.number({ error: 'must hold numbers only' }).refine(Number.isFinite, 'must hold finite numbers only'), {
        error: 'must be a list of numbers [x, y, confidence, ...]',
      }),
    }),
    { error: 'must be a list of people' },
  ),
});

/** One person's keypoints as BlazePose pixel landmarks [x_px, y_px, 0, visibility] x 33; absent ones [0, 0, 0, 0]. */
function toBlazePose(keypoints: readonly number[], format: OpenPoseFormat): number[][] {
  const out = Array.from({ length: LANDMARK_COUNT }, () => [0, 0, 0, 0]);
  OPENPOSE_KEYPOINTS[format].forEach((name, i) => {
    if (!name) return;
    const [x, y, c] = keypoints.slice(3 * i, 3 * i + 3);
    // Confidence 0 is OpenPose's "not found" (its x and y are then 0 too).
    out[LANDMARK_INDEX[name]] = c > 0 ? [x, y, 0, Math.min(1, c)] : [0, 0, 0, 0];
  });
  return out;
}

/** One file's people (keypoint lists) and their format (null when nobody is in it). Throws TrackError naming `name`. */
export function parseOpenPoseFile(text: string, name: string): { format: OpenPoseFormat | null; people: number[][] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrackError(`${name}: not JSON${text.trim() ? '' : ' (an empty file)'}`);
  }
  const parsed = FILE.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new TrackError(`${name}: ${where ? `"${where}" ` : ''}${issue.path.length ? issue.message : 'not an OpenPose keypoint file: expected {"people": [{"pose_keypoints_2d": [x, y, confidence, ...]}]}'}`);
  }
  let format: OpenPoseFormat | null = null;
  const people = parsed.data.people.map((p, i) => {
    const k = p.pose_keypoints_2d;
    const f = k.length % 3 === 0 ? BY_LENGTH[k.length / 3] : undefined;
    if (!f) throw new TrackError(`${name}: people[${i}] has ${k.length} numbers: expected 3 per keypoint for 25 (BODY_25), 17 (COCO-17) or 26 (HALPE_26) keypoints`);
    if (format && f !== format) throw new TrackError(`${name}: people[${i}] is ${f} but people[0] is ${format}`);
    format = f;
    return k;
  });
  return { format, people };
}

export interface OpenPoseTrack {
  readonly frames: TrackFrame[];
  readonly format: OpenPoseFormat;
  /** The BlazePose landmarks the format does not have. */
  readonly lacks: readonly LandmarkName[];
  /** The image size used: as given, or the smallest whole-pixel picture that holds every keypoint. */
  readonly width: number;
  readonly height: number;
  readonly sizeGiven: boolean;
}

/**
 * A track from OpenPose files (one per frame, in any order): frames ordered by the number in
 * each name, frame i at i x 1000 / fps ms (i the file's number). OpenPose JSON holds no frame
 * rate or image size: `fps` is required here (the CLI's --fps, default 30), `size` (--size) is
 * optional: without it, the smallest picture holding every keypoint (only the gate's "inside the
 * picture" check depends on it). Several people: the main one as the engines choose it
 * (lib/pose/main-person.ts), peopleCount = people with any keypoint found.
 */
export function openPoseTrack(files: readonly { name: string; text: string }[], options: { fps: number; size?: { width: number; height: number } }): OpenPoseTrack {
  if (files.length === 0) throw new TrackError('no OpenPose keypoint files (*.json)');
  const numbered = files.map((f) => {
    const n = frameNumberOf(f.name);
    if (n === null) throw new TrackError(`${f.name}: no frame number in the name (OpenPose writes NAME_000000000012_keypoints.json)`);
    return { ...f, n };
  });
  numbered.sort((a, b) => a.n - b.n);
  numbered.forEach((f, i) => {
    if (i > 0 && f.n === numbered[i - 1].n) throw new TrackError(`${f.name}: frame ${f.n} twice (also ${numbered[i - 1].name})`);
  });
  let format: OpenPoseFormat | null = null;
  let formatFrom = '';
  const read = numbered.map((f) => {
    const r = parseOpenPoseFile(f.text, f.name);
    if (r.format && format && r.format !== format) throw new TrackError(`${f.name}: ${r.format} keypoints, but ${formatFrom} has ${format}`);
    if (r.format && !format) {
      format = r.format;
      formatFrom = f.name;
    }
    return { ...f, people: r.people };
  });
  if (!format) throw new TrackError('nobody in any file: no keypoints to read (and so no format to tell)');
  const fmt: OpenPoseFormat = format;
  let width = options.size?.width ?? 0;
  let height = options.size?.height ?? 0;
  if (!options.size) {
    for (const f of read) {
      for (const k of f.people) {
        for (let i = 0; i + 2 < k.length; i += 3) {
          if (k[i + 2] > 0) {
            width = Math.max(width, Math.ceil(k[i]));
            height = Math.max(height, Math.ceil(k[i + 1]));
          }
        }
      }
    }
    width = Math.max(1, width);
    height = Math.max(1, height);
  }
  const frames: TrackFrame[] = read.map((f) => {
    const people = f.people.map((k) => toBlazePose(k, fmt)).filter((p) => p.some((l) => l[3] > 0));
    const timestampMs = Math.round((f.n * 1000) / options.fps);
    if (people.length === 0) return { frame: f.n, timestampMs, width, height, peopleCount: 0, landmarks: null };
    const main = mainPersonIndex(
      people.map((p) => p.map(([x, y, zz, visibility]) => ({ x: x / width, y: y / height, z: zz, visibility }))),
      width,
      height,
    );
    return { frame: f.n, timestampMs, width, height, peopleCount: people.length, landmarks: people[Math.max(0, main)] };
  });
  return { frames, format: fmt, lacks: landmarksLackedBy(fmt), width, height, sizeGiven: !!options.size };
}
