'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { HEAD_FORWARD_NORM_BAND_DEG } from '@/lib/angles/norms';
import { getExercise } from '@/lib/exercise';
import { groupSessions, isoWeekLabel, LADDER, ladderStep, NOISE_BAND_DEG, stageOfExercise, weeklySummaries, type ProgrammeState } from '@/lib/progression';
import { appDb } from '@/lib/storage/db';
import { getProgramme, listSets } from '@/lib/storage/records';
import type { SetRecord } from '@/lib/storage/set-record';
import type { SnapshotRecord } from '@/lib/storage/snapshot-record';
import { listSnapshots } from '@/lib/storage/snapshots';
import { localUtcOffsetMinutes } from '../progress/programme';

const DAY_MS = 86_400_000;
const RANGES = [
  { id: '4w', label: 'Last 4 weeks', days: 28 },
  { id: '12w', label: 'Last 12 weeks', days: 84 },
  { id: '6m', label: 'Last 6 months', days: 182 },
  { id: 'all', label: 'Everything', days: null },
] as const;

const dateLabel = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));
const toInputDate = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

interface WeekRow {
  readonly t: number;
  readonly label: string;
  readonly median: number | null;
  readonly band: [number, number] | null;
  readonly gain: number | null;
  readonly sessions: number;
  readonly prescribed: number;
  readonly adherencePct: number;
}

interface TrendData {
  readonly points: { t: number; range: number }[];
  readonly weekly: WeekRow[];
  readonly snapshots: { t: number; headForward: number }[];
  readonly perWeek: number;
}

interface Data {
  readonly sets: SetRecord[];
  readonly snapshots: SnapshotRecord[];
  readonly programme: ProgrammeState | null;
}

export function TrendsView() {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rangeId, setRangeId] = useState<(typeof RANGES)[number]['id'] | 'custom'>('12w');
  const [custom, setCustom] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [exerciseId, setExerciseId] = useState<string | null>(null);
  const [asTable, setAsTable] = useState(false);

  useEffect(() => {
    void (async () => {
      try {
        const db = appDb();
        const [sets, snapshots, programme] = await Promise.all([listSets(db), listSnapshots(db), getProgramme(db)]);
        performance.mark('trends-data-loaded');
        setData({ sets, snapshots, programme: programme?.state ?? null });
      } catch (err) {
        setError((err as Error).message);
      }
    })();
  }, []);

  const nowMs = useMemo(() => Date.now(), []);
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
    const earliest = Math.min(nowMs, ...(data?.sets ?? []).map((s) => s.startedAt), ...(data?.snapshots ?? []).map((s) => s.takenAtMs));
    return { fromMs: r.days === null ? earliest : nowMs - r.days * DAY_MS, toMs: nowMs };
  }, [rangeId, custom, nowMs, data]);

  const view = useMemo((): TrendData | null => {
    if (!data) return null;
    const { fromMs, toMs } = window_;
    const offset = localUtcOffsetMinutes(toMs);
    const stage = stageOfExercise(chosenExercise);
    const perWeek = stage ? ladderStep(stage).sessionsPerWeek : 7;
    const sessions = groupSessions(data.sets, chosenExercise).filter((s) => s.startMs >= fromMs && s.startMs <= toMs && s.rangeDeg !== null);
    const weeks = weeklySummaries(data.sets, { exerciseId: chosenExercise, fromMs, toMs, sessionsPerWeek: perWeek, utcOffsetMinutes: offset });
    const points = sessions.map((s) => ({ t: s.startMs, range: s.rangeDeg as number }));
    const weekly = weeks.map((w) => ({
      t: w.week.startMs + 3.5 * DAY_MS,
      label: isoWeekLabel(w.week),
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
    return { points, weekly, snapshots, perWeek };
  }, [data, window_, chosenExercise]);

  // A performance mark once the first charts are on screen (read by `npm run bench:trends`).
  const markedRef = useRef(false);
  useEffect(() => {
    if (!view || markedRef.current) return;
    markedRef.current = true;
    requestAnimationFrame(() => performance.mark('trends-rendered'));
  }, [view]);

  if (error) {
    return (
      <div role="alert" className="problem" data-problem="storage">
        <p>{error}</p>
      </div>
    );
  }
  if (!data || !view) return <p role="status">Loading your history…</p>;

  const domain: [number, number] = [window_.fromMs, window_.toMs];
  const exerciseName = getExercise(chosenExercise)?.name ?? chosenExercise;
  const anyData = data.sets.some((s) => s.summary.reps > 0) || data.snapshots.length > 0;

  return (
    <section aria-labelledby="trends-title" className="trends">
      <h1 id="trends-title">Trends</h1>
      {!anyData && (
        <div className="notice" data-testid="trends-empty">
          <p>
            Nothing to chart yet. Your range of motion appears here after your first counted set: start one on the{' '}
            <Link href="/session">exercise page</Link>. Head-forward angles come from <Link href="/snapshot">posture snapshots</Link>.
          </p>
        </div>
      )}
      <div className="controls">
        <label>
          Period{' '}
          <select value={rangeId} onChange={(e) => setRangeId(e.target.value as typeof rangeId)}>
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
              From <input type="date" value={custom.from || toInputDate(window_.fromMs)} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
            </label>
            <label>
              To <input type="date" value={custom.to || toInputDate(window_.toMs)} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
            </label>
          </>
        )}
        <label>
          Exercise{' '}
          <select value={chosenExercise} onChange={(e) => setExerciseId(e.target.value)}>
            {[...new Set([chosenExercise, ...exercisesWithData])].map((id) => (
              <option key={id} value={id}>
                {getExercise(id)?.name ?? id}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={asTable} onChange={(e) => setAsTable(e.target.checked)} /> Show as tables
        </label>
      </div>

      {asTable ? (
        <TrendTables view={view} />
      ) : (
        <>
          <figure className="chart" data-testid="chart-range" data-points={view.points.length} data-weeks={view.weekly.filter((w) => w.median !== null).length}>
            <figcaption>
              {exerciseName}: range per session (dots), weekly median (line) and ±{NOISE_BAND_DEG}° measurement noise (band)
            </figcaption>
            {view.points.length === 0 ? (
              <p className="empty">No measured sessions of {exerciseName.toLowerCase()} in this period.</p>
            ) : (
              <ResponsiveContainer width="100%" height={280}>
                <ComposedChart margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={dateLabel} />
                  <YAxis unit="°" width={50} />
                  <Tooltip labelFormatter={(v) => new Date(Number(v)).toLocaleString()} formatter={(v) => (Array.isArray(v) ? v.map((x) => fmt(Number(x))).join(' to ') : fmt(Number(v)))} />
                  <Legend />
                  <Area data={view.weekly} dataKey="band" name="noise band" stroke="none" fill="#99f6e4" fillOpacity={0.5} isAnimationActive={false} connectNulls={false} />
                  <Line data={view.weekly} dataKey="median" name="weekly median" stroke="#0f766e" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
                  <Scatter data={view.points} dataKey="range" name="session" fill="#f59e0b" isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            )}
          </figure>

          <figure className="chart" data-testid="chart-gain" data-weeks={view.weekly.length}>
            <figcaption>Weekly gain in range (bars); changes inside the shaded ±{NOISE_BAND_DEG}° are within measurement noise</figcaption>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={view.weekly} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" />
                <YAxis unit="°" width={50} />
                <Tooltip formatter={(v) => fmt(Number(v))} />
                <ReferenceArea y1={-NOISE_BAND_DEG} y2={NOISE_BAND_DEG} fill="#e2e8f0" fillOpacity={0.7} ifOverflow="extendDomain" />
                <Bar dataKey="gain" name="gain" fill="#0f766e" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>

          <figure className="chart" data-testid="chart-adherence" data-weeks={view.weekly.length}>
            <figcaption>Sessions done against prescribed ({view.perWeek} a week)</figcaption>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={view.weekly} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" />
                <YAxis allowDecimals={false} width={40} />
                <Tooltip />
                <Legend />
                <Bar dataKey="prescribed" name="prescribed" fill="#cbd5e1" isAnimationActive={false} />
                <Bar dataKey="sessions" name="done" fill="#0f766e" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>

          <figure className="chart" data-testid="chart-head-forward" data-points={view.snapshots.length}>
            <figcaption>
              Head-forward angle from snapshots; the shaded band ({HEAD_FORWARD_NORM_BAND_DEG[0]}-{HEAD_FORWARD_NORM_BAND_DEG[1]}°) is what is
              usual without neck pain
            </figcaption>
            {view.snapshots.length === 0 ? (
              <p className="empty">
                No snapshots in this period. <Link href="/snapshot">Take one</Link>.
              </p>
            ) : (
              <ResponsiveContainer width="100%" height={220}>
                <LineChart data={view.snapshots} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={dateLabel} />
                  <YAxis unit="°" width={50} domain={[30, 75]} />
                  <Tooltip labelFormatter={(v) => new Date(Number(v)).toLocaleString()} formatter={(v) => fmt(Number(v))} />
                  <ReferenceArea y1={HEAD_FORWARD_NORM_BAND_DEG[0]} y2={HEAD_FORWARD_NORM_BAND_DEG[1]} fill="#bbf7d0" fillOpacity={0.6} />
                  <Line dataKey="headForward" name="head-forward" stroke="#7c3aed" isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            )}
          </figure>
        </>
      )}

      <StageTimeline programme={data.programme} />
    </section>
  );
}

function StageTimeline({ programme }: { programme: ProgrammeState | null }) {
  if (!programme) {
    return (
      <p>
        No programme started yet: <Link href="/">start it on the Today page</Link>.
      </p>
    );
  }
  return (
    <section aria-labelledby="timeline-title" data-testid="stage-timeline">
      <h2 id="timeline-title">Stage timeline</h2>
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
    <div className="trend-tables">
      <table data-testid="table-weeks">
        <caption>Weeks</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Median range</th>
            <th scope="col">Gain</th>
            <th scope="col">Sessions</th>
            <th scope="col">Prescribed</th>
            <th scope="col">Adherence</th>
          </tr>
        </thead>
        <tbody>
          {view.weekly.map((w) => (
            <tr key={w.label}>
              <th scope="row">{w.label}</th>
              <td>{w.median === null ? '–' : `${fmt(w.median)}°`}</td>
              <td>{w.gain === null ? '–' : `${w.gain > 0 ? '+' : ''}${fmt(w.gain)}°${Math.abs(w.gain) < NOISE_BAND_DEG ? ' (noise)' : ''}`}</td>
              <td>{w.sessions}</td>
              <td>{w.prescribed}</td>
              <td>{w.adherencePct} %</td>
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
