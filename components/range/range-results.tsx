'use client';

import Link from '@/components/nav/app-link';
import { formatDeg, formatDeltaDeg } from '@/lib/angles/format';
import {
  compareResults,
  compareSides,
  interpretMeasure,
  MEASURE_NAMES,
  MEASURES_OF_TEST,
  RANGE_GUIDES,
  RANGE_TEST_IDS,
  TRIALS_PER_MEASURE,
  type RangeMeasureResult,
  type RangeTestId,
  type RangeTrial,
  type RefusedTrial,
} from '@/lib/range';
import type { Refusal } from '@/lib/angles/refusals';
import type { StorageError } from '@/lib/storage/errors';
import type { RangeCheckRecord } from '@/lib/storage/range-record';
import { medianWords, previousResult, SIDE_WORD, type TestOutcome } from './check-model';
import styles from './range.module.css';
import { TrackDownloads, trackFileStem } from '../tracks/track-downloads';
import { trackNoteWords, type TrackNote } from '../tracks/track-keeper';

export type SaveState = 'saving' | 'saved' | 'nothing' | StorageError;

const dateOf = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/** The check's results, test by test, saved as soon as they are known. */
export function RangeResults({
  outcomes,
  record,
  saved,
  history,
  onRetrySave,
  onAgain,
  trackNote = null,
}: {
  outcomes: readonly TestOutcome[];
  record: RangeCheckRecord | null;
  saved: SaveState;
  history: readonly RangeCheckRecord[];
  onRetrySave: () => void;
  onAgain: () => void;
  /** What became of the check's landmarks, when the setting keeps them. */
  trackNote?: TrackNote | null;
}) {
  const state = typeof saved === 'string' ? saved : 'error';
  return (
    <section aria-labelledby="range-results-title" className={styles.results} data-testid="range-results">
      <h1 id="range-results-title" tabIndex={-1}>
        Range check results
      </h1>
      {record && <p className="lead">{new Date(record.takenAtMs).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' })}</p>}

      <div data-testid="range-save-status" data-state={state}>
        {saved === 'saving' && <p className="status">Saving…</p>}
        {saved === 'saved' && <p className="status">Saved in this browser.</p>}
        {saved === 'nothing' && <p>Nothing was measured, so nothing was saved.</p>}
        {typeof saved !== 'string' && (
          <div role="alert" className="problem" data-problem={`storage-${saved.code}`}>
            <h2>Not saved yet</h2>
            <p>{saved.message}</p>
            <p>The results stay on this page until they are saved.</p>
            <button type="button" className="primary" onClick={onRetrySave}>
              Try saving again
            </button>
          </div>
        )}
      </div>

      {RANGE_TEST_IDS.map((test) => (
        <TestResult key={test} test={test} outcome={outcomes.find((o) => o.test === test) ?? null} record={record} history={history} />
      ))}

      {/* After the results: the numbers come first, the files for other tools after. */}
      {record && saved === 'saved' && trackNote && (
        <div data-testid="range-landmarks" data-state={trackNote.state}>
          <p {...(trackNote.state === 'failed' ? { role: 'alert', className: 'problem' } : { className: 'status' })}>{trackNoteWords(trackNote, 'range check')}</p>
          {trackNote.state === 'saved' && trackNote.id === record.id && (
            <TrackDownloads id={record.id} stem={trackFileStem('range-check', record.takenAtMs)} label={`Range check, ${new Date(record.takenAtMs).toLocaleString()}`} />
          )}
        </div>
      )}

      <div className="actions">
        <button type="button" onClick={onAgain}>
          Do the check again
        </button>
        <Link className="button" href="/">
          Back to Today
        </Link>
        <Link href="/trends">See your trends</Link>
      </div>
    </section>
  );
}

function TestResult({ test, outcome, record, history }: { test: RangeTestId; outcome: TestOutcome | null; record: RangeCheckRecord | null; history: readonly RangeCheckRecord[] }) {
  const guide = RANGE_GUIDES[test];
  const results = MEASURES_OF_TEST[test].map((m) => record?.results.find((r) => r.measure === m)).filter((r): r is RangeMeasureResult => r !== undefined);
  if (results.length === 0) {
    return (
      <section className={styles.testResult} aria-labelledby={`range-result-title-${test}`}>
        <h2 id={`range-result-title-${test}`}>{guide.title}</h2>
        <p className={styles.skipped} data-testid={`range-skipped-${test}`}>
          {!outcome || outcome.ended === 'not-reached'
            ? 'Not done: the check was stopped before this test.'
            : outcome.ended === 'stopped'
              ? 'Not done: the check was stopped during this test, before a trial.'
              : 'Skipped.'}
        </p>
      </section>
    );
  }
  const left = results.find((r) => r.measure === 'rotation-left');
  const right = results.find((r) => r.measure === 'rotation-right');
  const sides = left && right ? compareSides(left.medianDeg, right.medianDeg) : null;
  return (
    <section className={styles.testResult} aria-labelledby={`range-result-title-${test}`}>
      <h2 id={`range-result-title-${test}`}>{guide.title}</h2>
      {outcome && outcome.ended !== 'done' && <p className={styles.skipped}>{outcome.ended === 'skipped' ? 'Skipped before all trials were done.' : 'Stopped before all trials were done.'}</p>}
      <dl className={styles.measures}>
        {results.map((r) => (
          <MeasureResult
            key={r.measure}
            result={r}
            record={record!}
            history={history}
            trials={outcome?.run?.trials.trials.filter((t) => t.measure === r.measure) ?? []}
            showRefusals={!outcome?.run}
            nameShown={results.length > 1}
          />
        ))}
      </dl>
      {sides && (
        <p className={styles.sides} data-testid="range-sides" data-beyond={sides.beyondError}>
          {sides.text}
        </p>
      )}
      {outcome?.run && <RefusedAttempts test={test} refused={outcome.run.trials.refused} />}
    </section>
  );
}

/** A back arched this much or more during a reach is said (its lean is already left out of the reach). */
const ARCH_NOTE_DEG = 5;

function MeasureResult({
  result: r,
  record,
  history,
  trials,
  showRefusals,
  nameShown,
}: {
  result: RangeMeasureResult;
  record: RangeCheckRecord;
  history: readonly RangeCheckRecord[];
  /** This check's counted trials of the measure, with what was seen at each peak (not stored). */
  trials: readonly RangeTrial[];
  /** The measure's own refusal counts (when the test's attempts are not listed below it). */
  showRefusals: boolean;
  /** False when the test has this one measure: its heading already names it. */
  nameShown: boolean;
}) {
  const measured = r.medianDeg !== null;
  const arched = trials.map((t, i) => ({ n: i + 1, lean: t.trunkLeanDeg ?? 0 })).filter((t) => t.lean >= ARCH_NOTE_DEG);
  const before = previousResult(history, r.measure, record);
  const change = before ? compareResults(r, before.result, { sameEngine: before.record.engine === record.engine }) : null;
  const refusedTotal = r.refusals.reduce((n, x) => n + x.count, 0);
  return (
    <div
      className={styles.measure}
      data-testid={`range-result-${r.measure}`}
      data-median={r.medianDeg ?? ''}
      data-spread={r.spreadDeg ?? ''}
      data-trials={r.trialsDeg.map((t) => t.toFixed(1)).join(',')}
      data-measured={measured}
      data-leans={trials.map((t) => (t.trunkLeanDeg ?? 0).toFixed(1)).join(',')}
    >
      <dt className={nameShown ? undefined : 'visually-hidden'}>{MEASURE_NAMES[r.measure]}</dt>
      <dd className={styles.median} data-measured={measured}>
        {measured ? medianWords(r) : `Not measured: ${r.trialsDeg.length} of ${TRIALS_PER_MEASURE} trials counted`}
      </dd>
      {r.trialsDeg.length > 0 && <dd className={styles.trials}>Trials: {r.trialsDeg.map((t) => formatDeg(t)).join(', ')}</dd>}
      {arched.length > 0 && (
        <dd className={styles.trials}>
          Your back arched during {arched.length === 1 ? `trial ${arched[0].n}` : `trials ${arched.map((a) => a.n).join(' and ')}`} (
          {arched.map((a) => formatDeg(a.lean)).join(', ')}): the arch is left out, so only the arms&rsquo; reach counts.
        </dd>
      )}
      {measured && <dd>{interpretMeasure(r.measure, r.medianDeg!)}</dd>}
      {!measured && <dd>Three trials are needed for a result; the next check measures it again.</dd>}
      {change && before && (
        <dd className={styles.change} data-testid={`range-change-${r.measure}`} data-within={change.withinNoise} data-delta={change.deltaDeg}>
          Since {dateOf(before.record.takenAtMs)} ({formatDeg(before.result.medianDeg)}): {formatDeltaDeg(change.deltaDeg)},{' '}
          {change.withinNoise
            ? `within the ±${change.noiseDeg.toFixed(1)}° this can tell apart: no real change.`
            : `more than the ±${change.noiseDeg.toFixed(1)}° this can tell apart: a real change.`}
        </dd>
      )}
      {measured && !before && <dd className={styles.trials}>No earlier result to compare with: this one is the baseline.</dd>}
      {showRefusals && refusedTotal > 0 && (
        <dd>
          {refusedTotal === 1 ? 'One attempt did not count:' : `${refusedTotal} attempts did not count:`}
          <ul className={styles.refusals}>
            {r.refusals.map((x) => (
              <li key={x.code} data-code={x.code}>
                {x.count > 1 ? `${x.count} times: ` : ''}
                {x.message}
              </li>
            ))}
          </ul>
        </dd>
      )}
    </div>
  );
}

/** Words for a refused attempt: "no one in view" without the side-on advice, which is wrong for a test done facing the camera. */
function refusedWords(r: Refusal): string {
  return r.code === 'no-person' ? 'No one was in view, or the camera lost you, during the movement.' : r.message;
}

/** This check's attempts that did not count, by side where known, and why. */
function RefusedAttempts({ test, refused }: { test: RangeTestId; refused: readonly RefusedTrial[] }) {
  if (refused.length === 0) return null;
  const groups = new Map<string, { side: string | null; text: string; code: string; count: number }>();
  for (const r of refused) {
    const side = r.measure ? (SIDE_WORD[r.measure] ?? null) : null;
    const key = `${side ?? ''}|${r.refusal.code}`;
    const g = groups.get(key);
    groups.set(key, { side, text: refusedWords(r.refusal), code: r.refusal.code, count: (g?.count ?? 0) + 1 });
  }
  return (
    <div data-testid={`range-refusals-${test}`} data-count={refused.length}>
      <p className={styles.refusedTitle}>{refused.length === 1 ? 'One attempt did not count:' : `${refused.length} attempts did not count:`}</p>
      <ul className={styles.refusals}>
        {[...groups.values()].map((g) => (
          <li key={`${g.side}|${g.code}`} data-code={g.code}>
            {g.side ? `${g.side}: ` : ''}
            {g.count > 1 ? `${g.count} times. ` : ''}
            {g.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
