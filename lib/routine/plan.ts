// Today's routine as a list of steps: the person's drill order (Settings) with the stage's
// exercise at its dose in its place. Pure: the catalogue is looked up through `exists`.
import type { Dose, Exercise } from '../exercise/types';
import { DEFAULT_ROUTINE_ORDER, getDrill, STAGE_ITEM, STAGE_PICTURES, STAGE_POSITIONS, type PositionPicture } from './drills';

/** The person's routine: the order of its items (drill ids and STAGE_ITEM) and the drills turned off. */
export interface RoutinePrefs {
  readonly order: readonly string[];
  readonly off: readonly string[];
}

export const DEFAULT_ROUTINE_PREFS: RoutinePrefs = { order: DEFAULT_ROUTINE_ORDER, off: [] };

const KNOWN = new Set<string>(DEFAULT_ROUTINE_ORDER);

/**
 * Preferences that can always be used: every known item exactly once (unknown ids dropped, a
 * missing one put back where the default order has it), the stage's exercise never off.
 */
export function normalizePrefs(raw: unknown): RoutinePrefs {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { order?: unknown; off?: unknown };
  const order: string[] = [];
  if (Array.isArray(r.order)) for (const id of r.order) if (typeof id === 'string' && KNOWN.has(id) && !order.includes(id)) order.push(id);
  DEFAULT_ROUTINE_ORDER.forEach((id, i) => {
    if (order.includes(id)) return;
    // After the nearest item that comes before it by default, else first.
    const before = DEFAULT_ROUTINE_ORDER.slice(0, i).reverse().find((p) => order.includes(p));
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, id);
  });
  const off = Array.isArray(r.off) ? [...new Set(r.off.filter((id): id is string => typeof id === 'string' && KNOWN.has(id) && id !== STAGE_ITEM))] : [];
  return { order, off: DEFAULT_ROUTINE_ORDER.filter((id) => off.includes(id)) };
}

/** Whether `raw` is already a normalized preference (what Settings may store). */
export function isRoutinePrefs(raw: unknown): raw is RoutinePrefs {
  if (typeof raw !== 'object' || raw === null) return false;
  const n = normalizePrefs(raw);
  return JSON.stringify(n) === JSON.stringify({ order: (raw as RoutinePrefs).order, off: (raw as RoutinePrefs).off });
}

/** `id` moved `delta` places (clamped to the list). */
export function moveItem(prefs: RoutinePrefs, id: string, delta: number): RoutinePrefs {
  const order = [...prefs.order];
  const from = order.indexOf(id);
  if (from < 0) return prefs;
  const to = Math.max(0, Math.min(order.length - 1, from + delta));
  if (to === from) return prefs;
  order.splice(from, 1);
  order.splice(to, 0, id);
  return { ...prefs, order };
}

/** A drill turned on or off; the stage's exercise always stays on. */
export function setItemOn(prefs: RoutinePrefs, id: string, on: boolean): RoutinePrefs {
  if (id === STAGE_ITEM || !KNOWN.has(id)) return prefs;
  const off = on ? prefs.off.filter((x) => x !== id) : [...new Set([...prefs.off, id])];
  return normalizePrefs({ order: prefs.order, off });
}

export type StepKind = 'counted' | 'timed';
export type Side = 'right' | 'left';

/** One step of the routine: plain data, saved with the routine so a reload can carry on. */
export interface RoutineStep {
  /** Unique within the routine: the drill id, with the side or the set ("table-top-twist:right", "stage:2"). */
  readonly key: string;
  /** The drill's id, or STAGE_ITEM. */
  readonly item: string;
  readonly name: string;
  readonly kind: StepKind;
  /** The catalogue exercise that counts it (counted steps); null for timed steps. */
  readonly exerciseId: string | null;
  /** Reps, breaths or holds to count (counted); seconds (timed). */
  readonly target: number;
  /** What the target counts, in words ("breaths", "reps", "holds", "seconds"). */
  readonly unit: string;
  readonly side: Side | null;
  /** Alternating sides within the step (thoracic bridge). */
  readonly alternating: boolean;
  /** Seconds per hold, or of a timed stage exercise, from the stage's dose. */
  readonly holdSeconds: number | null;
  readonly durationSeconds: number | null;
  readonly instruction: string;
  readonly position: string;
  readonly picture: PositionPicture;
  readonly safety: string | null;
  readonly restSeconds: number;
  /** Rough time the step itself takes, seconds. */
  readonly plannedSeconds: number;
  readonly stage: boolean;
}

/** The time given to get into position before counting starts, seconds. */
export const POSITION_SECONDS = 10;
/** Rest between the stage exercise's sets, seconds. */
export const STAGE_SET_REST_SECONDS = 45;

export interface StageInput {
  readonly exerciseId: string;
  readonly exerciseName: string;
  readonly dose: Dose;
  /** The catalogue's entry for the stage's exercise (its kind, instructions). */
  readonly exercise: Pick<Exercise, 'kind' | 'instructions'>;
}

const SIDE_WORD: Record<Side, string> = { right: 'right arm', left: 'left arm' };

function stageSteps(stage: StageInput): RoutineStep[] {
  const { dose, exercise } = stage;
  const sets = Math.max(1, Math.min(10, Math.round(dose.sets || 1)));
  const hold = exercise.kind === 'hold';
  const timed = exercise.kind === 'timed';
  const target = timed ? (dose.durationSeconds ?? 45) : (dose.reps ?? 10);
  const perRep = hold ? (dose.holdSeconds ?? 10) + 5 : 4;
  const planned = timed ? target : target * perRep;
  return Array.from({ length: sets }, (_, i) => ({
    key: sets > 1 ? `${STAGE_ITEM}:${i + 1}` : STAGE_ITEM,
    item: STAGE_ITEM,
    name: sets > 1 ? `${stage.exerciseName}, set ${i + 1} of ${sets}` : stage.exerciseName,
    kind: 'counted' as const,
    exerciseId: stage.exerciseId,
    target,
    unit: hold ? 'holds' : timed ? 'seconds' : 'reps',
    side: null,
    alternating: false,
    holdSeconds: hold ? (dose.holdSeconds ?? null) : null,
    durationSeconds: timed ? target : null,
    instruction: exercise.instructions ?? '',
    position: STAGE_POSITIONS[stage.exerciseId] ?? '',
    picture: STAGE_PICTURES[stage.exerciseId] ?? 'standing-side',
    safety: null,
    restSeconds: i < sets - 1 ? STAGE_SET_REST_SECONDS : 15,
    plannedSeconds: planned,
    stage: true,
  }));
}

/**
 * Today's steps in order. Drills turned off are left out, and so is a drill whose exercise is
 * the stage's own (stage 1's cat-cow is done once, at the stage's dose) or is not in the
 * catalogue (`exists`). The last step has no rest after it.
 */
export function planRoutine(prefs: RoutinePrefs, stage: StageInput, exists: (exerciseId: string) => boolean): RoutineStep[] {
  const p = normalizePrefs(prefs);
  const steps: RoutineStep[] = [];
  for (const item of p.order) {
    if (item === STAGE_ITEM) {
      steps.push(...stageSteps(stage));
      continue;
    }
    if (p.off.includes(item)) continue;
    const d = getDrill(item);
    if (!d) continue;
    const common = {
      item: d.id,
      instruction: d.instruction,
      position: d.position,
      picture: d.picture,
      safety: d.safety ?? null,
      restSeconds: d.restSeconds,
      stage: false,
      holdSeconds: null,
      durationSeconds: null,
    };
    if (d.kind === 'timed') {
      steps.push({ ...common, key: d.id, name: d.name, kind: 'timed', exerciseId: null, target: d.seconds, unit: 'seconds', side: null, alternating: false, plannedSeconds: d.seconds });
      continue;
    }
    if (d.exerciseId === stage.exerciseId || !exists(d.exerciseId)) continue;
    const counted = { ...common, kind: 'counted' as const, exerciseId: d.exerciseId, target: d.reps, unit: d.unit, plannedSeconds: d.reps * d.secondsPerRep };
    if (d.sides === 'each') {
      for (const side of ['right', 'left'] as const) {
        steps.push({ ...counted, key: `${d.id}:${side}`, name: `${d.name}, ${SIDE_WORD[side]}`, side, alternating: false, restSeconds: side === 'right' ? 5 : d.restSeconds });
      }
    } else steps.push({ ...counted, key: d.id, name: d.name, side: null, alternating: d.sides === 'alternating' });
  }
  if (steps.length) steps[steps.length - 1] = { ...steps[steps.length - 1], restSeconds: 0 };
  return steps;
}

/** The routine's planned time, seconds: each step, its getting into position, and its rest. */
export function plannedSeconds(steps: readonly RoutineStep[]): number {
  return steps.reduce((sum, s) => sum + s.plannedSeconds + POSITION_SECONDS + s.restSeconds, 0);
}

/** "12 min": a planned time in whole minutes (at least 1). */
export function minutesWords(seconds: number): string {
  return `${Math.max(1, Math.round(seconds / 60))} min`;
}

/**
 * The exercise a counted step runs through the counter: the catalogue's entry with the step's
 * dose. A timed catalogue entry (cat-cow) done as a drill is counted to its breaths instead of
 * timed; the stage's own timed exercise keeps its duration.
 */
export function exerciseForStep(step: RoutineStep, catalogue: Exercise): Exercise {
  if (catalogue.kind === 'hold' && step.holdSeconds) return { ...catalogue, targetSeconds: step.holdSeconds };
  if (catalogue.kind === 'timed') {
    if (step.durationSeconds) return { ...catalogue, durationSeconds: step.durationSeconds };
    const { durationSeconds: _d, ...rest } = catalogue;
    return { ...rest, kind: 'reps' };
  }
  return catalogue;
}

/** The reps the counter should stop at for a counted step (null: the duration ends a timed one). */
export function targetRepsOf(step: RoutineStep): number | null {
  return step.kind === 'counted' && step.durationSeconds === null ? step.target : null;
}

