// User-defined exercises from JSON files: checked field by field, with defaults filled in.
// Every error names the field and says what is wrong in words a person can act on.
import { LANDMARK_NAMES } from '../pose/landmarks';
import { DEFAULT_MIN_AMPLITUDE_DEG, DEFAULT_MIN_REP_MS, DEFAULT_REST_SECONDS, MIN_HYSTERESIS_DEG } from './rules';
import { BODY_POSITIONS, type BodyPosition } from '../angles/orientation';
import { cameraOf, viewsAllowed } from './need';
import type { CameraView, Dose, Exercise, ExerciseKind, LadderStage, PerSide, SignalSpec, SignedSide } from './types';

export class ExerciseValidationError extends Error {
  /** The field path, as in the message: "enterDeg", "signal.landmarks[1]", "dose.sets". */
  readonly field: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'ExerciseValidationError';
    this.field = field;
  }
}

type Json = Record<string, unknown>;

const KINDS: readonly ExerciseKind[] = ['hold', 'reps', 'timed'];
const SIGNAL_TYPES = ['trunk-extension', 'head-forward', 'joint-angle', 'arm-spread', 'segment-elevation'] as const;
const COMMON_KEYS = ['id', 'name', 'stage', 'kind', 'signal', 'enterDeg', 'exitDeg', 'dose', 'instructions', 'camera', 'position', 'perSide'];
const PER_SIDE: readonly PerSide[] = ['each', 'alternating'];
const SIGNED_SIDES: readonly SignedSide[] = ['up', 'down', 'front', 'back'];
const CAMERA_VIEWS: readonly CameraView[] = ['side', 'side-or-three-quarter', 'front'];
const KIND_KEYS: Readonly<Record<ExerciseKind, readonly string[]>> = {
  hold: ['targetSeconds', 'restSeconds'],
  reps: ['minAmplitudeDeg', 'minRepMs', 'measureLowering'],
  timed: ['durationSeconds', 'minAmplitudeDeg', 'minRepMs'],
};
const DOSE_KEYS = ['sets', 'reps', 'repsMax', 'holdSeconds', 'durationSeconds', 'perDay', 'everyNDays', 'perWeek', 'perWeekMax'];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** "near_knee" stands for the knee on the side facing the camera. */
const NEAR_NAMES = LANDMARK_NAMES.filter((n) => n.startsWith('left_')).map((n) => n.replace(/^left_/, 'near_'));
const LANDMARK_CHOICES: readonly string[] = [...LANDMARK_NAMES, ...NEAR_NAMES];

const fail = (field: string, reason: string): never => {
  throw new ExerciseValidationError(field, reason);
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

function closest(word: string, choices: readonly string[]): { choice: string; distance: number } {
  let best = { choice: choices[0], distance: Infinity };
  for (const choice of choices) {
    const distance = editDistance(word.toLowerCase(), choice);
    if (distance < best.distance) best = { choice, distance };
  }
  return best;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ').replace(/, ([^,]*)$/, ' or $1');

function number(obj: Json, key: string, path: string, what: string, min: number, max: number, options: { exclusiveMin?: boolean; integer?: boolean } = {}): number {
  const v = obj[key];
  const range = `${options.integer ? 'a whole number' : 'a number'}${what} ${options.exclusiveMin ? `above ${min}` : `from ${min}`} ${options.exclusiveMin ? 'and at most' : 'to'} ${max}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail(path, `expected ${range}, got ${v === undefined ? 'nothing' : describe(v)}`);
  if ((options.integer && !Number.isInteger(v)) || v > max || (options.exclusiveMin ? v <= min : v < min)) return fail(path, `expected ${range}, got ${v}`);
  return v;
}

function checkKeys(obj: Json, allowed: readonly string[], prefix: string, elsewhere: (key: string) => string | null = () => null): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const path = `${prefix}${key}`;
    const other = elsewhere(key);
    if (other) fail(path, other);
    const near = closest(key, allowed.map((k) => k.toLowerCase()));
    const suggestion = near.distance <= 3 ? `; did you mean "${allowed.find((k) => k.toLowerCase() === near.choice)}"?` : `; expected one of ${oneOf(allowed)}`;
    fail(path, `unknown field${suggestion}`);
  }
}

function landmarkName(value: unknown, path: string): string {
  if (typeof value !== 'string') return fail(path, `expected a landmark name such as "left_knee" or "near_knee", got ${describe(value)}`);
  if (LANDMARK_CHOICES.includes(value)) return value;
  const { choice } = closest(value, LANDMARK_CHOICES);
  const part = choice.replace(/^(left|right|near)_/, '');
  const blazePose = choice.startsWith('near_') ? `left_${part}` : choice;
  const near = NEAR_NAMES.includes(`near_${part}`) ? `, or "near_${part}"` : '';
  return fail(path, `${JSON.stringify(value)} is not a landmark name; use a BlazePose name such as "${blazePose}"${near}`);
}

function parseSignal(value: unknown): SignalSpec {
  const example = '{ "type": "joint-angle", "landmarks": ["near_hip", "near_knee", "near_ankle"] }';
  if (value === undefined) return fail('signal', `missing; e.g. ${example}`);
  if (!isObject(value)) return fail('signal', `expected an object such as ${example}, got ${describe(value)}`);
  const type = value.type;
  if (typeof type !== 'string' || !(SIGNAL_TYPES as readonly string[]).includes(type)) {
    return fail('signal.type', `must be ${oneOf(SIGNAL_TYPES)}; got ${type === undefined ? 'nothing' : describe(type)}`);
  }
  if (type === 'segment-elevation') return parseElevation(value);
  if (type !== 'joint-angle') {
    checkKeys(value, ['type'], 'signal.', (key) => (key === 'landmarks' ? 'only "joint-angle" and "segment-elevation" signals take landmarks' : null));
    return { type: type as 'trunk-extension' | 'head-forward' | 'arm-spread' };
  }
  checkKeys(value, ['type', 'landmarks', 'signed'], 'signal.');
  const list = value.landmarks;
  if (!Array.isArray(list) || list.length !== 3) {
    return fail('signal.landmarks', `expected a list of three landmark names (the angle is measured at the middle one), got ${list === undefined ? 'nothing' : Array.isArray(list) ? `${list.length} names` : describe(list)}`);
  }
  const names = list.map((v, i) => landmarkName(v, `signal.landmarks[${i}]`));
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) fail(`signal.landmarks[${i}]`, `"${name}" is used twice; an angle needs three different points`);
  });
  const signed = value.signed;
  if (signed !== undefined && !(SIGNED_SIDES as readonly unknown[]).includes(signed)) {
    return fail(
      'signal.signed',
      `must be ${oneOf(SIGNED_SIDES)}: the side of the line through the first and last landmark towards which the angle grows past 180 (e.g. "up" for hips lifted above the shoulder-ankle line); got ${describe(signed)}`,
    );
  }
  return { type: 'joint-angle', landmarks: [names[0], names[1], names[2]], ...(signed !== undefined ? { signed: signed as SignedSide } : {}) };
}

function parseElevation(value: Json): SignalSpec {
  checkKeys(value, ['type', 'landmarks', 'lengthTrunks', 'eitherSide'], 'signal.');
  const list = value.landmarks;
  if (!Array.isArray(list) || list.length !== 2) {
    return fail('signal.landmarks', `expected a list of two landmark names (the segment from the first to the second), got ${list === undefined ? 'nothing' : Array.isArray(list) ? `${list.length} names` : describe(list)}`);
  }
  const names = list.map((v, i) => landmarkName(v, `signal.landmarks[${i}]`));
  if (names[0] === names[1]) fail('signal.landmarks[1]', `"${names[1]}" is used twice; a segment needs two different points`);
  const lengthTrunks = number(value, 'lengthTrunks', 'signal.lengthTrunks', ' of trunk lengths (the segment\'s usual length against shoulder-to-hip)', 0, 5, { exclusiveMin: true });
  const eitherSide = value.eitherSide === undefined ? false : value.eitherSide;
  if (typeof eitherSide !== 'boolean') return fail('signal.eitherSide', `expected true or false, got ${describe(eitherSide)}`);
  if (eitherSide) {
    names.forEach((name, i) => {
      if (!name.startsWith('near_')) fail(`signal.landmarks[${i}]`, `with "eitherSide" use "near_" names (read on both sides); got "${name}"`);
    });
  }
  return { type: 'segment-elevation', landmarks: [names[0], names[1]], lengthTrunks, ...(eitherSide ? { eitherSide: true } : {}) };
}

function parsePosition(value: unknown): readonly BodyPosition[] {
  const list = typeof value === 'string' ? [value] : value;
  const explain = `${oneOf(BODY_POSITIONS)}, or a list of them (standing includes kneeling upright; supine is lying on the back, prone lying face down)`;
  if (!Array.isArray(list) || list.length === 0) return fail('position', `expected ${explain}; got ${describe(value)}`);
  return list.map((v, i) => {
    if (typeof v === 'string' && (BODY_POSITIONS as readonly string[]).includes(v)) return v as BodyPosition;
    const path = typeof value === 'string' ? 'position' : `position[${i}]`;
    const near = typeof v === 'string' ? closest(v, BODY_POSITIONS) : null;
    return fail(path, `expected ${explain}; got ${describe(v)}${near && near.distance <= 3 ? `; did you mean "${near.choice}"?` : ''}`);
  });
}

function parseDose(value: unknown): Dose {
  if (!isObject(value)) return fail('dose', `expected an object such as { "sets": 2, "reps": 10 }, got ${describe(value)}`);
  checkKeys(value, DOSE_KEYS, 'dose.');
  const dose: { -readonly [K in keyof Dose]: Dose[K] } = { sets: number(value, 'sets', 'dose.sets', ' of sets', 1, 100, { integer: true }) };
  const optional = (key: keyof Dose, what: string, min: number, max: number, integer: boolean) => {
    if (value[key] !== undefined) dose[key] = number(value, key, `dose.${key}`, what, min, max, { integer, exclusiveMin: !integer });
  };
  optional('reps', ' of reps', 1, 1000, true);
  optional('repsMax', ' of reps', 1, 1000, true);
  optional('holdSeconds', ' of seconds', 0, 600, false);
  optional('durationSeconds', ' of seconds', 0, 3600, false);
  optional('perDay', ' of times a day', 1, 24, true);
  optional('everyNDays', ' of days', 1, 365, true);
  optional('perWeek', ' of times a week', 1, 50, true);
  optional('perWeekMax', ' of times a week', 1, 50, true);
  if (dose.repsMax !== undefined && dose.reps !== undefined && dose.repsMax < dose.reps) fail('dose.repsMax', `must be at least dose.reps (${dose.reps}); got ${dose.repsMax}`);
  if (dose.perWeekMax !== undefined && dose.perWeek !== undefined && dose.perWeekMax < dose.perWeek) fail('dose.perWeekMax', `must be at least dose.perWeek (${dose.perWeek}); got ${dose.perWeekMax}`);
  return dose;
}

/**
 * Checks a user-defined exercise (parsed JSON) and fills in defaults: name = id, stage null,
 * camera 'side' for posture signals and 'side-or-three-quarter' for joint angles, restSeconds 5
 * (holds), minAmplitudeDeg 10 and minRepMs 400 (reps, timed).
 * Throws `ExerciseValidationError` naming the first wrong field.
 */
export function parseExercise(json: unknown): Exercise {
  if (!isObject(json)) return fail('exercise', `expected a JSON object such as { "id": "my-squat", "kind": "reps", ... }, got ${describe(json)}`);

  const id = json.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    return fail('id', `must be 1 to 64 letters, digits, "-" or "_", starting with a letter or digit (it names the exercise in saved sets); got ${id === undefined ? 'nothing' : describe(id)}`);
  }
  const kind = json.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    return fail('kind', `must be ${oneOf(KINDS)}; got ${kind === undefined ? 'nothing' : describe(kind)}`);
  }
  const k = kind as ExerciseKind;
  checkKeys(json, [...COMMON_KEYS, ...KIND_KEYS[k]], '', (key) => {
    const owners = KINDS.filter((other) => KIND_KEYS[other].includes(key));
    return owners.length ? `only ${oneOf(owners)} exercises have this field; this one is "${k}"` : null;
  });

  const name = json.name === undefined ? id : json.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) return fail('name', `expected a non-empty text of at most 100 characters, got ${describe(name)}`);

  const stage = json.stage === undefined ? null : json.stage;
  if (stage !== null && !(typeof stage === 'number' && [1, 2, 3, 4, 5].includes(stage))) {
    return fail('stage', `must be 1, 2, 3, 4 or 5 (a step of the exercise ladder) or null; got ${describe(stage)}`);
  }

  const signal = parseSignal(json.signal);
  const [lo, hi, what] =
    signal.type === 'joint-angle'
      ? signal.signed
        ? [0, 360, ' of degrees (a signed joint angle: 180 is straight)']
        : [0, 180, ' of degrees (a joint angle)']
      : signal.type === 'arm-spread' || signal.type === 'segment-elevation'
        ? [-90, 90, ' of degrees']
        : [-180, 180, ' of degrees'];
  const enterDeg = number(json, 'enterDeg', 'enterDeg', what, lo, hi);
  const exitDeg = number(json, 'exitDeg', 'exitDeg', what, lo, hi);
  if (Math.abs(enterDeg - exitDeg) < MIN_HYSTERESIS_DEG) {
    fail('exitDeg', `must differ from enterDeg (${enterDeg}) by at least ${MIN_HYSTERESIS_DEG} degrees, so that jitter cannot start and end a rep; got ${exitDeg}`);
  }

  const camera = json.camera === undefined ? cameraOf({ signal }) : json.camera;
  if (!(CAMERA_VIEWS as readonly unknown[]).includes(camera)) {
    return fail('camera', `must be ${oneOf(CAMERA_VIEWS)} (the views the exercise is counted from); got ${describe(camera)}`);
  }
  if (!viewsAllowed(signal).includes(camera as CameraView)) {
    if (signal.type === 'arm-spread') return fail('camera', `must be "front": the arms' spread is read facing the camera; got ${describe(camera)}`);
    return fail(
      'camera',
      `must be "side": ${signal.type === 'trunk-extension' ? 'trunk extension' : 'the head-forward angle'} is a tilt forward or back, seen only from the side (from the front it shows sideways lean); got ${describe(camera)}`,
    );
  }
  const position = json.position === undefined ? undefined : parsePosition(json.position);
  const perSide = json.perSide;
  if (perSide !== undefined && !(PER_SIDE as readonly unknown[]).includes(perSide)) {
    fail('perSide', `must be ${oneOf(PER_SIDE)} (one set per side, or the sides taking turns within a set); got ${describe(perSide)}`);
  }
  const instructions = json.instructions;
  if (instructions !== undefined && (typeof instructions !== 'string' || instructions.length > 1000)) {
    fail('instructions', `expected a text of at most 1000 characters, got ${describe(instructions)}`);
  }

  const common = {
    id,
    name,
    stage: stage as LadderStage | null,
    signal,
    enterDeg,
    exitDeg,
    camera: camera as CameraView,
    ...(position ? { position } : {}),
    ...(perSide !== undefined ? { perSide: perSide as PerSide } : {}),
    ...(json.dose !== undefined ? { dose: parseDose(json.dose) } : {}),
    ...(typeof instructions === 'string' ? { instructions } : {}),
  } as const;

  const optionalNumber = (key: string, what: string, min: number, max: number, fallback: number) =>
    json[key] === undefined ? fallback : number(json, key, key, what, min, max);

  switch (k) {
    case 'hold':
      return {
        ...common,
        kind: 'hold',
        targetSeconds: number(json, 'targetSeconds', 'targetSeconds', ' of seconds', 0, 600, { exclusiveMin: true }),
        restSeconds: optionalNumber('restSeconds', ' of seconds', 0, 600, DEFAULT_REST_SECONDS),
      };
    case 'reps': {
      const lowering = json.measureLowering === undefined ? false : json.measureLowering;
      if (typeof lowering !== 'boolean') return fail('measureLowering', `expected true or false, got ${describe(lowering)}`);
      return {
        ...common,
        kind: 'reps',
        minAmplitudeDeg: optionalNumber('minAmplitudeDeg', ' of degrees', 0, 180, DEFAULT_MIN_AMPLITUDE_DEG),
        minRepMs: optionalNumber('minRepMs', ' of milliseconds', 0, 60_000, DEFAULT_MIN_REP_MS),
        measureLowering: lowering,
      };
    }
    case 'timed':
      return {
        ...common,
        kind: 'timed',
        durationSeconds: number(json, 'durationSeconds', 'durationSeconds', ' of seconds', 0, 3600, { exclusiveMin: true }),
        minAmplitudeDeg: optionalNumber('minAmplitudeDeg', ' of degrees', 0, 180, DEFAULT_MIN_AMPLITUDE_DEG),
        minRepMs: optionalNumber('minRepMs', ' of milliseconds', 0, 60_000, DEFAULT_MIN_REP_MS),
      };
  }
}
