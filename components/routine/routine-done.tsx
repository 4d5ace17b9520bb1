'use client';

import Link from '@/components/nav/app-link';
import { routineComplete, type RoutineState, type StepStatus } from '@/lib/routine/machine';
import { CheckInForm } from '../session/check-in-form';
import { amountWords } from './routine-start';
import type { SaveState } from './routine-view';
import styles from './routine.module.css';

const STATUS_WORDS: Record<StepStatus, string> = { done: 'Done', partial: 'Partly done', skipped: 'Skipped', pending: 'Not reached' };

/** ": 5 cycles in 30 s", ": 6 of 15 reps", ": 40 s of 60 s"; nothing for a step skipped or not reached. */
function resultWords(s: RoutineState['steps'][number], r: RoutineState['results'][number]): string {
  if (r.status === 'skipped' || r.status === 'pending') return '';
  if (s.kind === 'timed') return r.status === 'partial' ? `: ${r.seconds} s of ${s.target} s` : '';
  if (s.durationSeconds) return `: ${r.count ?? 0} cycles in ${s.durationSeconds} s`;
  return `: ${r.count ?? 0} of ${amountWords(s)}`;
}

/** What was done, step by step; whether it is saved; and the check-in. */
export function RoutineDone({ state, sessionId, save, onRetrySave }: { state: RoutineState; sessionId: string; save: SaveState; onRetrySave: () => void }) {
  const complete = routineComplete(state.results);
  const done = state.results.filter((r) => r.status === 'done').length;
  return (
    <section aria-labelledby="routine-done-title" className={styles.done} data-testid="routine-done" data-status={complete ? 'complete' : 'partial'}>
      <h1 id="routine-done-title" tabIndex={-1}>
        {complete ? 'Routine done' : 'Routine partly done'}
      </h1>
      <p className={styles.summary}>
        {complete ? `All ${state.steps.length} steps done. Well done.` : `${done} of ${state.steps.length} steps done. It is saved as partly done.`}
      </p>
      <p data-testid="routine-save" data-state={typeof save === 'string' ? save : 'error'} className={typeof save === 'object' ? 'problem' : 'fine-print'} role={typeof save === 'object' ? 'alert' : undefined}>
        {save === 'saving' ? 'Saving…' : save === 'saved' ? 'Saved in this browser.' : `Not saved yet: ${save.error}`}
        {typeof save === 'object' && (
          <>
            {' '}
            <button type="button" onClick={onRetrySave}>
              Try saving again
            </button>
          </>
        )}
      </p>
      <ol className={styles.results}>
        {state.steps.map((s, i) => {
          const r = state.results[i];
          return (
            <li key={s.key} data-testid={`routine-result-${s.key}`} data-status={r.status} data-count={r.count ?? ''}>
              <span className={styles.resultName}>{s.name}</span>
              <span className={styles.resultStatus} data-status={r.status}>
                {STATUS_WORDS[r.status]}
                {resultWords(s, r)}
              </span>
            </li>
          );
        })}
      </ol>
      <CheckInForm sessionId={sessionId} what="routine" />
      <p>
        <Link href="/">Back to Today</Link> · <Link href="/trends">See Trends</Link>
      </p>
    </section>
  );
}
