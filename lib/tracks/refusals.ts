// A measure that needs a landmark a track's format does not have at all (not "not seen in this
// frame": never there) is refused before anything is measured, with a stable code and a message
// naming the landmark and the format. The landmarks each measure needs are the ones its gate
// already checks: SNAPSHOT_NEED (lib/angles/quality.ts), needOf (lib/exercise/need.ts) and
// RANGE_NEEDS (lib/range/read.ts); none is listed here by hand.
import { SNAPSHOT_NEED } from '../angles/quality';
import { needOf, type Exercise } from '../exercise';
import { RANGE_NEEDS, type RangeTestId } from '../range';
import { resolveLandmark, type LandmarkName } from '../pose/landmarks';

/** What a track holds beyond its 2D landmarks. */
export interface TrackContent {
  /** "JSONL", "BODY_25", "COCO-17", "HALPE_26". */
  readonly format: string;
  /** BlazePose landmarks the format does not have at all. */
  readonly lacks: readonly LandmarkName[];
  /** Whether the landmarks carry depth (z); OpenPose's are 2D. */
  readonly depth: boolean;
}

export type TrackRefusalCode = 'track-lacks-landmark' | 'track-lacks-depth';

export interface TrackRefusal {
  readonly code: TrackRefusalCode;
  readonly message: string;
}

const word = (n: LandmarkName) => n.replace(/_foot_index$/, '_toes').replace(/_/g, ' ');
const list = (words: readonly string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** Every landmark `parts` may read ("near_x": either side's x). */
export function partsLandmarks(parts: readonly string[]): LandmarkName[] {
  return [...new Set(parts.flatMap((p) => (p.startsWith('near_') ? [resolveLandmark(p, 'left'), resolveLandmark(p, 'right')] : [p as LandmarkName])))];
}

/**
 * The refusal of `what` (e.g. "The squat count") on a track of `content`, or null: it needs a
 * landmark of `parts` the format lacks, or (needsDepth) depth the format does not carry.
 */
export function trackRefusal(what: string, parts: readonly string[], content: TrackContent, needsDepth = false): TrackRefusal | null {
  const lacking = partsLandmarks(parts).filter((n) => content.lacks.includes(n));
  if (lacking.length) {
    return {
      code: 'track-lacks-landmark',
      message: `${what} needs the ${list(lacking.map(word))}, which ${content.format} tracks do not have.`,
    };
  }
  if (needsDepth && !content.depth) {
    return {
      code: 'track-lacks-depth',
      message: `${what} needs each landmark's depth (z: which shoulder is nearer the camera tells the side of the turn), which ${content.format} tracks do not have.`,
    };
  }
  return null;
}

export function snapshotTrackRefusal(content: TrackContent): TrackRefusal | null {
  return trackRefusal('The posture snapshot', SNAPSHOT_NEED.parts, content);
}

export function exerciseTrackRefusal(exercise: Exercise, content: TrackContent): TrackRefusal | null {
  return trackRefusal(`Counting ${exercise.name ?? exercise.id}`, needOf(exercise).parts, content);
}

/** Seated rotation reads the side of each turn from the shoulders' depth (lib/angles/range.ts, readRotation). */
export const RANGE_NEEDS_DEPTH: Readonly<Record<RangeTestId, boolean>> = {
  'head-position': false,
  'standing-extension': false,
  'overhead-reach': false,
  rotation: true,
};

export function rangeTrackRefusal(test: RangeTestId, content: TrackContent): TrackRefusal | null {
  return trackRefusal(`The ${test} test`, RANGE_NEEDS[test].parts, content, RANGE_NEEDS_DEPTH[test]);
}
