'use client';

// Trends' range-check charts: one per test (rotation's two sides on one chart), weekly values with
// their ± as whiskers, the published norms as a shaded band or a line, and a sentence per
// measure that says what the chart shows (also the chart's own description for screen readers).
// The same section serves the person's own Trends and a clinician's view of another person's.
import Link from '@/components/nav/app-link';
import dynamic from 'next/dynamic';
import { formatDeg } from '@/lib/angles/format';
import { STANDING_EXTENSION_DEG } from '@/lib/angles/norms';
import type { RangeSeries, RangeWeekValue } from '@/lib/progression';
import { MEASURE_NAMES, ROTATION_TYPICAL_DEG, SHOULDER_FLEXION_TYPICAL_DEG } from '@/lib/range/results';
import { MEASURES_OF_TEST, RANGE_TEST_IDS, type RangeMeasureId, type RangeTestId } from '@/lib/range/types';
import { HeadForwardZoneLegend } from './zone-legend';

const DAY_MS = 86_400_000;

export const TEST_TITLES: Readonly<Record<RangeTestId, string>> = {
  'head-position': 'Head position',
  'standing-extension': 'Standing extension',
  'overhead-reach': 'Overhead reach',
  rotation: 'Seated rotation',
};

/** How each measure is drawn: colour, and a dash pattern and marker that tell the sides apart without colour. */
export const MEASURE_STYLE: Readonly<Record<RangeMeasureId, { colour: string; dash?: string; marker: 'circle' | 'square'; label: string }>> = {
  'head-forward': { colour: '#6d28d9', marker: 'circle', label: 'head position' },
  extension: { colour: '#0f766e', marker: 'circle', label: 'extension' },
  reach: { colour: '#0f766e', marker: 'circle', label: 'reach' },
  'rotation-left': { colour: '#0f766e', marker: 'circle', label: 'left' },
  'rotation-right': { colour: '#b45309', dash: '7 5', marker: 'square', label: 'right' },
};

/** The published figure each chart shows behind the values. */
export type RangeNorm =
  | { readonly kind: 'band'; readonly fromDeg: number; readonly toDeg: number; readonly text: string }
  | { readonly kind: 'line'; readonly atDeg: number; readonly text: string }
  | { readonly kind: 'zones'; readonly text: string };

export const TEST_NORMS: Readonly<Record<RangeTestId, RangeNorm>> = {
  'head-position': { kind: 'zones', text: 'Shaded zones: the head-forward norms, as in the snapshot chart above (higher is more upright).' },
  'standing-extension': {
    kind: 'band',
    fromDeg: STANDING_EXTENSION_DEG.mean - STANDING_EXTENSION_DEG.sd,
    toDeg: STANDING_EXTENSION_DEG.mean + STANDING_EXTENSION_DEG.sd,
    text: `Shaded band: ${STANDING_EXTENSION_DEG.mean} ± ${STANDING_EXTENSION_DEG.sd}°, what studies find for arching back from a relaxed stance.`,
  },
  'overhead-reach': {
    kind: 'line',
    atDeg: SHOULDER_FLEXION_TYPICAL_DEG,
    text: `Dotted line: about ${SHOULDER_FLEXION_TYPICAL_DEG}°, the adult average (less is usual with age).`,
  },
  rotation: {
    kind: 'band',
    fromDeg: ROTATION_TYPICAL_DEG.low,
    toDeg: ROTATION_TYPICAL_DEG.high,
    text: `Shaded band: ${ROTATION_TYPICAL_DEG.low}-${ROTATION_TYPICAL_DEG.high}° to each side, typical of healthy adults.`,
  },
};

/** One week of a chart: its x (the middle of the week), and per line its value and ± (null when not measured). */
export interface RangeChartRow {
  readonly t: number;
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly spreads: readonly (number | null)[];
  /** Per line, the change on the previous check in words ("+6°, more than its 5° error"), or null. */
  readonly changes: readonly (string | null)[];
}

export interface RangeChartLine {
  readonly measure: RangeMeasureId;
  readonly name: string;
}

const weekLabel = (startMs: number) => new Date(startMs).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
/** "46°", "9.5°", "−2°": to a tenth where it has one. */
export const deg = (v: number) => formatDeg(v, Number.isInteger(Math.round(v * 10) / 10) ? 0 : 1);
const signed = (v: number) => (Math.round(v * 10) === 0 ? '±0°' : `${v > 0 ? '+' : ''}${deg(v)}`);

/** The change on the previous check in words; null for a first check. */
export function changeWords(w: RangeWeekValue): string | null {
  const p = w.previous;
  if (!p) return null;
  return `${signed(p.gainDeg)}, ${p.change === 'within-error' ? 'within' : 'more than'} its ${deg(p.errorDeg)} error`;
}

/** A measure's weeks in one sentence: how many, first and last value with their ±, and the last change. */
export function summarizeSeries(name: string, weeks: readonly RangeWeekValue[]): string {
  if (weeks.length === 0) return `${name}: no check in this period.`;
  const at = (w: RangeWeekValue) => `${deg(w.valueDeg)}${w.spreadDeg === null ? '' : ` ± ${deg(w.spreadDeg)}`} in the week of ${weekLabel(w.week.startMs)}`;
  const last = weeks[weeks.length - 1];
  const change = changeWords(last);
  const end = change ? `; the last change was ${change}` : '';
  if (weeks.length === 1) return `${name}: 1 week with a check, ${at(last)}${end}.`;
  return `${name}: ${weeks.length} weeks with a check, from ${at(weeks[0])} to ${at(last)}${end}.`;
}

/** Rows for a test's chart: each week any of its measures has a value, oldest first. */
export function chartRows(measures: readonly RangeMeasureId[], series: readonly RangeSeries[]): RangeChartRow[] {
  const byMeasure = measures.map((m) => series.find((s) => s.measure === m)?.weeks ?? []);
  const starts = [...new Set(byMeasure.flatMap((ws) => ws.map((w) => w.week.startMs)))].sort((a, b) => a - b);
  return starts.map((startMs) => {
    const here = byMeasure.map((ws) => ws.find((w) => w.week.startMs === startMs) ?? null);
    return {
      t: startMs + 3.5 * DAY_MS,
      label: weekLabel(startMs),
      values: here.map((w) => w?.valueDeg ?? null),
      spreads: here.map((w) => (w ? (w.spreadDeg ?? 0) : null)),
      changes: here.map((w) => (w ? changeWords(w) : null)),
    };
  });
}

const chartLoading = () => (
  <p className="empty" role="status">
    Drawing the chart…
  </p>
);
const RangeCheckChart = dynamic(() => import('./trends-charts').then((m) => m.RangeCheckChart), { ssr: false, loading: chartLoading });

export interface RangeCheckSectionProps {
  /** The period's weeks per measure (rangeWeeks). */
  readonly series: readonly RangeSeries[];
  readonly domain: [number, number];
  /** Range checks on record, in any period. */
  readonly checks: number;
  /** Whose records: null for the person's own, their name in a clinician's view. */
  readonly person: string | null;
  readonly headingLevel: 2 | 4;
  /** Show tables instead of charts. */
  readonly asTable: boolean;
}

export function RangeCheckSection({ series, domain, checks, person, headingLevel, asTable }: RangeCheckSectionProps) {
  const prefix = person ? `range-${person.replace(/[^a-z0-9_-]/gi, '_')}` : 'range';
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  const whose = person ? `${person}'s` : 'your';
  const anyInPeriod = series.some((s) => s.weeks.length > 0);
  return (
    <section aria-labelledby={`${prefix}-title`} className="range-trends" data-testid="range-trends">
      <Heading id={`${prefix}-title`}>Range check</Heading>
      {checks === 0 ? (
        <div className="notice" data-testid="range-check-empty">
          {person ? (
            <p>{person} has not done a range check yet.</p>
          ) : (
            <p>
              No range check yet. The weekly range check measures head position, standing extension, overhead reach and rotation to each side with the same
              tests at every stage, so it shows progress across stages: <Link href="/range">do your first range check</Link>.
            </p>
          )}
        </div>
      ) : !anyInPeriod ? (
        <p className="empty" data-testid="range-check-none-in-period">
          No range check in this period: choose a longer one to see {whose} earlier checks.
        </p>
      ) : (
        <>
          <p className="hint">
            The same tests every week, whatever the stage: each mark is the week&apos;s check (the latest, if there were several), its whiskers the ± of
            its three trials.
          </p>
          {asTable ? (
            <RangeCheckTable series={series} />
          ) : (
            RANGE_TEST_IDS.map((test) => <RangeTestFigure key={test} test={test} series={series} domain={domain} prefix={prefix} />)
          )}
        </>
      )}
    </section>
  );
}

function RangeTestFigure({ test, series, domain, prefix }: { test: RangeTestId; series: readonly RangeSeries[]; domain: [number, number]; prefix: string }) {
  const measures = MEASURES_OF_TEST[test];
  const rows = chartRows(measures, series);
  const lines: RangeChartLine[] = measures.map((m) => ({ measure: m, name: measures.length > 1 ? MEASURE_STYLE[m].label : MEASURE_NAMES[m] }));
  const sentences = measures.map((m) => summarizeSeries(MEASURE_NAMES[m], series.find((s) => s.measure === m)?.weeks ?? []));
  const norm = TEST_NORMS[test];
  const summaryId = `${prefix}-${test}-summary`;
  const points = measures.reduce((n, m) => n + (series.find((s) => s.measure === m)?.weeks.length ?? 0), 0);
  return (
    <figure className="chart" data-testid={`chart-range-check-${test}`} data-weeks={rows.length} data-points={points} aria-describedby={summaryId}>
      <figcaption>
        {TEST_TITLES[test]}
        {measures.length > 1 ? ', to each side' : ''}: weekly range check (marks) with its ± (whiskers)
      </figcaption>
      {rows.length === 0 ? (
        <p className="empty">No {TEST_TITLES[test].toLowerCase()} result in this period: the test was skipped or not finished.</p>
      ) : (
        <>
          <RangeCheckChart rows={rows} lines={lines} norm={norm} domain={domain} title={`${TEST_TITLES[test]}, weekly range check`} desc={sentences.join(' ')} />
          {measures.length > 1 && <SideLegend measures={measures} />}
          {norm.kind === 'zones' ? (
            <HeadForwardZoneLegend />
          ) : (
            <p className="hint range-norm">{norm.text}</p>
          )}
        </>
      )}
      <div id={summaryId} className="hint range-summary" data-testid={`range-summary-${test}`}>
        {sentences.map((s) => (
          <p key={s} style={{ margin: '0.25rem 0' }}>
            {s}
          </p>
        ))}
      </div>
    </figure>
  );
}

/** Which line is which side: a solid line with round marks, a dashed line with square marks (colour is extra). */
function SideLegend({ measures }: { measures: readonly RangeMeasureId[] }) {
  return (
    <ul aria-label="Lines" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1.25rem', listStyle: 'none', margin: '0.25rem 0 0', padding: 0 }}>
      {measures.map((m) => {
        const s = MEASURE_STYLE[m];
        return (
          <li key={m} style={{ display: 'flex', alignItems: 'center', gap: '0.4rem' }}>
            <svg width="40" height="14" aria-hidden="true" focusable="false" style={{ flexShrink: 0 }}>
              <line x1="2" y1="7" x2="38" y2="7" stroke={s.colour} strokeWidth="3" strokeDasharray={s.dash} />
              {s.marker === 'circle' ? (
                <circle cx="20" cy="7" r="5.5" fill={s.colour} stroke="#fff" strokeWidth="1.5" />
              ) : (
                <rect x="14.5" y="1.5" width="11" height="11" fill={s.colour} stroke="#fff" strokeWidth="1.5" />
              )}
            </svg>
            {MEASURE_NAMES[m]} ({s.dash ? 'dashed line, square marks' : 'solid line, round marks'})
          </li>
        );
      })}
    </ul>
  );
}

/** The range checks as a table: a row per week, a column per measure. */
export function RangeCheckTable({ series }: { series: readonly RangeSeries[] }) {
  const measures = RANGE_TEST_IDS.flatMap((t) => MEASURES_OF_TEST[t]);
  const rows = chartRows(measures, series);
  return (
    <div className="table-scroll">
      <table data-testid="table-range-checks">
        <caption>Range checks (the week&apos;s value ± its trials&apos; spread, and the change on the previous check)</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            {measures.map((m) => (
              <th key={m} scope="col">
                {MEASURE_NAMES[m]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.t}>
              <th scope="row">{r.label}</th>
              {measures.map((m, i) => (
                <td key={m}>
                  {r.values[i] === null ? (
                    '–'
                  ) : (
                    <>
                      {deg(r.values[i]!)} ± {deg(r.spreads[i] ?? 0)}
                      {r.changes[i] && (
                        <>
                          <br />
                          <small>{r.changes[i]}</small>
                        </>
                      )}
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
