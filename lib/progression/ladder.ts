// The five-stage exercise ladder as data (DESIGN.md "The exercise ladder", from seeds/001):
// mobility, static holds, eccentric, concentric, functional strength. A stage's default dose
// is where the stage starts; `growth` says which quantity the weekly 5-10 % applies to and
// where it stops.
import type { Dose, ExerciseKind, LadderStage } from '../exercise/types';

/** The dose quantity that grows week by week (seconds for holds and timed work, else reps). */
export type DoseQuantity = 'holdSeconds' | 'durationSeconds' | 'reps';

export interface DoseGrowth {
  readonly quantity: DoseQuantity;
  /** The stage's upper bound in the quantity's unit (60 s, 20 reps, 16 reps); null: none stated. */
  readonly max: number | null;
}

export interface LadderStep {
  readonly stage: LadderStage;
  /** The stage's name ("Static holds"). */
  readonly name: string;
  /** Catalogue id of the stage's exercise (lib/exercise/catalogue). */
  readonly exerciseId: string;
  readonly exerciseName: string;
  readonly kind: ExerciseKind;
  /** The dose the stage starts at. */
  readonly dose: Dose;
  readonly growth: DoseGrowth;
  /** How often, in words ("twice a day"). */
  readonly frequency: string;
  /** Sessions a week the frequency prescribes: the denominator of adherence. */
  readonly sessionsPerWeek: number;
  /** Upper end when the frequency is a range ("1-2x a week"); else equal to sessionsPerWeek. */
  readonly sessionsPerWeekMax: number;
  /** What the camera measures during the exercise. */
  readonly measures: readonly string[];
  /** The angle whose weekly median is the stage's range measure, in words. */
  readonly rangeMeasure: string;
}

/** Sessions a week from a dose's frequency: times a day x 7, 7 / N for every N days, or times a week. */
export function sessionsPerWeek(dose: Dose): number {
  if (dose.perDay !== undefined) return dose.perDay * 7;
  if (dose.everyNDays !== undefined) return 7 / dose.everyNDays;
  if (dose.perWeek !== undefined) return dose.perWeek;
  return 7; // no frequency stated: once a day
}

function step(s: Omit<LadderStep, 'sessionsPerWeek' | 'sessionsPerWeekMax'> & { readonly perWeekMax?: number }): LadderStep {
  const { perWeekMax, ...rest } = s;
  const perWeek = sessionsPerWeek(s.dose);
  return { ...rest, sessionsPerWeek: perWeek, sessionsPerWeekMax: perWeekMax ?? perWeek };
}

export const LADDER: readonly LadderStep[] = [
  step({
    stage: 1,
    name: 'Mobility',
    exerciseId: 'cat-cow',
    exerciseName: 'Cat-cow',
    kind: 'timed',
    // 30-60 s: start at 30 s and grow to 60 s.
    dose: { sets: 1, durationSeconds: 30, perDay: 3 },
    growth: { quantity: 'durationSeconds', max: 60 },
    frequency: '3 times a day',
    measures: ['cycles', 'head and trunk angle range'],
    rangeMeasure: 'median peak of the cat-cow cycles',
  }),
  step({
    stage: 2,
    name: 'Static holds',
    exerciseId: 'wall-extension-hold',
    exerciseName: 'Wall extension hold',
    kind: 'hold',
    dose: { sets: 1, reps: 10, holdSeconds: 10, perDay: 2 },
    growth: { quantity: 'holdSeconds', max: null },
    frequency: 'twice a day',
    measures: ['hold seconds', 'trunk extension', 'head-forward angle'],
    rangeMeasure: 'median peak trunk extension of completed holds, above your neutral stance',
  }),
  step({
    stage: 3,
    name: 'Eccentric strength',
    exerciseId: 'swiss-ball-hip-extension-lowering',
    exerciseName: 'Swiss ball hip extension, slow lowering',
    kind: 'reps',
    dose: { sets: 2, reps: 10, perDay: 1 },
    growth: { quantity: 'reps', max: null },
    frequency: 'once a day',
    measures: ['reps', 'lowering time'],
    rangeMeasure: 'median peak hip extension of the reps',
  }),
  step({
    stage: 4,
    name: 'Concentric strength',
    exerciseId: 'dumbbell-pullover',
    exerciseName: 'Dumbbell pullover',
    kind: 'reps',
    dose: { sets: 3, reps: 10, repsMax: 20, everyNDays: 2 },
    growth: { quantity: 'reps', max: 20 },
    frequency: 'every second day',
    measures: ['reps', 'shoulder-flexion range'],
    rangeMeasure: 'median peak shoulder flexion of the reps',
  }),
  step({
    stage: 5,
    name: 'Functional strength',
    exerciseId: 'back-bridge',
    exerciseName: 'Back bridge',
    kind: 'reps',
    // "1-2x a week": one session meets the prescription, so adherence counts against 1.
    dose: { sets: 4, reps: 5, repsMax: 16, perWeek: 1 },
    perWeekMax: 2,
    growth: { quantity: 'reps', max: 16 },
    frequency: 'once or twice a week',
    measures: ['reps', 'hip-extension range'],
    rangeMeasure: 'median peak hip extension of the reps',
  }),
];

export const FIRST_STAGE: LadderStage = 1;
export const LAST_STAGE: LadderStage = 5;

export function ladderStep(stage: LadderStage): LadderStep {
  const s = LADDER[stage - 1];
  if (!s || s.stage !== stage) throw new Error(`no ladder stage ${stage}`);
  return s;
}

/** The next stage up, or null on the last stage. */
export function nextStage(stage: LadderStage): LadderStage | null {
  return stage < LAST_STAGE ? ((stage + 1) as LadderStage) : null;
}

export function stageOfExercise(exerciseId: string): LadderStage | null {
  return LADDER.find((s) => s.exerciseId === exerciseId)?.stage ?? null;
}
