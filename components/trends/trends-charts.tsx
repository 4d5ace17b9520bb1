'use client';

// The trend charts (recharts), loaded by trends-view.tsx only when there is data to chart.
import { useEffect } from 'react';
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
import { HEAD_FORWARD_ZONES, headForwardZone } from '@/lib/angles/norms';
import { NOISE_BAND_DEG } from '@/lib/progression';
import type { TrendData, WeekRow } from './trends-view';
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
