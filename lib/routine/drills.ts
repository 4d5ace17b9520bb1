// The daily routine's drills as data (DESIGN.md "The daily routine", seeds/003 with 002, 004 and
// 000): the warm-up before the stage's exercise, the mobility drills after it. A counted drill
// names a catalogue exercise (lib/exercise/catalogue.ts: its signal, thresholds, view and
// position) and how many reps or breaths the routine asks for; a timed drill is a countdown the
// camera does not judge (a roller under the back hides the body the model would need).

/** Where a drill sits in the routine: before the stage's exercise, or after it. */
export type RoutinePart = 'warm-up' | 'mobility';

/** The body position a step's drawing shows (components/routine/position-drawing.tsx). */
export type PositionPicture =
  | 'on-roller'
  | 'all-fours-side'
  | 'forearms-side'
  | 'standing-front'
  | 'standing-side'
  | 'reverse-table-side'
  | 'prone-ball-side'
  | 'supine-bench-side'
  | 'supine-side';

interface DrillCommon {
  readonly id: string;
  readonly name: string;
  readonly part: RoutinePart;
  /** One line: how to do it. */
  readonly instruction: string;
  /** Where to be and how to face the camera, in a few words ("On hands and knees, side-on"). */
  readonly position: string;
  readonly picture: PositionPicture;
  /** A safety line said before the step and shown during it; absent when the drill has none. */
  readonly safety?: string;
  /** What it needs ("a foam roller", "a light band"). */
  readonly equipment?: string;
  /** Rest after it, seconds. */
  readonly restSeconds: number;
}

export interface CountedDrill extends DrillCommon {
  readonly kind: 'counted';
  /** The catalogue exercise that counts it. */
  readonly exerciseId: string;
  /** Reps (or breaths) asked for; per side when `sides` is 'each'. */
  readonly reps: number;
  /** 'each': one step per side (right, then left); 'alternating': sides alternate within the step. */
  readonly sides?: 'each' | 'alternating';
  /** Rough seconds per rep, for the planned time. */
  readonly secondsPerRep: number;
  /** What one rep is called on screen ("breaths", "reps"). */
  readonly unit: string;
}

export interface TimedDrill extends DrillCommon {
  readonly kind: 'timed';
  readonly seconds: number;
}

export type Drill = CountedDrill | TimedDrill;

const ROLLER_SAFETY =
  'Upper back only: not the neck, not the lower back. If your hands or arms tingle, pull the elbows in towards the chest.';

export const DRILLS: readonly Drill[] = [
  {
    id: 'foam-roll',
    name: 'Foam roll',
    part: 'warm-up',
    kind: 'timed',
    seconds: 60,
    instruction: 'Roller across the mat under the bottom of the ribs, hips down, hands behind the head. Lift the hips a little and roll slowly up towards the shoulders; pause on a tight spot.',
    position: 'Lying back on a foam roller',
    picture: 'on-roller',
    safety: ROLLER_SAFETY,
    equipment: 'a foam roller',
    restSeconds: 10,
  },
  {
    id: 'cat-cow',
    name: 'Cat-cow',
    part: 'warm-up',
    kind: 'counted',
    exerciseId: 'cat-cow',
    reps: 8,
    unit: 'breaths',
    secondsPerRep: 5,
    instruction: 'Breathe in: belly down, head up (cow). Breathe out: round the back, chin to chest (cat).',
    position: 'On hands and knees, side-on to the camera',
    picture: 'all-fours-side',
    restSeconds: 10,
  },
  {
    id: 'table-top-twist',
    name: 'Table-top twists',
    part: 'mobility',
    kind: 'counted',
    exerciseId: 'table-top-twist',
    reps: 8,
    sides: 'each',
    unit: 'reps',
    secondsPerRep: 4,
    instruction: 'On the forearms, one hand behind the head: breathe in and turn the elbow up to the ceiling, breathe out and bring it down under you.',
    position: 'On forearms and knees, side-on to the camera',
    picture: 'forearms-side',
    restSeconds: 10,
  },
  {
    id: 'band-pull-apart',
    name: 'Band pull-apart',
    part: 'mobility',
    kind: 'counted',
    exerciseId: 'band-pull-apart',
    reps: 15,
    unit: 'reps',
    secondsPerRep: 3,
    instruction: 'Arms straight in front at shoulder height: breathe out and pull the band apart to the sides, then back to shoulder width.',
    position: 'Standing, facing the camera',
    picture: 'standing-front',
    equipment: 'a light band',
    restSeconds: 15,
  },
  {
    id: 'thoracic-bridge',
    name: 'Thoracic bridge',
    part: 'mobility',
    kind: 'counted',
    exerciseId: 'thoracic-bridge',
    reps: 10,
    sides: 'alternating',
    unit: 'reps',
    secondsPerRep: 5,
    instruction: 'Sit, knees bent, hands behind you. Push the hips up and reach one arm across the body; lower, and switch sides.',
    position: 'Sitting, hands behind you, side-on to the camera',
    picture: 'reverse-table-side',
    restSeconds: 15,
  },
  {
    id: 'roller-mobilisation',
    name: 'Roller mobilisation',
    part: 'mobility',
    kind: 'timed',
    seconds: 90,
    instruction: 'Roller just below the neck, fingers laced behind the head. Work down one joint at a time: ease back over the roller, then forward, a few times each.',
    position: 'Lying back on a foam roller',
    picture: 'on-roller',
    safety: ROLLER_SAFETY,
    equipment: 'a foam roller',
    restSeconds: 0,
  },
];

const BY_ID = new Map(DRILLS.map((d) => [d.id, d]));

export function getDrill(id: string): Drill | undefined {
  return BY_ID.get(id);
}

/** The marker for the stage's exercise in a routine order: it cannot be turned off. */
export const STAGE_ITEM = 'stage';

/** The order a new person's routine runs in: warm-up, the stage's exercise, mobility. */
export const DEFAULT_ROUTINE_ORDER: readonly string[] = [
  ...DRILLS.filter((d) => d.part === 'warm-up').map((d) => d.id),
  STAGE_ITEM,
  ...DRILLS.filter((d) => d.part === 'mobility').map((d) => d.id),
];

/** Pictures for the ladder's exercises (the stage step). */
export const STAGE_PICTURES: Readonly<Record<string, PositionPicture>> = {
  'cat-cow': 'all-fours-side',
  'wall-extension-hold': 'standing-side',
  'swiss-ball-hip-extension-lowering': 'prone-ball-side',
  'dumbbell-pullover': 'supine-bench-side',
  'back-bridge': 'supine-side',
};

/** Where to be for the ladder's exercises (the stage step), in a few words. */
export const STAGE_POSITIONS: Readonly<Record<string, string>> = {
  'cat-cow': 'On hands and knees, side-on to the camera',
  'wall-extension-hold': 'Standing side-on to the camera, heels a foot from a wall',
  'swiss-ball-hip-extension-lowering': 'Face down over a Swiss ball, side-on to the camera',
  'dumbbell-pullover': 'On your back across a bench, side-on to the camera',
  'back-bridge': 'On your back, knees bent, side-on to the camera',
};
