// Spreadsheets, RFC 4180 CSV: sessions (one row per session, a sitting) and range checks (one
// row per measure of each check).
import { median, painOf, RED_FLAG_WORDS, redFlagsOf, sessionRangeDeg } from '../progression';
import { tensionOf } from '../progression/check-ins';
import type { CheckInRecord } from './check-in-record';
import type { PostureDb } from './db';
import { toStorageError } from './errors';
import type { RangeCheckRecord } from './range-record';
import { setEndMs, type RoutineInfo, type SessionRecord } from './session-record';
import { stepsDoneWords } from '../routine/records';
import type { SetRecord } from './set-record';

export const CSV_COLUMNS = [
  'date',
  'start',
  'end',
  'exercise',
  'sets',
  'reps',
  'short_holds',
  'peak_deg',
  'median_range_deg',
  'head_forward_deg',
  'pain',
  'tension',
  'sleep',
  'turning',
  'reaching',
  'red_flags',
  'comfortable',
  'note',
  'session_id',
] as const;

/** One field, quoted when it holds a comma, quote or line break (quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Free text that a spreadsheet would run as a formula gets a leading apostrophe. */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Rows to CSV text: CRLF line ends, a line end after the last row too. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const deg = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : v.toFixed(1));
/** The highest of the values given, or empty. */
const highest = (values: readonly (number | null)[]) => {
  const given = values.filter((v): v is number => v !== null);
  return given.length ? String(Math.max(...given)) : '';
};
/** The last value given (check-ins are oldest first), or empty. */
const latest = (values: readonly (string | undefined)[]) => values.filter((v) => v !== undefined).at(-1) ?? '';
const pad = (n: number) => String(n).padStart(2, '0');

function local(ms: number, utcOffsetMinutes: number | undefined): { date: string; time: string } {
  const d = new Date(utcOffsetMinutes === undefined ? ms : ms + utcOffsetMinutes * 60_000);
  const [y, mo, day, h, mi] =
    utcOffsetMinutes === undefined
      ? [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]
      : [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  return { date: `${y}-${pad(mo)}-${pad(day)}`, time: `${pad(h)}:${pad(mi)}` };
}

export interface CsvOptions {
  /** Local time as minutes east of UTC for the date and time columns. Default: this device's time zone. */
  readonly utcOffsetMinutes?: number;
}

/**
 * One row per session, oldest first, with a header row: date and local start/end time,
 * exercise, sets, reps, short holds, peak and median range (degrees; the median is the
 * session range lib/progression charts), median head-forward angle during holds, and the
 * session's check-ins (highest pain; highest upper-back tension 0-10; the latest answer given for
 * last night's sleep, poor/fair/good, and for how turning and reaching felt against before,
 * harder/same/easier; red flags; comfortable if every check-in says so; notes). A column is
 * empty when no check-in of the session answered it.
 */
export async function sessionsCsv(db: PostureDb, options: CsvOptions = {}): Promise<string> {
  let sessions: SessionRecord[];
  let sets: SetRecord[];
  let checkIns: CheckInRecord[];
  try {
    [sessions, sets, checkIns] = await db.transaction('r', db.sessions, db.sets, db.checkIns, () =>
      Promise.all([db.sessions.orderBy('startedAt').toArray(), db.sets.orderBy('startedAt').toArray(), db.checkIns.orderBy('atMs').toArray()]),
    );
  } catch (err) {
    throw toStorageError(err, 'your sessions', 'read');
  }
  // Sets whose session is missing (should not happen after v3) still get a row of their own.
  const groups = new Map<string, { session: SessionRecord; sets: SetRecord[] }>();
  for (const s of sessions) groups.set(s.id, { session: s, sets: [] });
  for (const set of sets) {
    const g = set.sessionId ? groups.get(set.sessionId) : undefined;
    if (g) g.sets.push(set);
    else groups.set(`set:${set.id}`, { session: { id: set.sessionId ?? '', startedAt: set.startedAt, endedAt: setEndMs(set), exerciseId: set.exerciseId, setIds: [set.id] }, sets: [set] });
  }
  const bySession = new Map<string, CheckInRecord[]>();
  for (const c of checkIns) if (c.sessionId) bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c]);

  const rows: string[][] = [[...CSV_COLUMNS]];
  const ordered = [...groups.values()].sort((a, b) => a.session.startedAt - b.session.startedAt);
  for (const { session, sets: ss } of ordered) {
    const start = local(session.startedAt, options.utcOffsetMinutes);
    const end = local(session.endedAt, options.utcOffsetMinutes);
    const peaks = ss.map((s) => s.summary.peakDeg).filter((v): v is number => v !== null && Number.isFinite(v));
    const headForward = ss.flatMap((s) => s.summary.holds.map((h) => h.headForwardDeg)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const cs = session.id ? (bySession.get(session.id) ?? []) : [];
    rows.push([
      start.date,
      start.time,
      end.time,
      safeText(session.routine ? routineWords(session.routine) : (ss[0]?.exerciseName ?? session.exerciseId)),
      String(ss.length),
      String(ss.reduce((n, s) => n + s.summary.reps, 0)),
      String(ss.reduce((n, s) => n + s.summary.shortHolds, 0)),
      // A routine's sets are of different exercises: their angles are not one range.
      deg(peaks.length && !session.routine ? Math.max(...peaks) : null),
      deg(session.routine ? null : sessionRangeDeg(ss)),
      deg(median(headForward)),
      cs.length ? String(Math.max(...cs.map(painOf))) : '',
      highest(cs.map(tensionOf)),
      safeText(latest(cs.map((c) => c.sleep))),
      safeText(latest(cs.map((c) => c.turning))),
      safeText(latest(cs.map((c) => c.reaching))),
      redFlagsOf(cs)
        .map((f) => RED_FLAG_WORDS[f])
        .join('; '),
      cs.length ? (cs.every((c) => c.comfortable) ? 'yes' : 'no') : '',
      safeText(cs.flatMap((c) => (c.note ? [c.note] : [])).join('\n')),
      session.id,
    ]);
  }
  return toCsv(rows);
}

/** "Daily routine, partly done (2 of 3 steps done)": a routine's row names it and how far it got. */
function routineWords(r: RoutineInfo): string {
  const status = r.status === 'complete' ? 'done' : r.status === 'partial' ? 'partly done' : 'under way';
  return `Daily routine, ${status} (${stepsDoneWords(r)})`;
}

export const RANGE_CSV_COLUMNS = ['date', 'time', 'measure', 'median_deg', 'plus_minus_deg', 'trials_deg', 'refused_trials', 'refused_why', 'check_id'] as const;

/**
 * One row per measure of each range check, oldest check first, measures in the order they were
 * done, with a header row: local date and time of the check, the measure, its median and ± (half
 * the trials' range; empty when fewer than three trials counted), the counted trials
 * ("12.0; 13.5; 12.8"), how many attempts were refused and why ("moving: 2; hips-turned: 1").
 */
export async function rangeChecksCsv(db: PostureDb, options: CsvOptions = {}): Promise<string> {
  let checks: RangeCheckRecord[];
  try {
    checks = await db.rangeChecks.orderBy('takenAtMs').toArray();
  } catch (err) {
    throw toStorageError(err, 'your range checks', 'read');
  }
  const rows: string[][] = [[...RANGE_CSV_COLUMNS]];
  for (const check of checks) {
    const at = local(check.takenAtMs, options.utcOffsetMinutes);
    for (const r of check.results) {
      rows.push([
        at.date,
        at.time,
        safeText(r.measure),
        deg(r.medianDeg),
        deg(r.spreadDeg),
        r.trialsDeg.map((t) => deg(t)).join('; '),
        String(r.refusals.reduce((n, x) => n + x.count, 0)),
        safeText(r.refusals.map((x) => `${x.code}: ${x.count}`).join('; ')),
        safeText(check.id),
      ]);
    }
  }
  return toCsv(rows);
}
