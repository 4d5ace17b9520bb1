import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';
import { ExerciseValidationError, parseExercise } from './validate';

const REPS = { id: 'my-squat', kind: 'reps', signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_knee', 'near_ankle'] }, enterDeg: 120, exitDeg: 155 };
const HOLD = { id: 'my-hold', kind: 'hold', signal: { type: 'trunk-extension' }, enterDeg: 5, exitDeg: 2, targetSeconds: 10 };
const TIMED = { id: 'my-cycles', kind: 'timed', signal: { type: 'head-forward' }, enterDeg: 10, exitDeg: -20, durationSeconds: 45 };

function message(json: unknown): string {
  try {
    parseExercise(json);
  } catch (err) {
    expect(err).toBeInstanceOf(ExerciseValidationError);
    return (err as Error).message;
  }
  throw new Error('expected parseExercise to throw');
}

describe('parseExercise: valid files', () => {
  it('fills defaults for a minimal reps exercise', () => {
    expect(parseExercise(REPS)).toEqual({
      ...REPS,
      name: 'my-squat',
      stage: null,
      // A joint angle is read side-on or three-quarter unless the file says otherwise.
      camera: 'side-or-three-quarter',
      minAmplitudeDeg: 10,
      minRepMs: 400,
      measureLowering: false,
    });
    expect(parseExercise({ ...REPS, camera: 'side' }).camera).toBe('side');
  });

  it('fills defaults for a hold and a timed exercise', () => {
    expect(parseExercise(HOLD)).toEqual({ ...HOLD, name: 'my-hold', stage: null, camera: 'side', restSeconds: 5 });
    expect(parseExercise(TIMED)).toEqual({ ...TIMED, name: 'my-cycles', stage: null, camera: 'side', minAmplitudeDeg: 10, minRepMs: 400 });
  });

  it('keeps every optional field it is given', () => {
    const full = {
      ...REPS,
      name: 'My squat',
      stage: 3,
      dose: { sets: 3, reps: 10, repsMax: 20, everyNDays: 2, perWeek: 1, perWeekMax: 2, holdSeconds: 5, durationSeconds: 30, perDay: 1 },
      instructions: 'Squat.',
      camera: 'front',
      minAmplitudeDeg: 30,
      minRepMs: 800,
      measureLowering: true,
    };
    expect(parseExercise(full)).toEqual(full);
  });

  it('takes the routine drills\' signals and perSide', () => {
    const twist = { ...REPS, signal: { type: 'segment-elevation', landmarks: ['near_shoulder', 'near_elbow'], lengthTrunks: 0.6, eitherSide: true }, enterDeg: 30, exitDeg: -15, perSide: 'each' };
    expect(parseExercise(twist)).toMatchObject({ signal: twist.signal, perSide: 'each', camera: 'side-or-three-quarter' });
    expect(parseExercise({ ...REPS, signal: { type: 'arm-spread' }, enterDeg: 45, exitDeg: 25 })).toMatchObject({ signal: { type: 'arm-spread' }, camera: 'front' });
    expect(parseExercise({ ...REPS, position: ['reverse-table-top'], perSide: 'alternating' })).toMatchObject({ position: ['reverse-table-top'], perSide: 'alternating' });
  });

  it('accepts every catalogue entry as it is', () => {
    for (const exercise of CATALOGUE) {
      const parsed = parseExercise(JSON.parse(JSON.stringify(exercise)));
      expect(parsed).toMatchObject(exercise);
    }
  });
});

describe('parseExercise: each field, with a message that names it', () => {
  it.each([
    ['not an object', [1, 2], /^exercise: expected a JSON object .*got a list/],
    ['no id', { ...REPS, id: undefined }, /^id: must be 1 to 64 letters, digits, "-" or "_".*got nothing/],
    ['an id with spaces', { ...REPS, id: 'my squat' }, /^id: .*got the string "my squat"/],
    ['no kind', { ...REPS, kind: undefined }, /^kind: must be "hold", "reps" or "timed"; got nothing/],
    ['a wrong kind', { ...REPS, kind: 'rep' }, /^kind: must be "hold", "reps" or "timed"; got the string "rep"/],
    ['an empty name', { ...REPS, name: ' ' }, /^name: expected a non-empty text/],
    ['stage 6', { ...REPS, stage: 6 }, /^stage: must be 1, 2, 3, 4 or 5 .* or null; got 6/],
    ['stage "2"', { ...REPS, stage: '2' }, /^stage: .*got the string "2"/],
    ['no signal', { ...REPS, signal: undefined }, /^signal: missing; e\.g\. \{ "type": "joint-angle"/],
    ['a signal that is text', { ...REPS, signal: 'knee' }, /^signal: expected an object .*got the string "knee"/],
    ['an unknown signal type', { ...REPS, signal: { type: 'knee-angle' } }, /^signal\.type: must be "trunk-extension", "head-forward", "joint-angle", "arm-spread" or "segment-elevation"; got the string "knee-angle"/],
    ['landmarks on a trunk signal', { ...HOLD, signal: { type: 'trunk-extension', landmarks: [] } }, /^signal\.landmarks: only "joint-angle" and "segment-elevation" signals take landmarks/],
    ['no landmarks', { ...REPS, signal: { type: 'joint-angle' } }, /^signal\.landmarks: expected a list of three landmark names .*got nothing/],
    ['two landmarks', { ...REPS, signal: { type: 'joint-angle', landmarks: ['left_hip', 'left_knee'] } }, /^signal\.landmarks: .*got 2 names/],
    ['a number as a landmark', { ...REPS, signal: { type: 'joint-angle', landmarks: ['left_hip', 25, 'left_ankle'] } }, /^signal\.landmarks\[1\]: expected a landmark name .*got 25/],
    ['a repeated landmark', { ...REPS, signal: { type: 'joint-angle', landmarks: ['left_hip', 'left_knee', 'left_hip'] } }, /^signal\.landmarks\[2\]: "left_hip" is used twice/],
    ['an extra signal field', { ...REPS, signal: { ...REPS.signal, side: 'left' } }, /^signal\.side: unknown field/],
    ['enterDeg as text', { ...REPS, enterDeg: '120' }, /^enterDeg: expected a number of degrees \(a joint angle\) from 0 to 180, got the string "120"/],
    ['no exitDeg', { ...REPS, exitDeg: undefined }, /^exitDeg: expected a number .*got nothing/],
    ['a joint angle over 180', { ...REPS, exitDeg: 200 }, /^exitDeg: expected a number of degrees \(a joint angle\) from 0 to 180, got 200/],
    ['a trunk angle under -180', { ...HOLD, enterDeg: -190 }, /^enterDeg: expected a number of degrees from -180 to 180, got -190/],
    ['thresholds too close', { ...REPS, exitDeg: 121 }, /^exitDeg: must differ from enterDeg \(120\) by at least 2 degrees.*got 121/],
    ['a hold without a target', { ...HOLD, targetSeconds: undefined }, /^targetSeconds: expected a number of seconds above 0 and at most 600, got nothing/],
    ['a zero target', { ...HOLD, targetSeconds: 0 }, /^targetSeconds: .*got 0/],
    ['a negative rest', { ...HOLD, restSeconds: -1 }, /^restSeconds: expected a number of seconds from 0 to 600, got -1/],
    ['a timed exercise without a duration', { ...TIMED, durationSeconds: undefined }, /^durationSeconds: expected a number of seconds above 0/],
    ['a negative amplitude', { ...REPS, minAmplitudeDeg: -5 }, /^minAmplitudeDeg: expected a number of degrees from 0 to 180, got -5/],
    ['a rep time over a minute', { ...REPS, minRepMs: 70_000 }, /^minRepMs: expected a number of milliseconds from 0 to 60000, got 70000/],
    ['measureLowering as text', { ...REPS, measureLowering: 'yes' }, /^measureLowering: expected true or false, got the string "yes"/],
    ['a wrong camera', { ...REPS, camera: 'top' }, /^camera: must be "side", "side-or-three-quarter" or "front" \(the views the exercise is counted from\); got the string "top"/],
    ['trunk extension from the front', { ...HOLD, camera: 'front' }, /^camera: must be "side": trunk extension is a tilt forward or back, seen only from the side \(from the front it shows sideways lean\); got the string "front"/],
    ['head-forward from three-quarter', { ...TIMED, camera: 'side-or-three-quarter' }, /^camera: must be "side": the head-forward angle is a tilt forward or back/],
    ['instructions as a number', { ...REPS, instructions: 5 }, /^instructions: expected a text/],
    ['a dose that is a number', { ...REPS, dose: 10 }, /^dose: expected an object such as \{ "sets": 2, "reps": 10 \}, got 10/],
    ['a dose without sets', { ...REPS, dose: { reps: 10 } }, /^dose\.sets: expected a whole number of sets from 1 to 100, got nothing/],
    ['half a rep', { ...REPS, dose: { sets: 1, reps: 2.5 } }, /^dose\.reps: expected a whole number of reps from 1 to 1000, got 2\.5/],
    ['a range upside down', { ...REPS, dose: { sets: 1, reps: 20, repsMax: 10 } }, /^dose\.repsMax: must be at least dose\.reps \(20\); got 10/],
    ['a weekly range upside down', { ...REPS, dose: { sets: 1, perWeek: 2, perWeekMax: 1 } }, /^dose\.perWeekMax: must be at least dose\.perWeek \(2\); got 1/],
    ['a dose hold of 0 s', { ...HOLD, dose: { sets: 1, holdSeconds: 0 } }, /^dose\.holdSeconds: expected a number of seconds above 0 and at most 600, got 0/],
    ['an unknown dose field', { ...REPS, dose: { sets: 1, rep: 10 } }, /^dose\.rep: unknown field; did you mean "reps"\?/],
    ['a misspelt field', { ...REPS, minAmplitudDeg: 20 }, /^minAmplitudDeg: unknown field; did you mean "minAmplitudeDeg"\?/],
    ['an unrelated field', { ...REPS, colour: 'red' }, /^colour: unknown field; expected one of "id", "name"/],
    ['a hold field on reps', { ...REPS, targetSeconds: 10 }, /^targetSeconds: only "hold" exercises have this field; this one is "reps"/],
    ['a reps field on a hold', { ...HOLD, measureLowering: true }, /^measureLowering: only "reps" exercises have this field; this one is "hold"/],
    ['a wrong perSide', { ...REPS, perSide: 'both' }, /^perSide: must be "each" or "alternating" \(one set per side, or the sides taking turns within a set\); got the string "both"/],
    ['an arm spread from the side', { ...REPS, signal: { type: 'arm-spread' }, enterDeg: 45, exitDeg: 25, camera: 'side' }, /^camera: must be "front": the arms' spread is read facing the camera; got the string "side"/],
    ['an arm spread past 90', { ...REPS, signal: { type: 'arm-spread' }, enterDeg: 120, exitDeg: 25 }, /^enterDeg: expected a number of degrees from -90 to 90, got 120/],
    ['a segment of three points', { ...REPS, signal: { type: 'segment-elevation', landmarks: ['near_shoulder', 'near_elbow', 'near_wrist'], lengthTrunks: 0.6 }, enterDeg: 30, exitDeg: -15 }, /^signal\.landmarks: expected a list of two landmark names/],
    ['a segment without its length', { ...REPS, signal: { type: 'segment-elevation', landmarks: ['near_shoulder', 'near_elbow'] }, enterDeg: 30, exitDeg: -15 }, /^signal\.lengthTrunks: expected a number of trunk lengths/],
    ['either side on a named side', { ...REPS, signal: { type: 'segment-elevation', landmarks: ['left_shoulder', 'left_elbow'], lengthTrunks: 0.6, eitherSide: true }, enterDeg: 30, exitDeg: -15 }, /^signal\.landmarks\[0\]: with "eitherSide" use "near_" names/],
  ])('%s', (_what, json, expected) => {
    expect(message(json)).toMatch(expected);
  });

  it('suggests the nearest BlazePose name, and its near_ form, for a misspelt landmark', () => {
    const json = { ...REPS, signal: { type: 'joint-angle', landmarks: ['left_hip', 'left_kne', 'left_ankle'] } };
    expect(message(json)).toBe('signal.landmarks[1]: "left_kne" is not a landmark name; use a BlazePose name such as "left_knee", or "near_knee"');
    const near = { ...REPS, signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_elbw', 'near_wrist'] } };
    expect(message(near)).toBe('signal.landmarks[1]: "near_elbw" is not a landmark name; use a BlazePose name such as "left_elbow", or "near_elbow"');
    const nose = { ...REPS, signal: { type: 'joint-angle', landmarks: ['left_wrist', 'nos', 'right_wrist'] } };
    expect(message(nose)).toBe('signal.landmarks[1]: "nos" is not a landmark name; use a BlazePose name such as "nose"');
  });

  it('errors carry the field separately', () => {
    try {
      parseExercise({ ...REPS, enterDeg: null });
    } catch (err) {
      expect((err as ExerciseValidationError).field).toBe('enterDeg');
      expect((err as ExerciseValidationError).name).toBe('ExerciseValidationError');
    }
    expect.assertions(2);
  });
});
