'use client';

// The one-page report (lib/report) as a page that prints on one A4 or Letter sheet: the same
// markup on screen and on paper; report.module.css and the "report print" block at the end of
// app/globals.css decide what paper shows. Numbers only, never a picture of the person.
import type { ReactNode } from 'react';
import { formatDeg } from '@/lib/angles/format';
import type { Decision, MovementEase, SleepQuality } from '@/lib/progression';
import type { CheckInWeek, RangePoint, RangeTrend, ReportModel, ReportWeek, ScoreStats } from '@/lib/report/report';
import { REPORT_WEEKS } from '@/lib/report/report';
import s from './report.module.css';

/** A local calendar date (YYYY-MM-DD) in words, with no time zone of the device's: "22 Jan 2026". */
export function dateWords(date: string, { year = true }: { year?: boolean } = {}): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', day: 'numeric', month: 'short', ...(year ? { year: 'numeric' } : {}) });
}
const short = (date: string) => dateWords(date, { year: false });
/** "46°", "9.5°": a tenth only where there is one. */
const deg = (v: number) => formatDeg(v, Number.isInteger(Math.round(v * 10) / 10) ? 0 : 1);
const signedDeg = (v: number) => (Math.round(v * 10) === 0 ? '±0°' : `${v > 0 ? '+' : '−'}${deg(Math.abs(v))}`);
const withPm = (v: number, pm: number | null) => `${deg(v)}${pm === null ? '' : ` ± ${deg(pm)}`}`;
const score = (v: number) => String(Math.round(v * 10) / 10);

const DECISION_WORDS: Readonly<Record<Decision, string>> = { advance: 'advance', stay: 'stay', 'back-off': 'back off', stop: 'stop (red flag)' };

function weekLabel(w: ReportWeek): string {
  return w.current ? `${short(w.startDate)} (to ${short(w.lastDate)})` : short(w.startDate);
}

function Stats({ stats }: { stats: ScoreStats | null }) {
  if (!stats) return <>–</>;
  return (
    <>
      {score(stats.median)}
      {stats.answers > 1 && stats.min !== stats.max && <span className={s.range}> ({score(stats.min)}–{score(stats.max)})</span>}
    </>
  );
}

function Counts<K extends string>({ counts, order }: { counts: Readonly<Record<K, number>>; order: readonly K[] }) {
  const given = order.filter((k) => counts[k] > 0);
  if (given.length === 0) return <>–</>;
  return <>{given.map((k) => `${counts[k]} ${k}`).join(', ')}</>;
}

/** Red flags listed one by one (newest first); the rest are counted, so the page stays one sheet. */
const FLAGS_LISTED = 5;

const SLEEP: readonly SleepQuality[] = ['poor', 'fair', 'good'];
const EASE: readonly MovementEase[] = ['harder', 'same', 'easier'];

/** A compact chart: one slot per week of the period, each value's ± as a shaded band, the values joined by a line. */
function TrendChart({ trend, weeks, label }: { trend: RangeTrend; weeks: readonly ReportWeek[]; label: string }) {
  const W = 260;
  const H = 84;
  const pad = { left: 38, right: 6, top: 6, bottom: 18 };
  const lows = trend.points.map((p) => p.valueDeg - (p.plusMinusDeg ?? 0));
  const highs = trend.points.map((p) => p.valueDeg + (p.plusMinusDeg ?? 0));
  let lo = Math.floor(Math.min(...lows));
  let hi = Math.ceil(Math.max(...highs));
  // At least 10° tall, so a steady value does not look like a swing.
  if (hi - lo < 10) {
    const mid = (hi + lo) / 2;
    lo = Math.floor(mid - 5);
    hi = lo + 10;
  }
  const slot = (W - pad.left - pad.right) / weeks.length;
  const x = (i: number) => pad.left + (i + 0.5) * slot;
  const y = (v: number) => pad.top + ((hi - v) / (hi - lo)) * (H - pad.top - pad.bottom);
  // Runs of consecutive weeks with a ±: a band through each run, a short bar for a lone week.
  const runs: RangePoint[][] = [];
  for (const p of trend.points) {
    if (p.plusMinusDeg === null) continue;
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].weekIndex === p.weekIndex - 1) run.push(p);
    else runs.push([p]);
  }
  return (
    <svg className={s.chart} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="report-trend-chart">
      <line x1={pad.left} x2={W - pad.right} y1={y(hi)} y2={y(hi)} className={s.grid} />
      <line x1={pad.left} x2={W - pad.right} y1={y(lo)} y2={y(lo)} className={s.grid} />
      <text x={pad.left - 4} y={y(hi) + 3} textAnchor="end" className={s.axis}>
        {deg(hi)}
      </text>
      <text x={pad.left - 4} y={y(lo) + 3} textAnchor="end" className={s.axis}>
        {deg(lo)}
      </text>
      {weeks.map((w, i) => (
        <text key={w.startMs} x={x(i)} y={H - 3} textAnchor="middle" className={s.axis}>
          {short(w.startDate)}
        </text>
      ))}
      {runs.map((run) =>
        run.length === 1 ? (
          <rect
            key={run[0].weekIndex}
            x={x(run[0].weekIndex) - 7}
            width={14}
            y={y(run[0].valueDeg + (run[0].plusMinusDeg ?? 0))}
            height={Math.max(1, y(run[0].valueDeg - (run[0].plusMinusDeg ?? 0)) - y(run[0].valueDeg + (run[0].plusMinusDeg ?? 0)))}
            className={s.band}
          />
        ) : (
          <polygon
            key={run[0].weekIndex}
            points={[
              ...run.map((p) => `${x(p.weekIndex)},${y(p.valueDeg + (p.plusMinusDeg ?? 0))}`),
              ...[...run].reverse().map((p) => `${x(p.weekIndex)},${y(p.valueDeg - (p.plusMinusDeg ?? 0))}`),
            ].join(' ')}
            className={s.band}
          />
        ),
      )}
      {trend.points.length > 1 && <polyline points={trend.points.map((p) => `${x(p.weekIndex)},${y(p.valueDeg)}`).join(' ')} className={s.line} />}
      {trend.points.map((p) => (
        <circle key={p.weekIndex} cx={x(p.weekIndex)} cy={y(p.valueDeg)} r={3} className={s.dot} />
      ))}
    </svg>
  );
}

/** A trend in words: first and last value with their ±, and the last change against its error. */
function trendWords(trend: RangeTrend): string {
  const at = (p: RangePoint) => `${withPm(p.valueDeg, p.plusMinusDeg)} (${trend.kind === 'check' ? short(p.date) : `week of ${short(p.date)}`})`;
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  const values = trend.points.length === 1 ? at(last) : `${at(first)} → ${at(last)}`;
  const c = trend.lastChange;
  const change = c ? `; ${signedDeg(c.changeDeg)} since the week of ${short(c.fromDate)}, ${c.beyondError ? 'more than' : 'within'} its ${deg(c.errorDeg)} error` : '';
  return `${values}${change}.`;
}

function TrendCard({ trend, weeks }: { trend: RangeTrend; weeks: readonly ReportWeek[] }) {
  const words = trendWords(trend);
  const what = trend.kind === 'check' ? 'range check' : 'stage exercise';
  return (
    <figure className={s.trend} data-testid="report-trend" data-kind={trend.kind} data-id={trend.id} data-points={trend.points.length}>
      <figcaption>
        <strong>{trend.name}</strong> <span className={s.muted}>({what})</span>
        <br />
        {words}
      </figcaption>
      <TrendChart trend={trend} weeks={weeks} label={`${trend.name}: ${words}`} />
    </figure>
  );
}

function FeltTable({ weeks, answered }: { weeks: readonly CheckInWeek[]; answered: ReportModel['checkIns']['answered'] }) {
  return (
    // Focusable: on a narrow screen the table may scroll sideways.
    <div className={s.tableWrap} tabIndex={0} role="region" aria-label="Check-ins week by week">
      <table className={`${s.table} ${s.stack}`} data-testid="report-felt">
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Check-ins</th>
            <th scope="col">Pain 0-10</th>
            {answered.tension && <th scope="col">Tension 0-10</th>}
            {answered.sleep && <th scope="col">Sleep</th>}
            {answered.turning && <th scope="col">Turning</th>}
            {answered.reaching && <th scope="col">Reaching</th>}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week.startMs}>
              <th scope="row">{weekLabel(w.week)}</th>
              <td data-label="Check-ins">{w.checkIns}</td>
              <td data-label="Pain 0-10">
                <Stats stats={w.pain} />
              </td>
              {answered.tension && (
                <td data-label="Tension 0-10">
                  <Stats stats={w.tension} />
                </td>
              )}
              {answered.sleep && (
                <td data-label="Sleep">
                  <Counts counts={w.sleep} order={SLEEP} />
                </td>
              )}
              {answered.turning && (
                <td data-label="Turning">
                  <Counts counts={w.turning} order={EASE} />
                </td>
              )}
              {answered.reaching && (
                <td data-label="Reaching">
                  <Counts counts={w.reaching} order={EASE} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ReportViewProps {
  readonly model: ReportModel;
  /** Whose records: null for the person's own (this device), their user name in a clinician's view. */
  readonly person: string | null;
  /** Buttons beside "Print or save as PDF" (not printed). */
  readonly actions?: ReactNode;
}

export function ReportView({ model, person, actions }: ReportViewProps) {
  const { programme, adherence, range, snapshot, checkIns, redFlags } = model;
  const titleId = person ? `report-title-${person.replace(/[^a-z0-9_-]/gi, '_')}` : 'report-title';
  const notAnswered = (
    [
      ['tension', checkIns.answered.tension],
      ['sleep', checkIns.answered.sleep],
      ['turning', checkIns.answered.turning],
      ['reaching', checkIns.answered.reaching],
    ] as const
  )
    .filter(([, given]) => !given)
    .map(([name]) => name);

  return (
    <article className={s.report} aria-labelledby={titleId} data-report-sheet="" data-testid="report">
      <header className={s.head}>
        <h1 id={titleId}>Progress report{person ? `: ${person}` : ''}</h1>
        <p className={s.meta} data-testid="report-dates">
          Report date: <strong>{dateWords(model.date)}</strong>. Period covered: <strong>{dateWords(model.period.fromDate)}</strong> to{' '}
          <strong>{dateWords(model.period.toDate)}</strong> (the last {REPORT_WEEKS} weeks, this one to date).
        </p>
        <p className={s.meta}>
          From {person ? `${person}'s shared records` : 'the records on this device'}: camera measurements and the person&apos;s own check-ins, restated as
          recorded. No video or pictures.
        </p>
        <div className={`${s.actions} ${s.noPrint}`}>
          <button type="button" className="primary" onClick={() => window.print()}>
            Print or save as PDF
          </button>
          {actions}
        </div>
      </header>

      {model.empty && (
        <p className={s.notice} data-testid="report-empty">
          No data yet: no programme, sets, snapshots, range checks or check-ins on record. Every section below says so.
        </p>
      )}

      <div className={s.pair}>
        <section className={s.section} aria-labelledby={`${titleId}-stage`} data-testid="report-stage">
          <h2 id={`${titleId}-stage`}>Programme</h2>
          {programme ? (
            <>
              <p className={s.big}>
                Stage {programme.stage} of 5: {programme.stageName}
              </p>
              <p>
                {programme.exerciseName}, {programme.dose}, {programme.frequency}.
                <br />
                Week {programme.weekOfStage} on this stage ({programme.daysOnStage === 1 ? '1 day' : `${programme.daysOnStage} days`}, since{' '}
                {dateWords(programme.sinceDate)}).
              </p>
              {programme.onHoldSinceDate && <p className={s.flag}>Progression on hold since {dateWords(programme.onHoldSinceDate)}.</p>}
              {programme.lastDecision && (
                <p>
                  Last weekly decision (week of {short(programme.lastDecision.weekDate)}): {DECISION_WORDS[programme.lastDecision.decision]}.
                </p>
              )}
            </>
          ) : (
            <p className={s.emptyText}>No programme started yet.</p>
          )}
        </section>

        <section className={s.section} aria-labelledby={`${titleId}-sessions`} data-testid="report-sessions">
          <h2 id={`${titleId}-sessions`}>Sessions done against prescribed</h2>
          {!adherence.hasProgramme && adherence.other === 0 ? (
            <p className={s.emptyText}>No programme and no sessions yet.</p>
          ) : (
            <>
              {!adherence.hasProgramme && <p className={s.emptyText}>No programme started, so nothing is prescribed.</p>}
              <div className={s.tableWrap}>
                <table className={s.table}>
                  <thead>
                    <tr>
                      <th scope="col">Week of</th>
                      <th scope="col">Done / prescribed</th>
                      {adherence.other > 0 && <th scope="col">Other exercises</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {adherence.weeks.map((w) => (
                      <tr key={w.week.startMs}>
                        <th scope="row">{weekLabel(w.week)}</th>
                        <td>{w.prescribed > 0 ? `${w.done} / ${w.prescribed}` : `${w.done} / –`}</td>
                        {adherence.other > 0 && <td>{w.other}</td>}
                      </tr>
                    ))}
                  </tbody>
                  {adherence.hasProgramme && (
                    <tfoot>
                      <tr>
                        <th scope="row">Total</th>
                        <td>
                          {adherence.done} / {adherence.prescribed}
                        </td>
                        {adherence.other > 0 && <td>{adherence.other}</td>}
                      </tr>
                    </tfoot>
                  )}
                </table>
              </div>
              {adherence.hasProgramme && <p className={s.note}>Prescribed for the whole week, also this week. A session is one sitting of one or more sets.</p>}
            </>
          )}
        </section>
      </div>

      <section className={s.section} aria-labelledby={`${titleId}-range`} data-testid="report-range">
        <h2 id={`${titleId}-range`}>Range of motion</h2>
        {range.checks.length === 0 && range.exercises.length === 0 ? null : (
          <>
            <p className={s.note}>
              Range check: the median of three trials, ± half their spread. Stage exercise: the weekly median of its sessions&apos; measured range, ± the
              3° week-to-week noise. Changes are against the previous week with a value.
            </p>
            <div className={s.trends}>
              {[...range.checks, ...range.exercises].map((t) => (
                <TrendCard key={`${t.kind}-${t.id}`} trend={t} weeks={model.period.weeks} />
              ))}
            </div>
          </>
        )}
        {range.checks.length === 0 && (
          <p className={s.emptyText} data-testid="report-range-checks-empty">
            {range.checksOnRecord === 0
              ? 'No range check yet.'
              : `No range check in these ${REPORT_WEEKS} weeks (${range.checksOnRecord === 1 ? '1 earlier check' : `${range.checksOnRecord} earlier checks`} on record).`}
          </p>
        )}
        {range.exercises.length === 0 && (
          <p className={s.emptyText} data-testid="report-range-exercise-empty">
            No measured sessions {programme ? 'of the stage exercise ' : ''}in these {REPORT_WEEKS} weeks.
          </p>
        )}
      </section>

      <div className={s.pair}>
        <section className={s.section} aria-labelledby={`${titleId}-snapshot`} data-testid="report-snapshot">
          <h2 id={`${titleId}-snapshot`}>Latest posture snapshot</h2>
          {snapshot ? (
            <>
              <dl className={s.numbers}>
                <div>
                  <dt>Head-forward angle</dt>
                  <dd>{snapshot.headForwardDeg === null ? 'not measured' : withPm(snapshot.headForwardDeg, snapshot.headForwardPlusMinusDeg)}</dd>
                </div>
                <div>
                  <dt>Trunk extension</dt>
                  <dd>{snapshot.trunkExtensionDeg === null ? 'not measured' : withPm(snapshot.trunkExtensionDeg, snapshot.trunkExtensionPlusMinusDeg)}</dd>
                </div>
              </dl>
              <p>
                Taken {dateWords(snapshot.date)}
                {snapshot.inPeriod ? '' : ', before this period'}; {snapshot.inPeriodCount === 1 ? '1 snapshot' : `${snapshot.inPeriodCount} snapshots`} in the period.
                {snapshot.headForwardRefused && ` Head-forward not measured: ${snapshot.headForwardRefused}`}
                {snapshot.trunkExtensionRefused && ` Trunk not measured: ${snapshot.trunkExtensionRefused}`}
              </p>
              <p className={s.note}>Head-forward: the ear-shoulder line against the horizontal, a camera proxy for the craniovertebral angle (higher is more upright). Trunk: the hip-shoulder line against the vertical, positive leaning back.</p>
            </>
          ) : (
            <p className={s.emptyText}>No posture snapshot yet.</p>
          )}
        </section>

        <section className={s.section} aria-labelledby={`${titleId}-flags`} data-testid="report-red-flags">
          <h2 id={`${titleId}-flags`}>Red flags</h2>
          {redFlags.inPeriod.length === 0 ? (
            <p className={s.emptyText}>None reported in these {REPORT_WEEKS} weeks.</p>
          ) : (
            <ul className={s.flags}>
              {redFlags.inPeriod.slice(0, FLAGS_LISTED).map((f) => (
                <li key={f.atMs}>
                  <strong>{dateWords(f.date)}</strong>: {f.words.join(', ')} (pain {score(f.pain)}/10)
                </li>
              ))}
              {redFlags.inPeriod.length > FLAGS_LISTED && (
                <li>
                  and {redFlags.inPeriod.length - FLAGS_LISTED} more, the earliest on {dateWords(redFlags.inPeriod[redFlags.inPeriod.length - 1].date)}
                </li>
              )}
            </ul>
          )}
          {redFlags.earlier && (
            <p>
              Before this period: {redFlags.earlier.count === 1 ? '1 check-in' : `${redFlags.earlier.count} check-ins`} with a red flag, the latest on{' '}
              {dateWords(redFlags.earlier.lastDate)}.
            </p>
          )}
        </section>
      </div>

      <section className={s.section} aria-labelledby={`${titleId}-felt`} data-testid="report-check-ins">
        <h2 id={`${titleId}-felt`}>How it felt: check-ins</h2>
        {checkIns.total === 0 ? (
          <p className={s.emptyText}>No check-ins in these {REPORT_WEEKS} weeks.</p>
        ) : (
          <>
            <FeltTable weeks={checkIns.weeks} answered={checkIns.answered} />
            <p className={s.note}>
              Pain and tension: median (lowest–highest) of the week&apos;s answers. Sleep: last night&apos;s, as answered. Turning (to look behind) and
              reaching (overhead): compared with before, how many answers of each.
              {notAnswered.length > 0 && ` Not answered in this period: ${notAnswered.join(', ')}.`}
            </p>
          </>
        )}
      </section>
    </article>
  );
}
