'use client';

import Link from '@/components/nav/app-link';
import { formatDeg } from '@/lib/angles/format';
import type { HoldRecord } from '@/lib/exercise/types';
import type { SetRecord } from '@/lib/storage/set-record';
import { OfflineAfterSet } from '../pwa/offline-after-set';
import { TrackDownloads, trackFileStem } from '../tracks/track-downloads';
import { trackNoteWords, type TrackNote } from '../tracks/track-keeper';
import { CheckInForm } from './check-in-form';
import { useSetMessage, useSetView } from './set-view-context';

/**
 * After a set, read at arm's length: what was counted, whether it is saved, the check-in,
 * and what to do next. Nothing from the running set is left on it.
 */
export function SetDone({
  onAgain,
  onClose,
  onRetrySave,
  trackNote = null,
}: {
  onAgain: () => void;
  onClose: () => void;
  onRetrySave: () => void;
  /** What became of the set's landmarks, when the setting keeps them. */
  trackNote?: TrackNote | null;
}) {
  const done = useSetView((s) => s.machine.done);
  const cueCount = useSetView((s) => s.machine.cueCount);
  const exercise = useSetView((s) => s.exercise);
  const finished = useSetView((s) => s.finished);
  const message = useSetMessage();
  if (!done || !exercise) return null;
  const work = finished && finished.summary.reps + finished.summary.holds.length > 0;

  return (
    <section className="result set-done" aria-labelledby="set-summary-title" data-testid="set-summary" data-status={done.status} data-cue-count={cueCount}>
      <h2 id="set-summary-title" tabIndex={-1}>
        Your set: {exercise.name}
      </h2>
      <p className="done-cue" data-testid="cue-text">
        {message.cue}
      </p>
      {/* A failed save is explained (once) in the alert below. */}
      {message.detail && done.save !== 'failed' && (
        <p className="status" data-testid="save-status">
          {message.detail}
        </p>
      )}
      {done.save === 'failed' && (
        <div role="alert" className="problem" data-problem="storage">
          <p>{done.error}</p>
          <p>The set is kept on this page and saving is tried again every few seconds. Keep this page open until it says it is saved.</p>
          <button type="button" className="primary" onClick={onRetrySave}>
            Try saving again
          </button>
        </div>
      )}
      {done.status === 'empty' && (
        <p className="lead">
          No {exercise.kind === 'hold' ? 'hold' : exercise.kind === 'timed' ? 'cycle' : 'rep'} was counted, so this set does not count as a session.
          If you did move, the camera may not have seen you well: use <Link href="/setup">Check my setup</Link> and try again.
        </p>
      )}
      {finished && work && <SetSummary record={finished} />}
      {finished && work && done.save === 'saved' && trackNote && (
        <div className="set-landmarks" data-testid="set-landmarks" data-state={trackNote.state}>
          <p {...(trackNote.state === 'failed' ? { role: 'alert', className: 'problem' } : { className: 'status' })}>{trackNoteWords(trackNote, 'set')}</p>
          {trackNote.state === 'saved' && trackNote.id === finished.id && (
            <TrackDownloads id={finished.id} stem={trackFileStem(finished.exerciseId, finished.startedAt)} label={`${finished.exerciseName}, ${new Date(finished.startedAt).toLocaleString()}`} />
          )}
        </div>
      )}
      {finished && work && done.save === 'saved' && <CheckInForm key={finished.id} sessionId={finished.sessionId ?? null} />}
      {finished && work && done.save === 'saved' && <OfflineAfterSet />}
      <div className="actions done-actions">
        {/* A set that is not saved yet would be lost by starting another. */}
        <button type="button" className="primary" onClick={onAgain} disabled={done.save === 'failed'}>
          Start another set
        </button>
        <button type="button" onClick={onClose} disabled={done.save === 'failed'}>
          Choose another exercise
        </button>
        {done.save !== 'failed' && (
          <Link className="button" href="/">
            Back to Today
          </Link>
        )}
      </div>
    </section>
  );
}

function SetSummary({ record }: { record: SetRecord }) {
  const s = record.summary;
  const fmt = (v: number | null | undefined) => formatDeg(v, 1);
  const relative = s.baselineDeg !== null;
  return (
    <>
      <dl className="summary-grid">
        <div>
          <dt>{s.kind === 'hold' ? 'Completed holds' : s.kind === 'timed' ? 'Cycles' : 'Reps'}</dt>
          <dd data-testid="summary-reps">
            <span data-testid="rep-count">{s.reps}</span>
            {s.targetReps ? <small> of {s.targetReps}</small> : null}
          </dd>
        </div>
        {s.kind === 'hold' && (
          <div>
            <dt>Short holds (not counted)</dt>
            <dd data-testid="summary-short-holds">{s.shortHolds}</dd>
          </div>
        )}
        <div>
          <dt>Peak {relative ? 'extension from your neutral' : 'angle'}</dt>
          <dd>{fmt(s.peakDeg)}</dd>
        </div>
        <div>
          <dt>Median {relative ? 'extension' : 'angle'}</dt>
          <dd>{fmt(s.medianDeg)}</dd>
        </div>
      </dl>
      {s.holds.length > 0 && (
        <div className="table-scroll">
          <table className="holds">
            <caption>Each hold</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Duration</th>
                <th scope="col">Peak</th>
                <th scope="col">Median</th>
                <th scope="col">Head-forward</th>
                <th scope="col">Counted</th>
              </tr>
            </thead>
            <tbody>
              {s.holds.map((h: HoldRecord, i: number) => (
                <tr key={h.startMs}>
                  <td>{i + 1}</td>
                  <td>{(h.durationMs / 1000).toFixed(1)} s</td>
                  <td>{fmt(h.peakDeg)}</td>
                  <td>{fmt(h.medianDeg)}</td>
                  <td>{fmt(h.headForwardDeg)}</td>
                  <td>{h.completed ? 'yes' : 'short'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
