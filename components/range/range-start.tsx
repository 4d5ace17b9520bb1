'use client';

import Link from '@/components/nav/app-link';
import { MEASURE_NAMES, RANGE_GUIDES, RANGE_TEST_IDS, type RangeMeasureResult } from '@/lib/range';
import type { RangeCheckRecord } from '@/lib/storage/range-record';
import { CameraControls } from '../camera/camera-controls';
import { NO_DATABASE_ATTRIBUTE } from '../pending/no-database';
import type { PoseCameraHandle } from '../camera/use-pose-camera';
import { useLiveStore } from '../providers/live-store-provider';
import { medianWords, rangeCheckDue } from './check-model';
import styles from './range.module.css';

const dateOf = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/** What the check is, the four tests, the last check's results, and Start. */
export function RangeStart({
  history,
  historyError,
  camera,
  onStart,
}: {
  history: readonly RangeCheckRecord[] | null;
  historyError: string | null;
  camera: PoseCameraHandle;
  onStart: () => void;
}) {
  const phase = useLiveStore((s) => s.phase);
  const { last, due } = rangeCheckDue(history ?? [], Date.now());
  return (
    <section aria-labelledby="range-title" className="range-start">
      <h1 id="range-title">Range check</h1>
      <p className="lead">
        The same four short tests every week, the way a clinician re-assesses: about two minutes in all. Each test takes three trials and keeps
        their median, so one odd attempt does not change the result.
      </p>
      <p className="lead">
        Put the camera at chest height, two to three metres away, and have a chair without arms ready for the last test. The app tells you what to
        do and counts each trial, on screen and aloud. The video stays on this device: nothing is recorded or sent.
      </p>
      <div className={styles.startRow}>
        <button type="button" className="primary big" onClick={onStart} disabled={phase === 'camera'} data-testid="range-start">
          Start the range check
        </button>
      </div>
      <CameraControls camera={camera} showStartStop={false} readyHint={phase === 'ready' ? 'The pose model is loaded.' : ''} />

      {historyError ? (
        <div role="alert" className="problem" data-problem="storage">
          <p>{historyError}</p>
        </div>
      ) : last ? (
        <LastCheck record={last} due={due} />
      ) : (
        // Before the history is read: in the page's HTML, invisible but in its place (nothing below moves when it shows), and
        // shown at once where this browser has no database (components/pending/no-database.ts).
        <p {...(history ? { 'data-testid': 'range-first' } : { style: { visibility: 'hidden' }, [NO_DATABASE_ATTRIBUTE]: 'empty' })}>
          This is your first range check: it becomes the baseline that later ones are compared with.
        </p>
      )}

      <h2 id="range-tests-title">The four tests</h2>
      <ol className={styles.tests} aria-labelledby="range-tests-title">
        {RANGE_TEST_IDS.map((test) => {
          const g = RANGE_GUIDES[test];
          return (
            <li key={test}>
              <strong>{g.title}</strong>
              {g.setup}
            </li>
          );
        })}
      </ol>
      <p className="fine-print">
        You can skip any test, or stop at any time: what was measured is kept. A test with fewer than three trials counts as not measured. See
        your range checks over time in <Link href="/trends">Trends</Link>.
      </p>
    </section>
  );
}

function LastCheck({ record, due }: { record: RangeCheckRecord; due: boolean }) {
  return (
    <section aria-labelledby="range-last-title" className={styles.last} data-testid="range-last" data-taken={record.takenAtMs}>
      <h2 id="range-last-title">
        Your last check: {dateOf(record.takenAtMs)}
        {due ? ' (a week or more ago: one is due)' : ''}
      </h2>
      <dl className={styles.lastList}>
        {record.results.map((r: RangeMeasureResult) => (
          <div key={r.measure}>
            <dt>{MEASURE_NAMES[r.measure]}</dt>
            <dd data-testid={`range-last-${r.measure}`} data-median={r.medianDeg ?? ''} data-measured={r.medianDeg !== null}>
              {medianWords(r)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
