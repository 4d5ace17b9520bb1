// A second look for other people. Both engines' detectors work on the whole picture shrunk to
// 224 pixels, where someone smaller, farther or backlit beside the main person can vanish
// (tfjs's BlazePose looks for one person only). So, now and then, the parts of the picture
// beside, above and below the main person are searched again on their own, at their own scale.
import { MIN_VISIBILITY } from './landmarks';
import type { Pose } from './types';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The main person's box grows by this share of its size on each side before the rest is searched. */
const BOX_MARGIN = 0.1;
/** A part of the picture is searched only if at least this share of the picture's width (or height) and this many pixels. */
const MIN_REGION_SHARE = 0.15;
const MIN_REGION_PX = 48;
/** A pose found there counts as a person with at least this many landmarks seen. */
export const MIN_SEEN_LANDMARKS = 12;
/** In a video, look again at most this often (frame time); in between, the last answer holds. */
export const SECOND_LOOK_INTERVAL_MS = 1000;
/**
 * ...and take at most this share of the engine's time: after a look that took 60 ms, the next
 * waits 2 s. A slow device looks less often instead of tracking the person at a lower rate. (The
 * first look of a video is not judged: it also sets up the engine's second landmarker.)
 */
export const SECOND_LOOK_SHARE = 0.03;

/** The main person's box in pixels, from the landmarks seen (all of them if too few are). */
export function personBox(pose: Pose): Rect {
  const seen = pose.landmarks.filter((l) => l.visibility >= MIN_VISIBILITY);
  const points = seen.length >= 4 ? seen : pose.landmarks;
  const xs = points.map((l) => l.x * pose.imageWidth);
  const ys = points.map((l) => l.y * pose.imageHeight);
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

/** Whether a pose found in a region is a person (not a stray guess on the background). */
export function isPerson(pose: Pose | null): boolean {
  return pose !== null && pose.landmarks.filter((l) => l.visibility >= MIN_VISIBILITY).length >= MIN_SEEN_LANDMARKS;
}

/**
 * Runs the second look at most every SECOND_LOOK_INTERVAL_MS of frame time, and less often when
 * it costs more than SECOND_LOOK_SHARE of the time (every frame for stills), and keeps the count
 * of other people found, for the frames in between. `clock` measures what a look costs.
 */
export function createSecondLook(search: (regions: readonly Rect[]) => Promise<number>, enabled = true, clock: () => number = () => performance.now()) {
  let on = enabled;
  let lastMs = -Infinity;
  let gapMs = SECOND_LOOK_INTERVAL_MS;
  let others = 0;
  /** Looks since the start or a reset: the first one's cost includes one-off set-up, so it is not judged. */
  let looks = 0;
  return {
    /** `pose` with `peopleCount` raised to include anyone found beside the main person. */
    async apply(pose: Pose | null, timestampMs: number, still: boolean): Promise<Pose | null> {
      if (!pose || !on) {
        others = 0;
        return pose;
      }
      // A video's first look waits an interval: the first frames come back at once.
      if (!still && lastMs === -Infinity) lastMs = timestampMs;
      if (still || timestampMs < lastMs || timestampMs - lastMs >= gapMs) {
        lastMs = timestampMs;
        const regions = regionsBesides(pose);
        const t0 = clock();
        others = regions.length ? await search(regions) : 0;
        if (looks++ > 0) gapMs = Math.max(SECOND_LOOK_INTERVAL_MS, (clock() - t0) / SECOND_LOOK_SHARE);
      }
      return others > 0 && pose.peopleCount < 1 + others ? { ...pose, peopleCount: 1 + others } : pose;
    },
    /** Turns the second look on or off (a page that must refuse a crowd, or a set that follows one person). */
    setEnabled(value: boolean) {
      on = value;
      if (!on) others = 0;
    },
    reset() {
      lastMs = -Infinity;
      gapMs = SECOND_LOOK_INTERVAL_MS;
      looks = 0;
      others = 0;
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
