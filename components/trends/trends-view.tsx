'use client';

import Link from '@/components/nav/app-link';
import { useEffect, useMemo, useState } from 'react';
import dynamic from 'next/dynamic';
import { formatDeg } from '@/lib/angles/format';
import { getExercise } from '@/lib/exercise';
import {
  groupSessions,
  isoWeekOf,
  LADDER,
  ladderStep,
  MAX_SUMMARY_WEEKS,
  NOISE_BAND_DEG,
  prescribedSessions,
  rangeWeeks,
  stagePeriods,
  WEEK_MS,
  weeklySummaries,
  type CheckIn,
  type ProgrammeState,
  type RangeCheckLike,
  type RangeSeries,
} from '@/lib/progression';
import { readDb } from '@/lib/storage/app-db';
import { listRangeChecks } from '@/lib/storage/range-checks';
import { onSyncedData } from '../sync/sync-store';
import { getProgramme, listCheckIns, listSets } from '@/lib/storage/records';
import type { SetRecord } from '@/lib/storage/set-record';
import type { SnapshotRecord } from '@/lib/storage/snapshot-record';
import { listSnapshots } from '@/lib/storage/snapshots';
import { localUtcOffsetMinutes } from '../progress/programme';
import { FeelSection } from './feel-section';
import { RoutineHistory } from './routine-history';
import { listRoutines } from '@/lib/storage/routines';
import type { SessionRecord } from '@/lib/storage/session-record';
import { RangeCheckSection } from './range-check-section';
import { HeadForwardZoneLegend } from './zone-legend';
import { forgetNoDatabase, NO_DATABASE_ATTRIBUTE } from '../pending/no-database';

const DAY_MS = 86_400_000;
const RANGES = [
  { id: '4w', label: 'Last 4 weeks', days: 28 },
  { id: '12w', label: 'Last 12 weeks', days: 84 },
  { id: '6m', label: 'Last 6 months', days: 182 },
  { id: 'all', label: 'Everything', days: null },
] as const;

const dateLabel = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
/** A week by the date of its Monday: "24 Nov". */
const weekLabel = (startMs: number) => new Date(startMs).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));
const toInputDate = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

// The charts (recharts, the page's largest library) load only when there is something to chart.
const chartLoading = () => (
  <p className="empty" role="status">
    Drawing the chart…
  </p>
);
const RangeChart = dynamic(() => import('./trends-charts').then((m) => m.RangeChart), { ssr: false, loading: chartLoading });
const GainChart = dynamic(() => import('./trends-charts').then((m) => m.GainChart), { ssr: false, loading: chartLoading });
const AdherenceChart = dynamic(() => import('./trends-charts').then((m) => m.AdherenceChart), { ssr: false, loading: chartLoading });
const HeadForwardChart = dynamic(() => import('./trends-charts').then((m) => m.HeadForwardChart), { ssr: false, loading: chartLoading });
/** The person's kept landmarks and their downloads: loaded after the page, never in a clinician's view. */
const KeptLandmarks = dynamic(() => import('../tracks/kept-landmarks').then((m) => m.KeptLandmarks), { ssr: false });

export interface WeekRow {
  readonly t: number;
  /** The week's Monday as a date ("24 Nov"). */
  readonly label: string;
  readonly median: number | null;
  readonly band: [number, number] | null;
  readonly gain: number | null;
  readonly sessions: number;
  readonly prescribed: number;
  readonly adherencePct: number;
}

export interface TrendData {
  readonly points: { t: number; range: number }[];
  readonly weekly: WeekRow[];
  readonly snapshots: { t: number; headForward: number }[];
  /** The exercise is (or was) part of the programme: its sessions are prescribed. */
  readonly inProgramme: boolean;
  /** Shown on the time axes: from the programme's start or the first record, whichever came first. */
  readonly domain: [number, number];
  /** Range checks per measure, the weeks of the period that have one. */
  readonly range: readonly RangeSeries[];
}

export interface TrendsRecords {
  readonly sets: SetRecord[];
  readonly snapshots: SnapshotRecord[];
  readonly programme: ProgrammeState | null;
  /** Weekly range checks (any order). */
  readonly rangeChecks: readonly RangeCheckLike[];
  /** Check-ins (any order), for pain, tension, sleep and movement; absent: none. */
  readonly checkIns?: readonly CheckIn[];
  /** Sessions (any order), for the daily routines; absent: none. */
  readonly sessions?: readonly SessionRecord[];
}
type Data = TrendsRecords;

/** Where the records come from: this device (the default), or a person who shared theirs with a clinician. */
export interface TrendsSource {
  readonly load: () => Promise<TrendsRecords>;
  /** The person whose records these are (a clinician's read-only view); absent for the person's own. */
  readonly person: string;
}

async function loadOwn(): Promise<TrendsRecords> {
  const db = await readDb();
  if (!db) return { sets: [], snapshots: [], programme: null, rangeChecks: [], checkIns: [], sessions: [] };
  const [sets, snapshots, programme, rangeChecks, checkIns, sessions] = await Promise.all([listSets(db), listSnapshots(db), getProgramme(db), listRangeChecks(db), listCheckIns(db), listRoutines(db)]);
  return { sets, snapshots, programme: programme?.state ?? null, rangeChecks, checkIns, sessions };
}

export function TrendsView({ source }: { source?: TrendsSource } = {}) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rangeId, setRangeId] = useState<(typeof RANGES)[number]['id'] | 'custom'>('12w');
  const [custom, setCustom] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [exerciseId, setExerciseId] = useState<string | null>(null);
  const [asTable, setAsTable] = useState(false);
  const [nowMs, setNowMs] = useState(() => Date.now());

  useEffect(() => {
    const load = async () => {
      try {
        const records = await (source ? source.load() : loadOwn());
        performance.mark('trends-data-loaded');
        if (!source) forgetNoDatabase();
        // The period ends now: records that arrive later (another device) fall inside it.
        setNowMs(Date.now());
        setData(records);
      } catch (err) {
        setError((err as Error).message);
      }
    };
    void load();
    // Records from another device (sync) redraw the charts.
    return source ? undefined : onSyncedData(() => void load());
  }, [source]);

  // The controls are in the page's HTML; they work once the records are read (a choice made
  // before the page's code runs would be undone when it takes over, and the exercises offered
  // come from the records).
  const ready = data !== null;

  const programmeExercises = useMemo(
    () => (data?.programme ? stagePeriods(data.programme, localUtcOffsetMinutes(Date.now())).map((p) => p.exerciseId) : []),
    [data],
  );
  const exercisesWithData = useMemo(() => [...new Set((data?.sets ?? []).filter((s) => s.summary.reps > 0).map((s) => s.exerciseId))], [data]);
  const chosenExercise =
    exerciseId ?? (data?.programme ? ladderStep(data.programme.stage).exerciseId : null) ?? exercisesWithData[0] ?? LADDER[1].exerciseId;

  const window_ = useMemo(() => {
    if (rangeId === 'custom') {
      const from = custom.from ? new Date(`${custom.from}T00:00`).getTime() : nowMs - 84 * DAY_MS;
      const to = custom.to ? new Date(`${custom.to}T23:59:59`).getTime() : nowMs;
      return { fromMs: Math.min(from, to), toMs: Math.max(from, to) };
    }
    const r = RANGES.find((x) => x.id === rangeId)!;
    return { fromMs: r.days === null ? -Infinity : nowMs - r.days * DAY_MS, toMs: nowMs };
  }, [rangeId, custom, nowMs]);

  const view = useMemo((): TrendData | null => {
    if (!data) return null;
    const offset = localUtcOffsetMinutes(window_.toMs);
    // Nothing before the first record or the programme's start is charted: empty weeks before
    // anything began would read as weeks missed.
    const programmeStart = data.programme ? stagePeriods(data.programme, offset)[0].fromMs : Infinity;
    const firstRecord = Math.min(...data.sets.map((s) => s.startedAt), ...data.snapshots.map((s) => s.takenAtMs), ...data.rangeChecks.map((c) => c.takenAtMs));
    const began = Math.min(programmeStart, firstRecord, window_.toMs);
    // At most the weeks a summary covers: a record dated centuries back (damaged) cannot stretch the axes.
    const fromMs = Math.max(window_.fromMs, Number.isFinite(began) ? began : window_.toMs, window_.toMs - MAX_SUMMARY_WEEKS * WEEK_MS);
    const toMs = window_.toMs;
    const inProgramme = data.programme !== null && stagePeriods(data.programme, offset).some((p) => p.exerciseId === chosenExercise);
    const sessions = groupSessions(data.sets, chosenExercise).filter((s) => s.startMs >= fromMs && s.startMs <= toMs && s.rangeDeg !== null);
    const weeks = weeklySummaries(data.sets, {
      exerciseId: chosenExercise,
      fromMs,
      toMs,
      sessionsPerWeek: 0,
      prescribedFor: (week) => prescribedSessions(data.programme, chosenExercise, week, offset),
      utcOffsetMinutes: offset,
    });
    const points = sessions.map((s) => ({ t: s.startMs, range: s.rangeDeg as number }));
    const weekly = weeks.map((w) => ({
      t: w.week.startMs + 3.5 * DAY_MS,
      label: weekLabel(w.week.startMs),
      median: w.medianRangeDeg,
      band: w.medianRangeDeg === null ? null : ([w.medianRangeDeg - NOISE_BAND_DEG, w.medianRangeDeg + NOISE_BAND_DEG] as [number, number]),
      gain: w.gainDeg,
      sessions: w.sessions,
      prescribed: w.sessionsPrescribed,
      adherencePct: Math.round(w.adherenceShown * 100),
    }));
    const snapshots = data.snapshots
      .filter((s) => s.takenAtMs >= fromMs && s.takenAtMs <= toMs && s.headForwardDeg !== null)
      .map((s) => ({ t: s.takenAtMs, headForward: s.headForwardDeg as number }));
    // At least a week on the axis, so a single point sits inside the chart, not on its edge.
    const first = isoWeekOf(fromMs, offset).startMs;
    const domain: [number, number] = [Math.min(first, toMs - 7 * DAY_MS), isoWeekOf(toMs, offset).endMs];
    const range = rangeWeeks(data.rangeChecks, { fromMs, toMs, utcOffsetMinutes: offset });
    return { points, weekly, snapshots, inProgramme, domain, range };
  }, [data, window_, chosenExercise]);

  if (error) {
    return (
      <div role="alert" className="problem" data-problem="storage">
        <p>{error}</p>
      </div>
    );
  }
  if (!data || !view) {
    if (source) return <p role="status">Reading {source.person}&apos;s history…</p>;
    // The notice is in the page's HTML, hidden, and shown at once where this browser has no
    // database of the app (components/pending/no-database.ts); it is the same element as the
    // notice drawn once the records are read.
    return (
      <section aria-labelledby="trends-title" className="trends">
        <h1 id="trends-title">Trends</h1>
        <div className="notice" style={{ display: 'none' }} {...{ [NO_DATABASE_ATTRIBUTE]: 'empty' }}>
          <EmptyNotice />
        </div>
        <p role="status" {...{ [NO_DATABASE_ATTRIBUTE]: 'loading' }}>
          Loading your history…
        </p>
      </section>
    );
  }

  const domain = view.domain;
  const weeksWithRange = view.weekly.filter((w) => w.median !== null).length;
  const exerciseName = getExercise(chosenExercise)?.name ?? chosenExercise;
  const anyData = data.sets.some((s) => s.summary.reps > 0) || data.snapshots.length > 0 || data.rangeChecks.length > 0;
  const titleId = source ? `trends-title-${source.person.replace(/[^a-z0-9_-]/gi, '_')}` : 'trends-title';
  const whose = source ? `${source.person}'s` : 'your';

  return (
    <section aria-labelledby={titleId} className="trends">
      {source ? <h3 id={titleId}>Trends</h3> : <h1 id={titleId}>Trends</h1>}
      {!anyData && (
        <div className="notice" data-testid="trends-empty">
          {source ? <p>Nothing to chart yet: {source.person} has no counted sets, snapshots or range checks.</p> : <EmptyNotice />}
        </div>
      )}
      <div className="controls">
        <label>
          Period{' '}
          <select value={rangeId} disabled={!ready} onChange={(e) => setRangeId(e.target.value as typeof rangeId)}>
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
            <option value="custom">Choose dates</option>
          </select>
        </label>
        {rangeId === 'custom' && (
          <>
            <label>
              From <input type="date" disabled={!ready} value={custom.from || toInputDate(window_.fromMs)} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
            </label>
            <label>
              To <input type="date" disabled={!ready} value={custom.to || toInputDate(window_.toMs)} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
            </label>
          </>
        )}
        <label>
          Exercise{' '}
          <select value={chosenExercise} disabled={!ready} onChange={(e) => setExerciseId(e.target.value)}>
            {[...new Set([...programmeExercises, chosenExercise, ...exercisesWithData])].map((id) => (
              <option key={id} value={id}>
                {getExercise(id)?.name ?? id}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={asTable} disabled={!ready} onChange={(e) => setAsTable(e.target.checked)} /> Show as tables
        </label>
      </div>
      {!source && (
        <p className="hint" data-testid="trends-report-link">
          <Link href="/report">One-page report for your physiotherapist</Link> (print or save as PDF).
        </p>
      )}

      {asTable ? (
        <TrendTables view={view} />
      ) : (
        <>
          <figure className="chart" data-testid="chart-range" data-points={view.points.length} data-weeks={weeksWithRange}>
            <figcaption>
              {exerciseName}: range per session (dots), weekly median (line) and ±{NOISE_BAND_DEG}° measurement noise (band)
            </figcaption>
            {view.points.length === 0 ? (
              <p className="empty">No measured sessions of {exerciseName.toLowerCase()} in this period.</p>
            ) : (
              <>
                <RangeChart view={view} domain={domain} weeksWithRange={weeksWithRange} />
                {weeksWithRange < 2 && (
                  <p className="hint" data-testid="range-hint">
                    {view.points.length === 1 ? 'One session so far' : `${view.points.length} sessions so far, all in one week`} (
                    {view.points.map((p) => `${dateLabel(p.t)}: ${formatDeg(p.range, 1)}`).join(', ')}). The weekly trend and the gain from week to week
                    appear once there are sessions in two different weeks.
                  </p>
                )}
              </>
            )}
          </figure>

          <figure className="chart" data-testid="chart-gain" data-weeks={view.weekly.length}>
            <figcaption>Weekly gain in range (bars); changes inside the shaded ±{NOISE_BAND_DEG}° are within measurement noise</figcaption>
            {view.weekly.every((w) => w.gain === null) ? (
              <p className="empty">No gain to show yet: it compares a week with the week before, both with measured sessions.</p>
            ) : (
              <GainChart weekly={view.weekly} />
            )}
          </figure>

          <figure className="chart" data-testid="chart-adherence" data-weeks={view.weekly.length} data-prescribed={view.weekly.reduce((n, w) => n + w.prescribed, 0)}>
            <figcaption>Sessions done against prescribed, week by week</figcaption>
            {!view.inProgramme ? (
              <p className="empty" data-testid="not-prescribed">
                {exerciseName} is not part of {whose} programme, so nothing is prescribed for it. Its sessions still show in the
                range chart above.
              </p>
            ) : (
              <AdherenceChart weekly={view.weekly} />
            )}
          </figure>

          <figure className="chart" data-testid="chart-head-forward" data-points={view.snapshots.length}>
            <figcaption>Head-forward angle from {whose} posture snapshots (higher is more upright)</figcaption>
            {view.snapshots.length === 0 ? (
              <p className="empty">
                No snapshots in this period.{!source && (
                  <>
                    {' '}
                    <Link href="/snapshot">Take one</Link>.
                  </>
                )}
              </p>
            ) : (
              <>
                <HeadForwardChart snapshots={view.snapshots} domain={domain} />
                <HeadForwardZoneLegend />
              </>
            )}
          </figure>
        </>
      )}
      <RangeCheckSection
        series={view.range}
        domain={domain}
        checks={data.rangeChecks.length}
        person={source?.person ?? null}
        headingLevel={source ? 4 : 2}
        asTable={asTable}
      />
      <RoutineHistory sessions={data.sessions ?? []} fromMs={window_.fromMs} whose={whose} headingLevel={source ? 4 : 2} />
      <FeelSection checkIns={data.checkIns} fromMs={window_.fromMs} toMs={window_.toMs} person={source?.person ?? null} headingLevel={source ? 4 : 2} asTable={asTable} />
      <StageTimeline programme={data.programme} own={!source} />
      {!source && <KeptLandmarks sets={data.sets} rangeChecks={data.rangeChecks} />}
    </section>
  );
}

function EmptyNotice() {
  return (
    <p>
      Nothing to chart yet. Your range of motion appears here after your first counted set: start one on the{' '}
      <Link href="/session">exercise page</Link>. Head-forward angles come from <Link href="/snapshot">posture snapshots</Link>.
    </p>
  );
}

function StageTimeline({ programme, own }: { programme: ProgrammeState | null; own: boolean }) {
  if (!programme) {
    if (!own) return <p>No programme started yet.</p>;
    return (
      <p>
        No programme started yet: <Link href="/">start it on the Today page</Link>.
      </p>
    );
  }
  return (
    <section aria-label="Stage timeline" data-testid="stage-timeline">
      {own ? <h2>Stage timeline</h2> : <h4>Stage timeline</h4>}
      <ol className="timeline">
        {programme.history.map((d) => (
          <li key={d.weekStartMs} data-decision={d.decision}>
            Week of {new Date(d.weekStartMs).toLocaleDateString()}: stage {d.stage}, week {d.weekOfStage} → {d.decision}
            {d.nextStage !== d.stage ? ` (now stage ${d.nextStage})` : ''}
          </li>
        ))}
        <li>
          Now: stage {programme.stage}, {ladderStep(programme.stage).exerciseName}, since {new Date(programme.stageStartedAtMs).toLocaleDateString()}
        </li>
      </ol>
    </section>
  );
}

function TrendTables({ view }: { view: TrendData }) {
  return (
    <div className="trend-tables table-scroll">
      <table data-testid="table-weeks">
        <caption>Weeks</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Median range</th>
            <th scope="col">Gain</th>
            <th scope="col">Sessions</th>
            <th scope="col">Prescribed</th>
            <th scope="col">Adherence</th>
          </tr>
        </thead>
        <tbody>
          {view.weekly.map((w) => (
            <tr key={w.t}>
              <th scope="row">{w.label}</th>
              <td>{w.median === null ? '–' : `${fmt(w.median)}°`}</td>
              <td>{w.gain === null ? '–' : `${w.gain > 0 ? '+' : ''}${fmt(w.gain)}°${Math.abs(w.gain) < NOISE_BAND_DEG ? ' (noise)' : ''}`}</td>
              <td>{w.sessions}</td>
              <td>{w.prescribed || '–'}</td>
              <td>{w.prescribed ? `${w.adherencePct} %` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="table-sessions">
        <caption>Sessions</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Range</th>
          </tr>
        </thead>
        <tbody>
          {view.points.map((p) => (
            <tr key={p.t}>
              <td>{new Date(p.t).toLocaleString()}</td>
              <td>{fmt(p.range)}°</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="table-snapshots">
        <caption>Snapshots</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Head-forward</th>
          </tr>
        </thead>
        <tbody>
          {view.snapshots.map((p) => (
            <tr key={p.t}>
              <td>{new Date(p.t).toLocaleString()}</td>
              <td>{fmt(p.headForward)}°</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
