'use client';

// Trends beyond range: how it felt, week by week, from the check-ins. Pain (the week's highest,
// as the weekly decision reads it) and upper-back tension (the week's average) on one 0-10
// chart, drawn here as plain SVG (no chart library to load) with sentences that say what it
// shows and a table under "Show as tables"; sleep and how turning and reaching felt as weekly
// counts. The same section serves the person's own Trends and a clinician's view.
import { useEffect, useRef, useState } from 'react';
import { SLEEP_QUALITIES, type CheckIn, type MovementEase, type SleepQuality } from '@/lib/progression';
import { weeklyFeel, type AnswerCounts, type FeelWeek } from '@/lib/progression/check-ins';
import { localUtcOffsetMinutes } from '../progress/programme';

const weekLabel = (startMs: number) => new Date(startMs).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
/** "3", "2.5": to a tenth where it has one. */
const tenth = (v: number) => String(Math.round(v * 10) / 10);
const outOf10 = (v: number) => `${tenth(v)}/10`;

/** How the two lines are told apart without colour: a solid line with round marks, a dashed one with square marks. */
const SERIES = {
  pain: { colour: '#b91c1c', dash: undefined, marker: 'circle', name: 'Pain', what: "the week's highest" },
  tension: { colour: '#1d4ed8', dash: '8 6', marker: 'square', name: 'Upper-back tension', what: "the week's average" },
} as const;
type SeriesId = keyof typeof SERIES;
const valueOf = (w: FeelWeek, s: SeriesId) => (s === 'pain' ? w.maxPain : w.meanTension);

const EASE_ORDER: readonly MovementEase[] = ['easier', 'same', 'harder'];
const SLEEP_ORDER: readonly SleepQuality[] = [...SLEEP_QUALITIES].reverse();
const ANSWER_WORDS: Readonly<Record<SleepQuality | MovementEase, string>> = {
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
  easier: 'Easier',
  same: 'Same',
  harder: 'Harder',
};

export interface FeelSectionProps {
  /** Check-ins on record (any order); undefined when none were read. */
  readonly checkIns: readonly CheckIn[] | undefined;
  /** The period shown (Trends' choice). */
  readonly fromMs: number;
  readonly toMs: number;
  /** Whose records: null for the person's own, their name in a clinician's view. */
  readonly person: string | null;
  readonly headingLevel: 2 | 4;
  /** Show tables instead of the chart. */
  readonly asTable: boolean;
}

/** A series' weeks in one sentence: how many weeks, first and last value, and the change. */
export function summarizeFeelSeries(weeks: readonly FeelWeek[], s: SeriesId): string {
  const { name, what } = SERIES[s];
  const given = weeks.filter((w) => valueOf(w, s) !== null);
  if (given.length === 0) return s === 'pain' ? `${name}: no check-in in this period.` : `${name}: not answered in this period.`;
  const at = (w: FeelWeek) => `${outOf10(valueOf(w, s)!)} in the week of ${weekLabel(w.week.startMs)}`;
  const [first, last] = [given[0], given[given.length - 1]];
  if (given.length === 1) return `${name} (${what}): 1 week, ${at(last)}.`;
  const a = Math.round(valueOf(first, s)! * 10) / 10;
  const b = Math.round(valueOf(last, s)! * 10) / 10;
  const change = a === b ? 'no change' : `${b < a ? 'down' : 'up'} ${tenth(Math.abs(b - a))}`;
  // A week higher than both ends is said: "from 0 to 0" must not hide a flare in between.
  const top = given.reduce((m, w) => (valueOf(w, s)! > valueOf(m, s)! ? w : m));
  const peak = valueOf(top, s)! > Math.max(valueOf(first, s)!, valueOf(last, s)!) ? `; highest ${at(top)}` : '';
  return `${name} (${what}): ${given.length} weeks, from ${at(first)} to ${at(last)} (${change}${peak}).`;
}

/** The latest week with a check-in as a few big figures, to read across a room. */
function latestTiles(w: FeelWeek): { id: string; label: string; value: string }[] {
  const out = [{ id: 'pain', label: 'Pain, highest', value: outOf10(w.maxPain!) }];
  if (w.meanTension !== null) out.push({ id: 'tension', label: 'Tension, average', value: outOf10(w.meanTension) });
  if (w.nights > 0) out.push({ id: 'sleep', label: 'Slept well', value: `${w.sleep.good} of ${w.nights} ${w.nights === 1 ? 'night' : 'nights'}` });
  if (w.turningAnswers > 0) out.push({ id: 'turning', label: 'Turning felt', value: `easier ${w.turning.easier}, harder ${w.turning.harder}` });
  if (w.reachingAnswers > 0) out.push({ id: 'reaching', label: 'Reaching felt', value: `easier ${w.reaching.easier}, harder ${w.reaching.harder}` });
  return out;
}

export function FeelSection({ checkIns, fromMs, toMs, person, headingLevel, asTable }: FeelSectionProps) {
  const prefix = person ? `feel-${person.replace(/[^a-z0-9_-]/gi, '_')}` : 'feel';
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  const all = checkIns ?? [];
  const weeks = weeklyFeel(all, { fromMs, toMs, utcOffsetMinutes: localUtcOffsetMinutes(toMs) });
  const answered = weeks.filter((w) => w.checkIns > 0);
  const latest = answered[answered.length - 1];
  const sentences = (['pain', 'tension'] as const).map((s) => summarizeFeelSeries(weeks, s));
  const summaryId = `${prefix}-chart-summary`;

  return (
    <section aria-labelledby={`${prefix}-title`} className="feel-trends" data-testid="feel-section">
      <Heading id={`${prefix}-title`}>How it felt: pain, tension, sleep and movement</Heading>
      {all.length === 0 ? (
        <p className="empty" data-testid="feel-empty">
          {person
            ? `${person} has no check-ins yet.`
            : 'No check-ins yet. After each set the check-in asks about pain and, if you like, upper-back tension, last night\u2019s sleep and how turning and reaching felt: they show here week by week.'}
        </p>
      ) : answered.length === 0 ? (
        <p className="empty" data-testid="feel-none-in-period">
          No check-in in this period: choose a longer one to see {person ? `${person}'s` : 'your'} earlier check-ins.
        </p>
      ) : (
        <>
          <div className="feel-latest" data-testid="feel-latest">
            <p id={`${prefix}-latest`} className="feel-latest-week">
              Latest week with a check-in: the week of {weekLabel(latest.week.startMs)}
            </p>
            <dl aria-labelledby={`${prefix}-latest`}>
              {latestTiles(latest).map((t) => (
                <div key={t.id} data-testid={`feel-latest-${t.id}`}>
                  <dt>{t.label}</dt>
                  <dd>{t.value}</dd>
                </div>
              ))}
            </dl>
          </div>
          <figure className="chart" data-testid="chart-feel" aria-describedby={summaryId} data-weeks={answered.length}>
            <figcaption>Pain (the week&apos;s highest) and upper-back tension (the week&apos;s average), week by week: 0 none, 10 worst</figcaption>
            {asTable ? <FeelTable weeks={answered} /> : <FeelChart weeks={weeks} title="Pain and upper-back tension, week by week" desc={sentences.join(' ')} />}
            {!asTable && <FeelLegend />}
            <div id={summaryId} className="hint feel-summary" data-testid="feel-summary">
              {sentences.map((s) => (
                <p key={s}>{s}</p>
              ))}
            </div>
          </figure>
          <div className="feel-counts">
            <CountsTable
              testId="feel-sleep"
              caption="Last night's sleep (nights rated)"
              order={SLEEP_ORDER}
              rows={answered.filter((w) => w.nights > 0).map((w) => ({ week: w, counts: w.sleep }))}
            />
            <CountsTable
              testId="feel-turning"
              caption="Turning to look behind you, compared with the week before (answers)"
              order={EASE_ORDER}
              rows={answered.filter((w) => w.turningAnswers > 0).map((w) => ({ week: w, counts: w.turning }))}
            />
            <CountsTable
              testId="feel-reaching"
              caption="Reaching overhead, compared with the week before (answers)"
              order={EASE_ORDER}
              rows={answered.filter((w) => w.reachingAnswers > 0).map((w) => ({ week: w, counts: w.reaching }))}
            />
          </div>
        </>
      )}
    </section>
  );
}

function FeelLegend() {
  return (
    <ul className="feel-legend" aria-label="Lines">
      {(Object.keys(SERIES) as SeriesId[]).map((s) => {
        const { colour, dash, marker, name, what } = SERIES[s];
        return (
          <li key={s}>
            <svg width="44" height="18" aria-hidden="true" focusable="false">
              <line x1="2" y1="9" x2="42" y2="9" stroke={colour} strokeWidth="4" strokeDasharray={dash} />
              {marker === 'circle' ? <circle cx="22" cy="9" r="7" fill={colour} stroke="#fff" strokeWidth="2" /> : <rect x="15" y="2" width="14" height="14" fill={colour} stroke="#fff" strokeWidth="2" />}
            </svg>
            {name}, {what} ({dash ? 'dashed line, square marks' : 'solid line, round marks'})
          </li>
        );
      })}
    </ul>
  );
}

/** Its container's width in CSS pixels (the chart draws at that size, so its text stays the same size on a phone and a laptop). */
function useWidth<T extends HTMLElement>(initial: number): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

const HEIGHT = 250;
const PAD = { top: 14, right: 14, bottom: 34, left: 40 };
const FONT = 16;
/** About a "24 Nov" label's width at FONT, with room between labels. */
const LABEL_PX = 64;

/** Pain and tension on one 0-10 chart: a mark per week, lines between consecutive weeks, gaps where a week has none. */
export function FeelChart({ weeks, title, desc }: { weeks: readonly FeelWeek[]; title: string; desc: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(360);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const n = weeks.length;
  const x = (i: number) => PAD.left + ((i + 0.5) * plotW) / n;
  const y = (v: number) => PAD.top + plotH - (v / 10) * plotH;
  const labelEvery = Math.max(1, Math.ceil((n * LABEL_PX) / plotW));
  const ids = Object.keys(SERIES) as SeriesId[];
  // Tension's marks sit a little to the right of pain's, so equal values stay two marks.
  const nudge = (s: SeriesId) => (s === 'tension' ? Math.min(6, plotW / n / 6) : -Math.min(6, plotW / n / 6));

  return (
    <div ref={ref} className="feel-chart">
      <svg width={width} height={HEIGHT} role="img" focusable="false">
        <title>{title}</title>
        <desc>{desc}</desc>
        {[0, 2, 4, 6, 8, 10].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} stroke="#cbd5e1" strokeDasharray={v === 0 ? undefined : '3 3'} />
            <text x={PAD.left - 8} y={y(v)} dy="0.35em" textAnchor="end" fontSize={FONT} fill="#334155">
              {v}
            </text>
          </g>
        ))}
        {weeks.map((w, i) =>
          i % labelEvery === 0 ? (
            <text key={w.week.startMs} x={x(i)} y={HEIGHT - 10} textAnchor="middle" fontSize={FONT} fill="#334155">
              {weekLabel(w.week.startMs)}
            </text>
          ) : null,
        )}
        {ids.map((s) => {
          const { colour, dash, marker } = SERIES[s];
          const dx = nudge(s);
          // Lines only between weeks next to each other that both have a value.
          const segments: string[] = [];
          weeks.forEach((w, i) => {
            const v = valueOf(w, s);
            const prev = i > 0 ? valueOf(weeks[i - 1], s) : null;
            if (v !== null && prev !== null) segments.push(`M${x(i - 1) + dx},${y(prev)}L${x(i) + dx},${y(v)}`);
          });
          return (
            <g key={s} data-series={s}>
              {segments.length > 0 && <path d={segments.join('')} fill="none" stroke={colour} strokeWidth={4} strokeDasharray={dash} strokeLinecap="round" />}
              {weeks.map((w, i) => {
                const v = valueOf(w, s);
                if (v === null) return null;
                const [cx, cy] = [x(i) + dx, y(v)];
                return marker === 'circle' ? (
                  <circle key={w.week.startMs} className="feel-mark" data-value={tenth(v)} cx={cx} cy={cy} r={8} fill={colour} stroke="#fff" strokeWidth={2} />
                ) : (
                  <rect key={w.week.startMs} className="feel-mark" data-value={tenth(v)} x={cx - 7} y={cy - 7} width={14} height={14} fill={colour} stroke="#fff" strokeWidth={2} />
                );
              })}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function FeelTable({ weeks }: { weeks: readonly FeelWeek[] }) {
  return (
    <div className="table-scroll">
      <table className="feel-table" data-testid="table-feel">
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Check-ins</th>
            <th scope="col">Pain, highest</th>
            <th scope="col">Tension, average</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week.startMs}>
              <th scope="row">{weekLabel(w.week.startMs)}</th>
              <td>{w.checkIns}</td>
              <td>{w.maxPain === null ? '–' : outOf10(w.maxPain)}</td>
              <td>{w.meanTension === null ? '–' : `${outOf10(w.meanTension)} (${w.tensionAnswers} ${w.tensionAnswers === 1 ? 'answer' : 'answers'})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CountsTable<K extends SleepQuality | MovementEase>({
  testId,
  caption,
  order,
  rows,
}: {
  testId: string;
  caption: string;
  order: readonly K[];
  rows: readonly { week: FeelWeek; counts: AnswerCounts<K> }[];
}) {
  return (
    <div className="table-scroll feel-count-table">
      <table data-testid={testId} data-weeks={rows.length}>
        <caption>{caption}</caption>
        {rows.length === 0 ? (
          <tbody>
            <tr>
              <td className="empty">Not answered in this period.</td>
            </tr>
          </tbody>
        ) : (
          <>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                {order.map((k) => (
                  <th key={k} scope="col">
                    {ANSWER_WORDS[k]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ week, counts }) => (
                <tr key={week.week.startMs}>
                  <th scope="row">{weekLabel(week.week.startMs)}</th>
                  {order.map((k) => (
                    <td key={k} data-answer={k} data-count={counts[k]}>
                      {counts[k]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </div>
  );
}
