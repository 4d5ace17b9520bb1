// The backup file's schema (zod). Strict objects everywhere: a record with a missing, extra or
// mistyped field is rejected, so whatever is imported is exactly what the app itself writes.
// Each record schema is checked against its TypeScript type at compile time (`agrees`), so a
// field added to a stored type without a schema change fails `tsc` here instead of producing
// backups that cannot be restored.
import { z } from '../zod';
import type { Dose, HoldRecord, SetSummary } from '../exercise/types';
import type { DecisionRecord, IsoWeek, ProgrammeState, WeekMeasurements } from '../progression';
import type { CheckInRecord } from './check-in-record';
import type { ProgrammeRecord } from './programme-record';
import type { RangeCheckRecord } from './range-record';
import type { RoutineInfo, RoutineStepRecord, SessionRecord } from './session-record';
import type { SetRecord } from './set-record';
import type { SettingRecord } from './setting-record';
import type { SnapshotGeometry, SnapshotRecord } from './snapshot-record';
import type { Refusal } from '../angles/refusals';
import { RANGE_MEASURE_IDS, type RangeMeasureResult } from '../range/types';

export const BACKUP_FORMAT = 'posture-tracker-backup';
/**
 * The version this app writes. 1: the six tables up to programme and settings; 2: range checks
 * added (`rangeChecks`). Version 1 files still import (`backupSchemaV1`; lib/storage/backup.ts
 * `checkBackup` reads them as version 2 with no range checks).
 */
export const BACKUP_VERSION = 2;

type DeepMutable<T> = T extends Blob ? T : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Agrees<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<A, B> : false) : false;

/** Returns the schema; fails to compile ("expected 2 arguments") when it and `T` disagree. */
function agrees<T>() {
  return <S extends z.ZodType>(schema: S, ..._mismatch: Agrees<z.infer<S>, DeepMutable<T>> extends true ? [] : [never]): S => schema;
}

const id = z.string().min(1).max(500);
/**
 * Every number the app writes is far inside +-1e13 (epoch milliseconds reach 1e13 in the year
 * 2286), so anything beyond is damage, not data. zod 4 also rejects NaN and +-Infinity.
 */
export const MAX_NUMBER = 1e13;
const num = z.number().min(-MAX_NUMBER).max(MAX_NUMBER);
const nullableNum = num.nullable();
const count = z.number().int().min(0).max(1e9);
const text = z.string().max(100_000);
const ladderStage = z.literal([1, 2, 3, 4, 5]);
const engine = z.enum(['mediapipe', 'tfjs']);
const model = z.enum(['lite', 'full', 'heavy']);
const point = z.tuple([num, num]).nullable();
/** Characters a free-form value (a set's saved counter, a setting) may take as JSON. */
export const MAX_FREE_FORM_CHARS = 2_000_000;
const fitsFreeForm = (v: unknown) => v !== undefined && JSON.stringify(v).length <= MAX_FREE_FORM_CHARS;
/** Present: any JSON value (a parsed file holds nothing else) of a sane size, but not a missing field. */
const jsonValue = z.custom<unknown>(fitsFreeForm, 'Is missing or too large');

const MEDIA_TYPE = /^(?:[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)?$/i;
// A plain character-class loop: a grouped pattern over megabytes of base64 overflows the regex stack.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A Blob as a data URL, `data:<type>;base64,<bytes>`: its type and base64 text, or null. */
export function parseDataUrl(url: string): { type: string; base64: string } | null {
  const comma = url.indexOf(';base64,');
  if (!url.startsWith('data:') || comma < 0) return null;
  const type = url.slice(5, comma);
  const base64 = url.slice(comma + 8);
  return MEDIA_TYPE.test(type) && base64.length % 4 === 0 && BASE64.test(base64) ? { type, base64 } : null;
}

const dataUrl = z.string().refine((s) => parseDataUrl(s) !== null, 'Expected a picture as a base64 data URL');

const refusal = agrees<Refusal>()(
  z.strictObject({
    code: z.enum(['no-person', 'multiple-people', 'ears-not-visible', 'shoulders-not-visible', 'hips-not-visible', 'cut-off', 'not-side-view', 'not-front-view', 'parts-not-visible', 'wrong-position', 'moving', 'hips-turned']),
    message: text,
  }),
);

const geometry = agrees<SnapshotGeometry>()(
  z.strictObject({
    imageWidth: num,
    imageHeight: num,
    facing: z.literal([1, -1]),
    ear: point,
    shoulder: point,
    hip: point,
  }),
);

export type BackupSnapshot = Omit<SnapshotRecord, 'picture'> & { readonly picture: string | null };
const snapshot = agrees<BackupSnapshot>()(
  z.strictObject({
    id,
    takenAtMs: num,
    view: z.enum(['side', 'oblique', 'front']),
    side: z.enum(['left', 'right']),
    headForwardDeg: nullableNum,
    headForwardOffset: nullableNum,
    trunkExtensionDeg: nullableNum,
    headForwardSpreadDeg: nullableNum,
    trunkExtensionSpreadDeg: nullableNum,
    frames: count,
    refusals: z.strictObject({ headForward: refusal.nullable(), trunkExtension: refusal.nullable() }),
    engine,
    model,
    geometry,
    picture: dataUrl.nullable(),
  }),
);

const hold = agrees<HoldRecord>()(
  z.strictObject({
    startMs: num,
    endMs: num,
    durationMs: num,
    peakDeg: num,
    medianDeg: num,
    completed: z.boolean(),
    headForwardDeg: nullableNum.optional(),
    restSkippedMs: num.optional(),
  }),
);

const summary = agrees<SetSummary>()(
  z.strictObject({
    exerciseId: id,
    kind: z.enum(['hold', 'reps', 'timed']),
    reps: count,
    targetReps: nullableNum,
    holds: z.array(hold),
    shortHolds: count,
    repTimesMs: z.array(num),
    loweringTimesMs: z.array(num),
    framesWithoutPose: count,
    baselineDeg: nullableNum,
    peakDeg: nullableNum,
    medianDeg: nullableNum,
    startedAtMs: nullableNum,
    endedAtMs: nullableNum,
    complete: z.boolean(),
  }),
);

const set = agrees<SetRecord>()(
  z.strictObject({
    id,
    exerciseId: id,
    exerciseName: text,
    startedAt: num,
    updatedAt: num,
    status: z.enum(['in-progress', 'complete', 'ended']),
    source: z.enum(['camera', 'video', 'recording', 'timer']),
    engine: engine.nullable(),
    model: model.nullable(),
    targetReps: nullableNum,
    summary,
    counterState: jsonValue,
    sessionId: id.optional(),
  }),
);

const routineStep = agrees<RoutineStepRecord>()(
  z.strictObject({
    key: id,
    name: text,
    kind: z.enum(['counted', 'timed']),
    exerciseId: id.nullable(),
    target: count,
    unit: z.string().max(100),
    status: z.enum(['pending', 'done', 'partial', 'skipped']),
    count: count.nullable(),
    seconds: num.min(0),
    setId: id.nullable(),
  }),
);

const routine = agrees<RoutineInfo>()(
  z.strictObject({
    status: z.enum(['in-progress', 'complete', 'partial']),
    index: count,
    plannedSeconds: num.min(0),
    steps: z.array(routineStep).max(100),
  }),
);

const session = agrees<SessionRecord>()(
  z.strictObject({
    id,
    startedAt: num,
    endedAt: num,
    exerciseId: id,
    setIds: z.array(id),
    routine: routine.optional(),
  }),
);

const movementEase = z.enum(['harder', 'same', 'easier']);
const redFlag = z.enum(['sharp-pain', 'burning', 'tingling', 'nerve-symptoms']);

const checkIn = agrees<CheckInRecord>()(
  z.strictObject({
    id,
    atMs: num,
    sessionId: id.nullable(),
    pain: num.min(0).max(10),
    redFlags: z.array(redFlag),
    comfortable: z.boolean(),
    note: text.optional(),
    tension: num.min(0).max(10).optional(),
    sleep: z.enum(['poor', 'fair', 'good']).optional(),
    turning: movementEase.optional(),
    reaching: movementEase.optional(),
  }),
);

const dose = agrees<Dose>()(
  z.strictObject({
    sets: num,
    reps: num.optional(),
    repsMax: num.optional(),
    holdSeconds: num.optional(),
    durationSeconds: num.optional(),
    perDay: num.optional(),
    everyNDays: num.optional(),
    perWeek: num.optional(),
    perWeekMax: num.optional(),
  }),
);

const isoWeek = agrees<IsoWeek>()(z.strictObject({ isoYear: num, isoWeek: num, startMs: num, endMs: num }));

const measurements = agrees<WeekMeasurements>()(
  z.strictObject({
    week: isoWeek,
    sessions: num,
    sessionsPrescribed: num,
    adherence: num,
    adherenceShown: num,
    medianRangeDeg: nullableNum,
    gainDeg: nullableNum,
    previousGainDeg: nullableNum,
    maxPain: nullableNum,
    checkIns: num,
  }),
);

const decision = agrees<DecisionRecord>()(
  z.strictObject({
    decision: z.enum(['advance', 'stay', 'back-off', 'stop']),
    reasons: z.array(text),
    stage: ladderStage,
    weekOfStage: num,
    weeksTrained: num,
    nextStage: ladderStage,
    nextDose: dose,
    weekStartMs: num,
    measurements,
    redFlags: z.array(redFlag),
    atMs: num,
  }),
);

const programmeState = agrees<ProgrammeState>()(
  z.strictObject({
    stage: ladderStage,
    stageStartedAtMs: num,
    dose,
    onHoldSinceMs: nullableNum,
    resumedAtMs: nullableNum,
    history: z.array(decision),
  }),
);

const programme = agrees<ProgrammeRecord>()(z.strictObject({ id: z.literal('current'), state: programmeState, growthPercent: num }));

// JsonValue is recursive, too deep for `agrees`; check the keys and that values fit JsonValue.
const setting = z.strictObject({ key: z.string().min(1).max(500), value: z.json().refine(fitsFreeForm, 'Is too large for a setting') });
const settingAgrees: [SameKeys<z.infer<typeof setting>, SettingRecord>, z.infer<typeof setting> extends SettingRecord ? true : false] = [true, true];
void settingAgrees;

/** Degrees of a range check's measure: any angle the body makes, with room to spare. */
const rangeDeg = z.number().min(-360).max(360);
/** Trials a measure keeps at most: three count, and a few more if a test is redone. */
export const MAX_RANGE_TRIALS = 50;
/** Reasons for refused attempts a measure lists at most (one entry per reason). */
export const MAX_RANGE_REFUSALS = 50;

const rangeResult = agrees<RangeMeasureResult>()(
  z.strictObject({
    measure: z.enum(RANGE_MEASURE_IDS),
    trialsDeg: z.array(rangeDeg).max(MAX_RANGE_TRIALS),
    medianDeg: rangeDeg.nullable(),
    spreadDeg: z.number().min(0).max(360).nullable(),
    // Refused attempts grouped by reason, with the same refusal codes as a snapshot's.
    refusals: z.array(z.strictObject({ code: refusal.shape.code, message: text, count })).max(MAX_RANGE_REFUSALS),
  }),
);

const rangeCheck = agrees<RangeCheckRecord>()(
  z.strictObject({
    id,
    takenAtMs: num,
    engine,
    model,
    results: z
      .array(rangeResult)
      .max(RANGE_MEASURE_IDS.length)
      .superRefine((results, ctx) => {
        const seen = new Set<string>();
        results.forEach((r, i) => {
          if (seen.has(r.measure)) ctx.addIssue({ code: 'custom', path: [i, 'measure'], message: 'Is also the measure of another result of this check' });
          seen.add(r.measure);
        });
      }),
  }),
);

/** Each table's records in a backup, and the field that identifies a record. */
export const RECORD_SCHEMAS = { snapshots: snapshot, sets: set, sessions: session, checkIns: checkIn, programme, settings: setting, rangeChecks: rangeCheck } as const;
export const KEY_OF = { snapshots: 'id', sets: 'id', sessions: 'id', checkIns: 'id', programme: 'id', settings: 'key', rangeChecks: 'id' } as const;

function unique<T>(key: keyof T & string, what: string) {
  return (records: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    records.forEach((r, i) => {
      if (seen.has(r[key])) ctx.addIssue({ code: 'custom', path: [i, key], message: `Is also the ${key} of another ${what} in the file` });
      seen.add(r[key]);
    });
  };
}

/** The tables of a version 1 backup. */
const tablesV1 = {
  snapshots: z.array(snapshot).superRefine(unique('id', 'snapshot')),
  sets: z.array(set).superRefine(unique('id', 'set')),
  sessions: z.array(session).superRefine(unique('id', 'session')),
  checkIns: z.array(checkIn).superRefine(unique('id', 'check-in')),
  programme: z.array(programme).max(1),
  settings: z.array(setting).superRefine(unique('key', 'setting')),
};

/** The backup this app writes (BACKUP_VERSION). */
export const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.iso.datetime(),
  tables: z.strictObject({ ...tablesV1, rangeChecks: z.array(rangeCheck).superRefine(unique('id', 'range check')) }),
});

/** A version 1 backup: no range checks (a file that lists them anyway is refused, as any unknown field is). */
export const backupSchemaV1 = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  tables: z.strictObject(tablesV1),
});

/** A backup as written to (and read from) the file: pictures are data URLs. */
export type BackupFile = z.infer<typeof backupSchema>;
