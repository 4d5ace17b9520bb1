'use client';

import Link from '@/components/nav/app-link';
import { useEffect, useState } from 'react';
import { getExercise } from '@/lib/exercise';
import { ladderStep, type ProgrammeState } from '@/lib/progression';
import { getDrill } from '@/lib/routine/drills';
import { minutesWords, planRoutine, plannedSeconds } from '@/lib/routine/plan';
import { stepsDoneWords } from '@/lib/routine/records';
import { DEFAULT_SETTINGS, loadSettings } from '@/lib/settings';
import { readOr } from '@/lib/storage/app-db';
import { listRoutines } from '@/lib/storage/routines';
import type { SessionRecord } from '@/lib/storage/session-record';
import { amountWords } from '../routine/routine-start';
import styles from './today-routine.module.css';

const PART = { 'warm-up': 'Warm-up', stage: 'Stage exercise', mobility: 'Mobility' } as const;

/**
 * Today's routine: the warm-up, the stage's exercise at its dose and the mobility drills, in the
 * person's order, with the planned time; whether it was done today; one Start.
 */
export function TodayRoutine({ programme, sinceMs }: { programme: ProgrammeState; sinceMs: number }) {
  const [prefs, setPrefs] = useState(DEFAULT_SETTINGS.routine);
  const [today, setToday] = useState<SessionRecord[] | null>(null);
  useEffect(() => {
    void readOr(DEFAULT_SETTINGS, loadSettings)
      .then((s) => setPrefs(s.routine))
      .catch(() => {});
    void readOr([], (db) => listRoutines(db, sinceMs, Date.now() + 60_000))
      .then(setToday)
      .catch(() => setToday(null));
  }, [sinceMs]);

  const step = ladderStep(programme.stage);
  const ex = getExercise(step.exerciseId);
  if (!ex) return null;
  const steps = planRoutine(prefs, { exerciseId: step.exerciseId, exerciseName: step.exerciseName, dose: programme.dose, exercise: ex }, (id) => getExercise(id) !== undefined);
  const complete = today?.filter((r) => r.routine?.status === 'complete').length ?? 0;
  const latest = today?.[today.length - 1];
  const open = latest?.routine?.status === 'in-progress' ? latest : null;
  const partial = !complete && latest?.routine && latest.routine.status !== 'complete' ? latest : null;
  // Consecutive steps of one part share a line: "Warm-up: Foam roll 1 min · Cat-cow 8 breaths".
  const lines: { part: keyof typeof PART; items: string[] }[] = [];
  for (const s of steps) {
    const part = s.stage ? 'stage' : (getDrill(s.item)?.part ?? 'mobility');
    const text = `${s.name} ${amountWords(s)}`;
    const last = lines[lines.length - 1];
    if (last?.part === part) last.items.push(text);
    else lines.push({ part, items: [text] });
  }
  return (
    <section aria-labelledby="routine-card-title" className="card routine-card" data-testid="today-routine" data-done={complete} data-partial={partial ? 'true' : 'false'}>
      <h2 id="routine-card-title">
        Today&rsquo;s routine <span className="fine-print">· about {minutesWords(plannedSeconds(steps))}</span>
      </h2>
      <ol className={styles.lines}>
        {lines.map((l, i) => (
          <li key={i}>
            <strong>{PART[l.part]}:</strong> {l.items.join(' · ')}
          </li>
        ))}
      </ol>
      {complete > 0 ? (
        <p data-testid="today-routine-status" className={styles.ok}>
          Done today{complete > 1 ? ` (${complete} times)` : ''}.
        </p>
      ) : partial?.routine ? (
        <p data-testid="today-routine-status" className="partial">
          Partly done today: {stepsDoneWords(partial.routine)}.
        </p>
      ) : null}
      <p>
        <Link className="button primary big" href="/routine" data-testid="today-routine-start">
          {open ? 'Carry on the routine' : complete ? 'Do the routine again' : 'Start the routine'}
        </Link>
      </p>
    </section>
  );
}
