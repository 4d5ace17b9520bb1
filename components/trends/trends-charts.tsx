'use client';

// The trend charts (recharts), loaded by trends-view.tsx only when there is data to chart.
import { useEffect } from 'react';
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { HEAD_FORWARD_ZONES, headForwardZone } from '@/lib/angles/norms';
import { NOISE_BAND_DEG } from '@/lib/progression';
import type { TrendData, WeekRow } from './trends-view';
import { deg, MEASURE_STYLE, type RangeChartLine, type RangeChartRow, type RangeNorm } from './range-check-section';
import { ZONE_FILL } from './zone-colours';

const dateLabel = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
/** Tooltip text in the page's own dark ink (series colours are too light to read as text). */
const TOOLTIP_ITEM = { color: '#0f172a' } as const;
const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));

/** Legend entries in the page's ink; the swatch carries the series colour. */
function legendText(value: string) {
  return <span style={{ color: '#0f172a' }}>{value}</span>;
}

/** A session's dot: large enough to see and to touch. */
function Dot(props: unknown) {
  const { cx, cy, fill } = props as { cx?: number; cy?: number; fill?: string };
  if (cx === undefined || cy === undefined) return <g />;
  return <circle cx={cx} cy={cy} r={7} fill={fill} stroke="#ffffff" strokeWidth={2} />;
}

/** A performance mark once the first chart is on screen (read by `npm run bench:trends`). */
let marked = false;

export function RangeChart({ view, domain, weeksWithRange }: { view: TrendData; domain: [number, number]; weeksWithRange: number }) {
  useEffect(() => {
    if (marked) return;
    marked = true;
    requestAnimationFrame(() => performance.mark('trends-rendered'));
  }, []);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="t" name="date" type="number" scale="time" domain={domain} tickFormatter={dateLabel} minTickGap={24} />
        <YAxis unit="°" width={48} domain={['auto', 'auto']} />
        <Tooltip
          itemStyle={TOOLTIP_ITEM}
          labelFormatter={(v) => new Date(Number(v)).toLocaleString()}
          // A session's tooltip lists its time too (the x value): as a date, not milliseconds.
          formatter={(v, name) =>
            name === 'date' ? new Date(Number(v)).toLocaleString() : Array.isArray(v) ? v.map((x) => fmt(Number(x))).join(' to ') : fmt(Number(v))
          }
        />
        <Legend formatter={legendText} />
        {weeksWithRange >= 2 && (
          <Area data={view.weekly} dataKey="band" name="noise band" stroke="none" fill="#99f6e4" fillOpacity={0.5} isAnimationActive={false} connectNulls={false} />
        )}
        {weeksWithRange >= 2 && (
          <Line data={view.weekly} dataKey="median" name="weekly median" stroke="#0f766e" strokeWidth={3} dot={{ r: 5 }} isAnimationActive={false} connectNulls={false} />
        )}
        <Scatter data={view.points} dataKey="range" name="session" fill="#d97706" shape={Dot} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function GainChart({ weekly }: { weekly: WeekRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={weekly} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" minTickGap={12} />
        <YAxis unit="°" width={48} />
        <Tooltip itemStyle={TOOLTIP_ITEM} labelFormatter={(l) => `Week of ${l}`} formatter={(v) => fmt(Number(v))} />
        <ReferenceArea y1={-NOISE_BAND_DEG} y2={NOISE_BAND_DEG} fill="#e2e8f0" fillOpacity={0.7} ifOverflow="extendDomain" />
        <Bar dataKey="gain" name="gain" fill="#0f766e" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function AdherenceChart({ weekly }: { weekly: WeekRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={weekly} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" minTickGap={12} />
        <YAxis allowDecimals={false} width={40} />
        <Tooltip itemStyle={TOOLTIP_ITEM} labelFormatter={(l) => `Week of ${l}`} />
        <Legend formatter={legendText} />
        <Bar dataKey="prescribed" name="prescribed" fill="#94a3b8" isAnimationActive={false} />
        <Bar dataKey="sessions" name="done" fill="#0f766e" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function HeadForwardChart({ snapshots, domain }: { snapshots: TrendData['snapshots']; domain: [number, number] }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={snapshots} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="t" type="number" scale="time" domain={domain} tickFormatter={dateLabel} minTickGap={24} />
        <YAxis unit="°" width={48} domain={[30, 75]} allowDataOverflow />
        <Tooltip itemStyle={TOOLTIP_ITEM} labelFormatter={(v) => new Date(Number(v)).toLocaleString()} formatter={(v) => `${fmt(Number(v))}° (${headForwardZone(Number(v)).label})`} />
        {HEAD_FORWARD_ZONES.map((z) => (
          <ReferenceArea key={z.band} y1={z.fromDeg ?? 30} y2={z.toDeg ?? 75} fill={ZONE_FILL[z.band]} fillOpacity={0.6} ifOverflow="hidden" />
        ))}
        <Line dataKey="headForward" name="head-forward" stroke="#6d28d9" strokeWidth={2} dot={{ r: 6, fill: '#6d28d9', stroke: '#ffffff', strokeWidth: 2 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

/** A range check's mark: round or square (the two rotation sides differ in shape, not only colour). */
function rangeMark(shape: 'circle' | 'square', colour: string) {
  return function Mark(props: unknown) {
    const { cx, cy, value } = props as { cx?: number; cy?: number; value?: number | null };
    if (cx === undefined || cy === undefined || value === null || value === undefined) return <g />;
    return shape === 'circle' ? (
      <circle cx={cx} cy={cy} r={6} fill={colour} stroke="#ffffff" strokeWidth={2} />
    ) : (
      <rect x={cx - 6} y={cy - 6} width={12} height={12} fill={colour} stroke="#ffffff" strokeWidth={2} />
    );
  };
}

function RangeTooltip({ active, payload, lines }: { active?: boolean; payload?: readonly { payload?: RangeChartRow }[]; lines: readonly RangeChartLine[] }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div style={{ background: '#ffffff', border: '1px solid #cbd5e1', borderRadius: 6, padding: '0.4rem 0.6rem', color: '#0f172a', maxWidth: 260 }}>
      <div style={{ fontWeight: 600 }}>Week of {row.label}</div>
      {lines.map((l, i) =>
        row.values[i] === null ? null : (
          <div key={l.measure}>
            {l.name}: {deg(row.values[i]!)} ± {deg(row.spreads[i] ?? 0)}{row.changes[i] ? ` (${row.changes[i]})` : ''}
          </div>
        ),
      )}
    </div>
  );
}

/**
 * One range-check test: a line per measure through its weekly marks, whiskers for each check's
 * ±, and the published norm behind them. Two lines (rotation) sit a little apart on the time
 * axis so their whiskers do not cover each other; the tooltip and the keyboard (arrow keys once
 * the chart has focus) step week by week through both.
 */
export function RangeCheckChart({
  rows,
  lines,
  norm,
  domain,
  title,
  desc,
}: {
  rows: RangeChartRow[];
  lines: RangeChartLine[];
  norm: RangeNorm;
  domain: [number, number];
  title: string;
  desc: string;
}) {
  // Apart by about 1 % of the axis each way: visible on a phone, never into the next week.
  const dodge = lines.length > 1 ? Math.min((domain[1] - domain[0]) * 0.01, 1.5 * 86_400_000) : 0;
  const data = rows.map((r) => ({
    ...r,
    ...Object.fromEntries(
      lines.flatMap((_, i) => [
        [`v${i}`, r.values[i]],
        [`e${i}`, r.spreads[i]],
        [`t${i}`, r.t + (i - (lines.length - 1) / 2) * dodge],
      ]),
    ),
  }));
  // The marks, their whiskers and the norm all on the axis.
  const values = [
    ...rows.flatMap((r) => r.values.flatMap((v, i) => (v === null ? [] : [v - (r.spreads[i] ?? 0), v + (r.spreads[i] ?? 0)]))),
    ...(norm.kind === 'band' ? [norm.fromDeg, norm.toDeg] : norm.kind === 'line' ? [norm.atDeg] : []),
  ];
  // Ticks every 5° (10° or 20° over a wider span), with room above and below the whiskers.
  const span = Math.max(...values) - Math.min(...values);
  const step = span <= 20 ? 5 : span <= 50 ? 10 : 20;
  const low = Math.floor((Math.min(...values) - 2) / step) * step;
  const high = Math.ceil((Math.max(...values) + 2) / step) * step;
  const yTicks = Array.from({ length: Math.round((high - low) / step) + 1 }, (_, k) => low + k * step);
  // A tick under each week's marks, named by the week's Monday (as the sentences below name it).
  const xTicks = rows.map((r) => r.t);
  const weekOf = (t: number) => dateLabel(t - 3.5 * 86_400_000);
  return (
    <ResponsiveContainer width="100%" height={230}>
      <ComposedChart data={data} margin={{ top: 10, right: 16, bottom: 10, left: 0 }} title={title} desc={desc}>
        <CartesianGrid strokeDasharray="3 3" />
        {lines.map((_, i) => (
          <XAxis
            key={i}
            xAxisId={i}
            dataKey={`t${i}`}
            type="number"
            scale="time"
            domain={domain}
            ticks={xTicks}
            tickFormatter={weekOf}
            minTickGap={16}
            hide={i > 0}
            allowDataOverflow
          />
        ))}
        <YAxis unit="°" width={48} domain={[low, high]} ticks={yTicks} allowDecimals={false} />
        <Tooltip content={<RangeTooltip lines={lines} />} />
        {norm.kind === 'band' && <ReferenceArea xAxisId={0} y1={norm.fromDeg} y2={norm.toDeg} fill="#cbd5e1" fillOpacity={0.55} ifOverflow="extendDomain" />}
        {norm.kind === 'line' && <ReferenceLine xAxisId={0} y={norm.atDeg} stroke="#475569" strokeWidth={2} strokeDasharray="2 4" ifOverflow="extendDomain" />}
        {norm.kind === 'zones' &&
          HEAD_FORWARD_ZONES.map((z) => (
            <ReferenceArea key={z.band} xAxisId={0} y1={z.fromDeg ?? -90} y2={z.toDeg ?? 180} fill={ZONE_FILL[z.band]} fillOpacity={0.6} ifOverflow="hidden" />
          ))}
        {lines.map((l, i) => {
          const style = MEASURE_STYLE[l.measure];
          return (
            <Line
              key={l.measure}
              xAxisId={i}
              dataKey={`v${i}`}
              name={l.name}
              stroke={style.colour}
              strokeWidth={2.5}
              strokeDasharray={style.dash}
              dot={rangeMark(style.marker, style.colour)}
              activeDot={rangeMark(style.marker, style.colour)}
              connectNulls
              isAnimationActive={false}
            >
              <ErrorBar dataKey={`e${i}`} width={style.marker === 'circle' ? 10 : 6} strokeWidth={2} stroke={style.colour} direction="y" />
            </Line>
          );
        })}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
