// One quality gate for a frame: may a number be taken from it, and if not, what is missing.
// The setup check (before a set calibrates), the snapshot's ready check and the first-run
// walk-through all show this one verdict, item by item.
import { LANDMARK_INDEX, MIN_VISIBILITY, resolveLandmark, type LandmarkName } from '../pose/landmarks';
import type { NormalizedLandmark, Pose } from '../pose/types';
import { bodyPlacement, POSITION_WORDS, type BodyPosition } from './orientation';
import { classifyView, FRONT_VIEW_MAX_YAW_DEG, nearSide, SIDE_VIEW_MIN_YAW_DEG, type Side, type ViewEstimate } from './view';
import { joinWords } from './format';
import { refusal, viewRefusal, type Refusal, type ViewReason } from './refusals';

/**
 * Which way the body must face the camera, always enforced: 'side': side-on (turned 60° or more
 * from facing the camera); 'side-or-oblique': side-on or three-quarter (more than 30°);
 * 'front': facing the camera (30° or less). The lines are view.ts's classes.
 */
export type ViewNeed = 'side' | 'side-or-oblique' | 'front' | 'any';

/** What a measurement needs to see in a frame. */
export interface FrameNeed {
  /** Landmarks that must be seen inside the picture; "near_" names mean the side facing the camera. */
  readonly parts: readonly string[];
  readonly view: ViewNeed;
  /** Which measure needs the view: its refusal says why that view (see refusals.ts, VIEW_REASONS). */
  readonly viewReason?: ViewReason;
  /**
   * The view is advice, not a condition. Only for a measure that judges the view itself (the
   * range check's seated rotation, lib/angles/range.ts); every posture angle and exercise has its
   * view enforced.
   */
  readonly viewAdvisory?: boolean;
  readonly allowMultiplePeople: boolean;
  /** Check that the camera is upright (only meaningful standing, feet flat on the floor). */
  readonly level: boolean;
  /** Where the body must be (any of these); absent: anywhere. */
  readonly position?: readonly BodyPosition[];
}

/** A posture snapshot: ear, shoulder and hip on the near side, side-on, alone, camera level. */
export const SNAPSHOT_NEED: FrameNeed = {
  parts: ['near_ear', 'near_shoulder', 'near_hip'],
  view: 'side',
  viewReason: 'posture',
  allowMultiplePeople: false,
  level: true,
};

export type CheckId = 'person' | 'one-person' | 'parts' | 'view' | 'position' | 'level';

/** One line of the setup checklist. */
export interface QualityCheck {
  readonly id: CheckId;
  /** What is being checked, phrased as the goal ("Ear, shoulder and hip in the picture"). */
  readonly label: string;
  /** true: fine; false: not yet; null: cannot tell from this frame (never blocks). */
  readonly ok: boolean | null;
  /** Whether a failed check stops the measurement (the level check only advises). */
  readonly blocking: boolean;
  /** What to do about it, when it is not fine. */
  readonly hint: string | null;
}

/** Picture edges that cut off a needed part. */
export interface CutEdges {
  readonly left: boolean;
  readonly right: boolean;
  readonly top: boolean;
  readonly bottom: boolean;
}

export interface FrameAssessment {
  /** Every blocking check passed: a number may be taken from this frame. */
  readonly ok: boolean;
  readonly checks: readonly QualityCheck[];
  /** The blocking problems, most fundamental first (what to fix first). */
  readonly issues: readonly Refusal[];
  readonly side: Side | null;
  readonly view: ViewEstimate | null;
  /**
   * The view check passed (always true when the need takes any view). Pass it to the next frame
   * of the same stream (`assessFrame(next, need, { viewHeld })`) to hold the view with a margin.
   */
  readonly viewHeld: boolean;
  /** Camera roll estimated from a flat foot, degrees (positive: picture turned clockwise); null when not seen. */
  readonly tiltDeg: number | null;
  readonly cutEdges: CutEdges;
}

/** A foot on the floor whose heel-to-toe line is further than this from horizontal says the camera is tilted. */
export const MAX_TILT_DEG = 10;
/**
 * The trunk (shoulder joints to hip joints, midpoints) is about 3.3 head widths long in adults
 * (about 50 cm against 15 cm; the ear landmarks sit inside the skull's width, so measured this
 * way it reads 3.0 to 13 on every real person in the fixtures, either engine, side-on at the
 * bottom of a push-up the lowest, and 3.5 on the rendered figure seated facing the camera).
 * Shorter, the "hips" are not hips: a model asked for a whole body in a head-and-shoulders
 * picture puts them on the arms or the chest, with high visibility: 2.0 to 2.3 on the astronaut
 * photo, either engine, still or camera picture. The line sits between the two, a little over a
 * tenth from each (2.6 is 13 % under 3.0 and 13 % over 2.3): leaning 35° towards or away from
 * the camera still leaves a real trunk above it.
 */
export const MIN_TORSO_HEAD_WIDTHS = 2.6;
/**
 * The second condition, where the legs are seen: shoulder to hip to knee to ankle, along the
 * body, is about 9-10 head widths in adults (50 + 45 + 43 cm against 14-15 cm), and 9.0 to 34
 * on every real person in the fixtures, either engine (sitting or squatting facing the camera,
 * which foreshortens the thighs, the lowest). A model that fits a whole body into a
 * head-and-shoulders picture squeezes the legs in below the chest, with high visibility: 4.3
 * to 5.4 on the astronaut photo. Under 7 (three quarters of the shortest real reading) is not
 * a body seen down to the ankles.
 */
export const MIN_BODY_HEAD_WIDTHS = 7;

const REFERENCE_HEAD_NAMES: readonly LandmarkName[] = ['nose', 'left_ear', 'right_ear'];

/** How a pose measures against a real body's proportions (see bodyPlausibility). */
export interface BodyPlausibility {
  /** Trunk length in head widths (torsoHeadRatio). */
  readonly torsoHeadWidths: number;
  /** Shoulder-hip-knee-ankle along the body in head widths, the longer side; null when no side's knee and ankle are seen inside the picture. */
  readonly bodyHeadWidths: number | null;
  /**
   * The smaller of torsoHeadWidths / MIN_TORSO_HEAD_WIDTHS and bodyHeadWidths / MIN_BODY_HEAD_WIDTHS:
   * at least 1 is a plausible body; under 1 the "hips" are not hips.
   */
  readonly score: number;
}

const pointOf = (pose: Pose, name: LandmarkName) => {
  const l = pose.landmarks[LANDMARK_INDEX[name]];
  return [l.x * pose.imageWidth, l.y * pose.imageHeight] as const;
};
const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const seenIn = (pose: Pose, name: LandmarkName) => {
  const l = pose.landmarks[LANDMARK_INDEX[name]];
  return l?.visibility >= MIN_VISIBILITY && inFrame(l);
};

/** Head width in pixels: ear to ear, or (side-on, where the ears overlap) 1.25 times the nose to the nearer ear; whichever is larger. */
function headWidth(pose: Pose): number {
  const p = (name: LandmarkName) => pointOf(pose, name);
  return Math.max(dist(p('left_ear'), p('right_ear')), 1.25 * Math.min(dist(p('nose'), p('left_ear')), dist(p('nose'), p('right_ear'))));
}

/**
 * Trunk length over head width in the picture, or null when the head or trunk is not seen
 * well enough to tell. Head width: ear to ear, or (side-on, where the ears overlap) 1.25 times
 * the nose to the nearer ear; whichever is larger.
 */
export function torsoHeadRatio(pose: Pose): number | null {
  const at = (name: LandmarkName) => pose.landmarks[LANDMARK_INDEX[name]];
  const seenAll = (names: readonly LandmarkName[]) => names.every((n) => at(n)?.visibility >= MIN_VISIBILITY);
  if (!seenAll(['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip']) || !seenAll(REFERENCE_HEAD_NAMES)) return null;
  const p = (name: LandmarkName) => pointOf(pose, name);
  const mid = (a: LandmarkName, b: LandmarkName) => [(p(a)[0] + p(b)[0]) / 2, (p(a)[1] + p(b)[1]) / 2];
  const torso = dist(mid('left_shoulder', 'right_shoulder'), mid('left_hip', 'right_hip'));
  const head = headWidth(pose);
  return head > 0 ? torso / head : null;
}

/**
 * Whether the pose has a real body's proportions: the trunk at least MIN_TORSO_HEAD_WIDTHS
 * long and, where a side's knee and ankle are seen inside the picture, shoulder to ankle at
 * least MIN_BODY_HEAD_WIDTHS. Null when the head or trunk is not seen well enough to tell.
 */
export function bodyPlausibility(pose: Pose): BodyPlausibility | null {
  const torsoHeadWidths = torsoHeadRatio(pose);
  if (torsoHeadWidths === null) return null;
  const head = headWidth(pose);
  const p = (name: LandmarkName) => pointOf(pose, name);
  let bodyHeadWidths: number | null = null;
  for (const side of ['left', 'right'] as const) {
    const chain = [`${side}_shoulder`, `${side}_hip`, `${side}_knee`, `${side}_ankle`] as const;
    if (!chain.every((n) => seenIn(pose, n))) continue;
    const length = (dist(p(chain[0]), p(chain[1])) + dist(p(chain[1]), p(chain[2])) + dist(p(chain[2]), p(chain[3]))) / head;
    bodyHeadWidths = Math.max(bodyHeadWidths ?? 0, length);
  }
  const score = Math.min(torsoHeadWidths / MIN_TORSO_HEAD_WIDTHS, bodyHeadWidths === null ? Infinity : bodyHeadWidths / MIN_BODY_HEAD_WIDTHS);
  return { torsoHeadWidths, bodyHeadWidths, score };
}

const NO_EDGES: CutEdges = { left: false, right: false, top: false, bottom: false };
const inFrame = (l: NormalizedLandmark) => l.x >= 0 && l.x <= 1 && l.y >= 0 && l.y <= 1;
/** "near_hip" -> "hip", "left_wrist" -> "left wrist". */
const partWord = (name: string) => name.replace(/^near_/, '').replace(/_index$/, ' toes').replace(/_/g, ' ');

/** "Ear, shoulder and hip in the picture". */
export function partsLabel(need: FrameNeed): string {
  const words = [...new Set(need.parts.map(partWord))];
  const text = joinWords(words);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} in the picture`;
}

/** "Lying on your back", "Lying face down or on hands and knees". */
function positionLabel(positions: readonly BodyPosition[]): string {
  const text = joinWords(positions.map((p) => POSITION_WORDS[p])).replace(/ and ([^,]*)$/, ' or $1');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function viewLabel(need: FrameNeed): string {
  const standing = !need.position || need.position.includes('standing');
  switch (need.view) {
    case 'side':
      return standing ? 'Standing side-on to the camera' : 'Side-on to the camera';
    case 'side-or-oblique':
      return 'Side-on (or three-quarter) to the camera';
    case 'front':
      return 'Facing the camera';
    case 'any':
      return 'Any direction';
  }
}

/**
 * Once a stream of frames has passed the view check, it keeps passing until the body turns this
 * far past the line. The turn read from one frame to the next wanders while nobody turns: over
 * 9° (23-32°) within one still standing phase of the squats clip (tfjs; 7° with MediaPipe), as
 * the model's depth guess for the shoulders and hips jitters. Without the margin a person
 * standing near a line drops in and out of the view frame by frame; with it, only a real turn
 * of more than 10° past the line leaves the view. A still picture, or a first frame, is held to
 * the line itself.
 */
export const VIEW_HOLD_MARGIN_DEG = 10;

/** Whether a body turned `yawDeg` from facing the camera suits `need`; `held`: it did in the previous frame. */
export function viewAccepts(need: ViewNeed, yawDeg: number, held = false): boolean {
  const margin = held ? VIEW_HOLD_MARGIN_DEG : 0;
  switch (need) {
    case 'side':
      return yawDeg >= SIDE_VIEW_MIN_YAW_DEG - margin;
    case 'side-or-oblique':
      return yawDeg > FRONT_VIEW_MAX_YAW_DEG - margin;
    case 'front':
      return yawDeg <= FRONT_VIEW_MAX_YAW_DEG + margin;
    case 'any':
      return true;
  }
}

/** The assessment of the previous frame of the same stream, as far as assessFrame needs it. */
export interface AssessOptions {
  /** The previous frame passed the view check (its `viewHeld`): the view is held with VIEW_HOLD_MARGIN_DEG. */
  readonly viewHeld?: boolean;
}

/**
 * Camera roll from the flatter of the two feet (heel to toes), when a foot is seen inside the
 * picture. A standing person's foot on a level floor is within a few degrees of horizontal; a
 * foot lifted mid-step is not, which is why the flatter one is used and the check only advises.
 */
export function cameraTiltDeg(pose: Pose): number | null {
  const tilts: number[] = [];
  for (const side of ['left', 'right'] as const) {
    const heel = pose.landmarks[LANDMARK_INDEX[`${side}_heel`]];
    const toe = pose.landmarks[LANDMARK_INDEX[`${side}_foot_index`]];
    if (!heel || !toe || !(heel.visibility >= MIN_VISIBILITY) || !(toe.visibility >= MIN_VISIBILITY) || !inFrame(heel) || !inFrame(toe)) continue;
    const dx = (toe.x - heel.x) * pose.imageWidth;
    const dy = (toe.y - heel.y) * pose.imageHeight;
    if (Math.hypot(dx, dy) < 4) continue;
    // Angle of the foot line from horizontal, whichever way the person faces: -90..90.
    let a = (Math.atan2(dy, dx) * 180) / Math.PI;
    if (a > 90) a -= 180;
    if (a < -90) a += 180;
    tilts.push(a);
  }
  if (!tilts.length) return null;
  return tilts.reduce((best, t) => (Math.abs(t) < Math.abs(best) ? t : best));
}

function edgesOf(points: readonly NormalizedLandmark[]): CutEdges {
  return {
    left: points.some((l) => l.x < 0),
    right: points.some((l) => l.x > 1),
    top: points.some((l) => l.y < 0),
    bottom: points.some((l) => l.y > 1),
  };
}

/**
 * Whether `pose` shows what `need` asks for, check by check. `options.viewHeld`: the previous
 * frame of the same stream passed the view check (see VIEW_HOLD_MARGIN_DEG).
 */
export function assessFrame(pose: Pose | null, need: FrameNeed, options: AssessOptions = {}): FrameAssessment {
  const parts = partsLabel(need);
  const viewText = viewLabel(need);
  const checks: QualityCheck[] = [];
  const issues: Refusal[] = [];
  const add = (check: QualityCheck, problem: Refusal | null) => {
    checks.push(check);
    if (check.blocking && check.ok === false && problem) issues.push(problem);
  };

  if (!pose) {
    const none = refusal('no-person');
    add({ id: 'person', label: 'You are in the picture', ok: false, blocking: true, hint: none.message }, none);
    if (!need.allowMultiplePeople) add({ id: 'one-person', label: 'Only you in view', ok: null, blocking: true, hint: null }, null);
    add({ id: 'parts', label: parts, ok: false, blocking: true, hint: null }, null);
    if (need.view !== 'any') add({ id: 'view', label: viewText, ok: null, blocking: !need.viewAdvisory, hint: null }, null);
    if (need.position?.length) add({ id: 'position', label: positionLabel(need.position), ok: null, blocking: true, hint: null }, null);
    if (need.level) add({ id: 'level', label: 'Camera upright', ok: null, blocking: false, hint: null }, null);
    // Nobody in view: whether the view holds cannot be told, so it is not held.
    return { ok: false, checks, issues, side: null, view: null, viewHeld: need.view === 'any', tiltDeg: null, cutEdges: NO_EDGES };
  }

  const { side } = nearSide(pose);
  const view = classifyView(pose);
  add({ id: 'person', label: 'You are in the picture', ok: true, blocking: true, hint: null }, null);

  if (!need.allowMultiplePeople) {
    const crowd = pose.peopleCount > 1 ? refusal('multiple-people') : null;
    add({ id: 'one-person', label: 'Only you in view', ok: crowd === null, blocking: true, hint: crowd?.message ?? null }, crowd);
  }

  const names: LandmarkName[] = need.parts.map((p) => resolveLandmark(p, side));
  const points = names.map((n) => pose.landmarks[LANDMARK_INDEX[n]]);
  const unseen = need.parts.filter((_, i) => !points[i] || !(points[i].visibility >= MIN_VISIBILITY));
  const outside = need.parts.filter((_, i) => points[i] && points[i].visibility >= MIN_VISIBILITY && !inFrame(points[i]));
  let partsProblem: Refusal | null = null;
  if (unseen.length) {
    const first = partWord(unseen[0]);
    partsProblem =
      first === 'ear' || first === 'shoulder' || first === 'hip'
        ? refusal(`${first}s-not-visible` as const)
        : refusal('parts-not-visible', [...new Set(unseen.map(partWord))]);
  } else if (outside.length) {
    partsProblem = refusal('cut-off', [...new Set(outside.map(partWord))]);
  } else if (need.parts.some((n) => n.endsWith('_hip'))) {
    const body = bodyPlausibility(pose);
    if (body !== null && body.score < 1) partsProblem = refusal('hips-not-visible');
  }
  add({ id: 'parts', label: parts, ok: partsProblem === null, blocking: true, hint: partsProblem?.message ?? null }, partsProblem);

  const viewHeld = viewAccepts(need.view, view.yawDeg, options.viewHeld ?? false);
  if (need.view !== 'any') {
    const problem = viewHeld ? null : viewRefusal(need.view, need.viewReason);
    add({ id: 'view', label: viewText, ok: viewHeld, blocking: !need.viewAdvisory, hint: problem?.message ?? null }, problem);
  }

  if (need.position?.length) {
    const place = bodyPlacement(pose);
    // Without the trunk, whether the body is in position cannot be told: that blocks too.
    const ok = !place.unseen && place.position !== null && need.position.includes(place.position);
    const problem = ok ? null : place.unseen ? refusal(`${place.unseen}-not-visible`) : refusal('wrong-position', need.position.map((p) => POSITION_WORDS[p]));
    add({ id: 'position', label: positionLabel(need.position), ok, blocking: true, hint: problem?.message ?? null }, problem);
  }

  let tiltDeg: number | null = null;
  if (need.level) {
    tiltDeg = cameraTiltDeg(pose);
    const ok = tiltDeg === null ? null : Math.abs(tiltDeg) <= MAX_TILT_DEG;
    add(
      {
        id: 'level',
        label: 'Camera upright',
        ok,
        blocking: false,
        hint:
          ok === false
            ? `The picture looks tilted by about ${Math.round(Math.abs(tiltDeg!))}°. Stand the camera upright (not leaning sideways) so angles are measured against true vertical.`
            : ok === null
              ? 'Your feet are not in view, so the camera cannot be checked for tilt: make sure it stands upright.'
              : null,
      },
      null,
    );
  }

  return { ok: issues.length === 0, checks, issues, side, view, viewHeld, tiltDeg, cutEdges: edgesOf(points.filter((p) => p && p.visibility >= MIN_VISIBILITY)) };
}

/** A short key that changes only when a line of the checklist changes (to re-render only then). */
export function checklistKey(checks: readonly QualityCheck[]): string {
  return checks.map((c) => `${c.id}:${c.ok}:${c.hint}`).join('|');
}
