// A second look for other people. Both engines' detectors work on the whole picture shrunk to
// 224 pixels and follow the person they found; tfjs's BlazePose returns one person only, and
// MediaPipe's tracking does not look for anyone new while it follows someone. Someone darker
// (backlit), partly behind the main person, or smaller and farther away goes unseen. So, now and
// then (every still), the picture is searched again:
//
// 1. the whole picture with everyone found so far painted over, so the detector's attention goes
//    to whoever is left: someone standing behind, above or below the main person, whose box
//    overlaps theirs; one new person a round, until a round finds nobody new;
// 2. the parts of the picture beside, above and below the main person, each at its own scale
//    (everyone found painted over there too), for someone smaller or farther away that the shrunk
//    whole picture loses.
//
// Every find must be a person (enough landmarks seen, big enough to be one, a confident presence
// score), not a ghost (a model shown a grey silhouette can still "see" the person painted there),
// and someone new (its body landmarks apart from everyone already found), so nobody is counted
// twice and nobody is made up.
import { LANDMARK_INDEX, MIN_VISIBILITY, SKELETON_EDGES } from './landmarks';
import type { NormalizedLandmark, Pose } from './types';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One person's 33 landmarks, normalized to the whole picture. */
export type Landmarks = readonly NormalizedLandmark[];

/**
 * An engine's search of the current picture: the people it finds in `rect` (the whole picture
 * when null), with the people in `hide` painted over first. Landmarks are normalized to the
 * whole picture, the likeliest first.
 */
export interface PeopleFinder {
  find(rect: Rect | null, hide: readonly Landmarks[]): Promise<Landmarks[]>;
}

/** The main person's box grows by this share of its size on each side before the rest is searched. */
const BOX_MARGIN = 0.1;
/** A part of the picture is searched only if at least this share of the picture's width (or height) and this many pixels. */
const MIN_REGION_SHARE = 0.15;
const MIN_REGION_PX = 48;
/** A pose found there counts as a person with at least this many landmarks seen. */
export const MIN_SEEN_LANDMARKS = 12;
/**
 * Someone the second look finds counts at this pose presence score or more: gym machines and
 * drawn figures are found too, with a lower score than a person (0.73-0.83 against 0.999 in the
 * fixtures).
 */
export const SECOND_LOOK_MIN_PRESENCE = 0.9;
/** Most people a look counts (the engines' own limit). */
export const MAX_PEOPLE = 5;
/** In a video, look again at most this often (frame time); in between, the last answer holds. */
export const SECOND_LOOK_INTERVAL_MS = 1000;
/**
 * ...and take at most this share of the engine's time: after a look that took 60 ms, the next
 * waits 2 s. A slow device looks less often instead of tracking the person at a lower rate. (The
 * first look of a video is not judged: it also sets up the engine's second landmarker.)
 */
export const SECOND_LOOK_SHARE = 0.03;

/**
 * Painting a person over: each bone a band this share of their trunk length either side of it
 * (an arm or a leg is 0.2-0.3 of the trunk wide), the head a disc of this radius round the face.
 */
const HIDE_LIMB = 0.16;
const HIDE_HEAD = 0.32;
/**
 * Two poses are one person when their body landmarks are a median of at most this many trunk
 * lengths apart. Two reads of one person differ by up to 0.3 in the fixtures (a backlit person,
 * read from two of the detector's guesses); two people standing close, one behind the other, by
 * 0.48 or more.
 */
const SAME_PERSON = 0.35;
/** A find with more than this share of its seen landmarks on someone painted over is their ghost. */
const MAX_HIDDEN_SHARE = 0.5;
/** Grey, what both models' input normalization maps to about zero. */
export const HIDDEN_GREY = 127;

/** The main person's box in pixels, from the landmarks seen (all of them if too few are). */
export function personBox(pose: Pose): Rect {
  return boxOf(pose.landmarks, pose.imageWidth, pose.imageHeight);
}

function boxOf(landmarks: Landmarks, width: number, height: number): Rect {
  const seen = landmarks.filter((l) => l.visibility >= MIN_VISIBILITY);
  const points = seen.length >= 4 ? seen : landmarks;
  const xs = points.map((l) => l.x * width);
  const ys = points.map((l) => l.y * height);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return { x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 };
}

/**
 * The parts of the picture outside the main person's box (with a margin): the strips to its left
 * and right (full height) and above and below it (full width), those large enough to hold someone.
 */
export function regionsBesides(pose: Pose): Rect[] {
  const W = pose.imageWidth;
  const H = pose.imageHeight;
  const box = personBox(pose);
  const x0 = Math.max(0, Math.floor(box.x - box.width * BOX_MARGIN));
  const x1 = Math.min(W, Math.ceil(box.x + box.width * (1 + BOX_MARGIN)));
  const y0 = Math.max(0, Math.floor(box.y - box.height * BOX_MARGIN));
  const y1 = Math.min(H, Math.ceil(box.y + box.height * (1 + BOX_MARGIN)));
  const wide = (w: number) => w >= Math.max(MIN_REGION_PX, MIN_REGION_SHARE * W);
  const tall = (h: number) => h >= Math.max(MIN_REGION_PX, MIN_REGION_SHARE * H);
  const regions: Rect[] = [];
  if (wide(x0)) regions.push({ x: 0, y: 0, width: x0, height: H });
  if (wide(W - x1)) regions.push({ x: x1, y: 0, width: W - x1, height: H });
  if (tall(y0)) regions.push({ x: 0, y: 0, width: W, height: y0 });
  if (tall(H - y1)) regions.push({ x: 0, y: y1, width: W, height: H - y1 });
  return regions;
}

/**
 * A person found must span at least this share of the picture's larger side: smaller finds are
 * stray guesses on the background (a sofa's edge, a reflection), and nobody that small could be
 * measured anyway.
 */
export const MIN_PERSON_SHARE = 0.12;

function bigEnough(lms: Landmarks, W: number, H: number): boolean {
  const box = boxOf(lms, W, H);
  return Math.max(box.width, box.height) >= MIN_PERSON_SHARE * Math.max(W, H);
}

/** Whether a pose has enough landmarks seen to be a person (not a stray guess on the background). */
export function seenEnough(landmarks: Landmarks): boolean {
  return landmarks.filter((l) => l.visibility >= MIN_VISIBILITY).length >= MIN_SEEN_LANDMARKS;
}

type Point = readonly [number, number];
const I = LANDMARK_INDEX;
const at = (lms: Landmarks, i: number, W: number, H: number): Point => [lms[i].x * W, lms[i].y * H];
const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Mid-shoulder to mid-hip in pixels (at least a tenth of the box's larger side: a trunk seen end-on still has a size). */
function trunkLength(lms: Landmarks, W: number, H: number): number {
  const shoulders = mid(at(lms, I.left_shoulder, W, H), at(lms, I.right_shoulder, W, H));
  const hips = mid(at(lms, I.left_hip, W, H), at(lms, I.right_hip, W, H));
  const box = boxOf(lms, W, H);
  return Math.max(dist(shoulders, hips), 0.1 * Math.max(box.width, box.height), 1);
}

/** Body landmarks (shoulders to feet) as left/right pairs. */
const BODY_PAIRS: readonly (readonly [number, number])[] = [
  [I.left_shoulder, I.right_shoulder], [I.left_elbow, I.right_elbow], [I.left_wrist, I.right_wrist],
  [I.left_hip, I.right_hip], [I.left_knee, I.right_knee], [I.left_ankle, I.right_ankle],
  [I.left_heel, I.right_heel], [I.left_foot_index, I.right_foot_index],
];

/**
 * How far apart two poses (normalized to the same W x H picture) are, in trunk lengths: the median
 * distance between their body landmarks, left and right matched either way round (a model may swap
 * them in a side view). The head is left out: a pose found with the head painted over puts it
 * anywhere.
 */
export function poseDistance(a: Landmarks, b: Landmarks, W: number, H: number): number {
  const trunk = Math.max(trunkLength(a, W, H), trunkLength(b, W, H));
  const median = (swap: boolean) => {
    const d: number[] = [];
    for (const [l, r] of BODY_PAIRS) {
      d.push(dist(at(a, l, W, H), at(b, swap ? r : l, W, H)), dist(at(a, r, W, H), at(b, swap ? l : r, W, H)));
    }
    d.sort((x, y) => x - y);
    return (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
  };
  return Math.min(median(false), median(true)) / trunk;
}

function faceCentre(lms: Landmarks, W: number, H: number): Point {
  const face = FACE.map((i) => at(lms, i, W, H));
  return [face.reduce((s, f) => s + f[0], 0) / face.length, face.reduce((s, f) => s + f[1], 0) / face.length];
}

/**
 * Whether a point (pixels of a W x H picture) is at the hips of one of `people`: within half a
 * trunk length of their mid-hip. A detector's guess centred there is that person again.
 */
export function atHipsOf(x: number, y: number, people: readonly Landmarks[], W: number, H: number): boolean {
  return people.some((lms) => dist([x, y], mid(at(lms, I.left_hip, W, H), at(lms, I.right_hip, W, H))) <= 0.5 * trunkLength(lms, W, H));
}

/** Whether two poses (normalized to the same W x H picture) are the same person. */
export function samePerson(a: Landmarks, b: Landmarks, W: number, H: number): boolean {
  return poseDistance(a, b, W, H) <= SAME_PERSON;
}

type Capsule = readonly [Point, Point, number];

/**
 * Where a person is painted over: bands along the bones, the trunk filled, a disc round the face;
 * sized by their trunk length.
 */
function hiddenShapes(lms: Landmarks, W: number, H: number): Capsule[] {
  const trunk = trunkLength(lms, W, H);
  const p = (i: number) => at(lms, i, W, H);
  const limb = HIDE_LIMB * trunk;
  const shapes: Capsule[] = [];
  for (const [from, to] of SKELETON_EDGES) shapes.push([p(I[from]), p(I[to]), limb]);
  for (const [from, to] of HAND_BONES) shapes.push([p(from), p(to), limb]);
  // The trunk, filled: bands from the shoulder line to the hip line.
  const [ls, rs, lh, rh] = [p(I.left_shoulder), p(I.right_shoulder), p(I.left_hip), p(I.right_hip)];
  const steps = 8;
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    shapes.push([[ls[0] + (rs[0] - ls[0]) * t, ls[1] + (rs[1] - ls[1]) * t], [lh[0] + (rh[0] - lh[0]) * t, lh[1] + (rh[1] - lh[1]) * t], limb]);
  }
  const centre = faceCentre(lms, W, H);
  shapes.push([centre, centre, HIDE_HEAD * trunk]);
  return shapes;
}

const HAND_BONES = [[I.left_wrist, I.left_index], [I.right_wrist, I.right_index], [I.left_wrist, I.left_pinky], [I.right_wrist, I.right_pinky]] as const;
const FACE = Array.from({ length: 11 }, (_, i) => i);

function inCapsule(x: number, y: number, [a, b, r]: Capsule): boolean {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const px = x - a[0];
  const py = y - a[1];
  const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
  const ex = px - t * dx;
  const ey = py - t * dy;
  return ex * ex + ey * ey <= r * r;
}

/** Which pixels of `rect` (of a W x H picture) hide the given people: 1 where a person is painted over. */
export function hideMask(rect: Rect, W: number, H: number, people: readonly Landmarks[]): Uint8Array {
  const rw = Math.round(rect.width);
  const rh = Math.round(rect.height);
  const ox = Math.round(rect.x);
  const oy = Math.round(rect.y);
  const mask = new Uint8Array(rw * rh);
  for (const lms of people) {
    for (const shape of hiddenShapes(lms, W, H)) {
      const [a, b, r] = shape;
      const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - r - ox));
      const x1 = Math.min(rw - 1, Math.ceil(Math.max(a[0], b[0]) + r - ox));
      const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - r - oy));
      const y1 = Math.min(rh - 1, Math.ceil(Math.max(a[1], b[1]) + r - oy));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          if (!mask[y * rw + x] && inCapsule(x + ox, y + oy, shape)) mask[y * rw + x] = 1;
        }
      }
    }
  }
  return mask;
}

/**
 * The share of a find's seen landmarks that lie where the given people were painted over: a
 * model shown a grey silhouette can still "see" a person there, in the shape of the one hidden.
 */
export function hiddenShare(lms: Landmarks, W: number, H: number, people: readonly Landmarks[]): number {
  const shapes = people.flatMap((p) => hiddenShapes(p, W, H));
  const seen = lms.filter((l) => l.visibility >= MIN_VISIBILITY);
  if (seen.length === 0) return 1;
  return seen.filter((l) => shapes.some((s) => inCapsule(l.x * W, l.y * H, s))).length / seen.length;
}

/** Paints the masked pixels of an RGBA picture grey, in place. */
export function paintHidden(rgba: Uint8ClampedArray, mask: Uint8Array): void {
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    rgba[i * 4] = HIDDEN_GREY;
    rgba[i * 4 + 1] = HIDDEN_GREY;
    rgba[i * 4 + 2] = HIDDEN_GREY;
  }
}


/**
 * How many people a landmarker's poses are: the main one, and each other that looks like a person
 * (as a find of the second look must) and is not the main one or another again. Asked for several
 * people, a landmarker sometimes reads part of one person as a second, small one.
 */
export function distinctPeople(main: Landmarks, poses: readonly Landmarks[], W: number, H: number): number {
  const distinct: Landmarks[] = [main];
  for (const p of poses) {
    if (p !== main && seenEnough(p) && bigEnough(p, W, H) && !distinct.some((d) => samePerson(d, p, W, H))) distinct.push(p);
  }
  return distinct.length;
}

/** Everyone in the picture, the main person first, by the searches described at the top. */
export async function findEveryone(finder: PeopleFinder, main: Pose): Promise<Landmarks[]> {
  const W = main.imageWidth;
  const H = main.imageHeight;
  const people: Landmarks[] = [main.landmarks];
  /** A find counts when it is a person, not a ghost of someone painted over, and not someone already found. */
  const add = (lms: Landmarks, hidden: readonly Landmarks[]) => {
    if (people.length >= MAX_PEOPLE || !seenEnough(lms) || !bigEnough(lms, W, H)) return false;
    if (hiddenShare(lms, W, H, hidden) > MAX_HIDDEN_SHARE) return false;
    if (people.some((p) => samePerson(p, lms, W, H))) return false;
    people.push(lms);
    return true;
  };
  // One new person a round, so the next round paints them over too (a second find of the same
  // person, from another of the detector's guesses, differs a little and could pass for someone else).
  const rounds = async (rect: Rect | null) => {
    for (let round = 0; round < MAX_PEOPLE - 1 && people.length < MAX_PEOPLE; round++) {
      const hidden = [...people];
      const finds = await finder.find(rect, hidden);
      if (!finds.some((lms) => add(lms, hidden))) break;
    }
  };
  // The whole picture, everyone found so far painted over.
  await rounds(null);
  // Beside the main person, at their own scale.
  for (const rect of regionsBesides(main)) await rounds(rect);
  return people;
}

/**
 * Runs the second look at most every SECOND_LOOK_INTERVAL_MS of frame time, and less often when
 * it costs more than SECOND_LOOK_SHARE of the time (every frame for stills), and keeps the number
 * of people found, for the frames in between. `search` returns everyone in the picture (main
 * person included; see findEveryone). `clock` measures what a look costs.
 */
export function createSecondLook(search: (pose: Pose) => Promise<number>, enabled = true, clock: () => number = () => performance.now()) {
  let on = enabled;
  let lastMs = -Infinity;
  let gapMs = SECOND_LOOK_INTERVAL_MS;
  let counted = 0;
  /** Looks since the start or a reset: the first one's cost includes one-off set-up, so it is not judged. */
  let looks = 0;
  return {
    /** `pose` with `peopleCount` raised to the number of people the last look found. */
    async apply(pose: Pose | null, timestampMs: number, still: boolean): Promise<Pose | null> {
      if (!pose || !on) {
        counted = 0;
        return pose;
      }
      // A video's first look waits an interval: the first frames come back at once.
      if (!still && lastMs === -Infinity) lastMs = timestampMs;
      if (still || timestampMs < lastMs || timestampMs - lastMs >= gapMs) {
        lastMs = timestampMs;
        const t0 = clock();
        counted = await search(pose);
        if (looks++ > 0) gapMs = Math.max(SECOND_LOOK_INTERVAL_MS, (clock() - t0) / SECOND_LOOK_SHARE);
      }
      return counted > pose.peopleCount ? { ...pose, peopleCount: counted } : pose;
    },
    /** Turns the second look on or off (a page that must refuse a crowd, or a set that follows one person). */
    setEnabled(value: boolean) {
      on = value;
      if (!on) counted = 0;
    },
    reset() {
      lastMs = -Infinity;
      gapMs = SECOND_LOOK_INTERVAL_MS;
      looks = 0;
      counted = 0;
    },
  };
}

/** A rectangle of an RGBA picture, copied out. */
export function cropRgba(frame: { readonly data: Uint8ClampedArray; readonly width: number; readonly height: number }, r: Rect) {
  const x = Math.max(0, Math.round(r.x));
  const y = Math.max(0, Math.round(r.y));
  const width = Math.max(1, Math.min(frame.width - x, Math.round(r.width)));
  const height = Math.max(1, Math.min(frame.height - y, Math.round(r.height)));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * frame.width + x) * 4;
    data.set(frame.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { data, width, height };
}

/** Landmarks found in a crop at `rect`, normalized to the whole W x H picture. */
export function fromCrop(lms: readonly { x: number; y: number; z?: number; visibility?: number }[], rect: Rect, cropW: number, cropH: number, W: number, H: number): NormalizedLandmark[] {
  return lms.map((l) => ({ x: (rect.x + l.x * cropW) / W, y: (rect.y + l.y * cropH) / H, z: ((l.z ?? 0) * cropW) / W, visibility: l.visibility ?? 0 }));
}
