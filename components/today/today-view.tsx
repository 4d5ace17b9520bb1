'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import type { LadderStage } from '@/lib/exercise/types';
import {
  DEFAULT_GROWTH_PERCENT,
  describeDose,
  groupSessions,
  LADDER,
  ladderStep,
  nextDose,
  resumeProgramme,
  type DecisionRecord,
} from '@/lib/progression';
import { appDb } from '@/lib/storage/db';
import { listSets, saveProgramme } from '@/lib/storage/records';
import type { SetRecord } from '@/lib/storage/set-record';
import { beginProgramme, currentProgramme, type ProgrammeView } from '../progress/programme';
import { Reminders } from './reminders';

const DECISION_TITLES: Record<DecisionRecord['decision'], string> = {
  advance: 'Move up to the next stage',
  stay: 'Stay on this stage',
  'back-off': 'Back off a little',
  stop: 'Stop and see a clinician',
};

function startOfToday(nowMs: number): number {
  const d = new Date(nowMs);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The query that opens the session page on the programme's exercise at its current dose. */
export function sessionHref(view: ProgrammeView): string {
  const step = ladderStep(view.programme.stage);
  const d = view.programme.dose;
  const params = new URLSearchParams({ exercise: step.exerciseId });
  if (d.reps) params.set('target', String(d.reps));
  if (d.holdSeconds) params.set('hold', String(d.holdSeconds));
  if (d.durationSeconds) params.set('duration', String(d.durationSeconds));
  return `/session?${params}`;
}

export function TodayView() {
  const [view, setView] = useState<ProgrammeView | null | undefined>(undefined);
  const [today, setToday] = useState<SetRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [startStage, setStartStage] = useState<LadderStage>(1);

  const load = useCallback(async () => {
    try {
      const db = appDb();
      const now = Date.now();
      setView(await currentProgramme(db, now));
      setToday(await listSets(db, startOfToday(now), now + 1));
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) {
    return (
      <div role="alert" className="problem" data-problem="storage">
        <p>{error}</p>
      </div>
    );
  }
  if (view === undefined) return <p role="status">Loading your programme…</p>;

  if (view === null) {
    return (
      <section aria-labelledby="today-title">
        <h1 id="today-title">Welcome</h1>
        <p className="lead">
          This app guides a five-stage programme for a stiff upper back. It measures your movement with the camera, grows the dose
          5-10 % a week, and tells you when to move on, stay, or ease off. Everything stays in this browser.
        </p>
        <ol className="ladder">
          {LADDER.map((s) => (
            <li key={s.stage}>
              <strong>
                Stage {s.stage}, {s.name}:
              </strong>{' '}
              {s.exerciseName}, {describeDose(s.dose)}, {s.frequency}.
            </li>
          ))}
        </ol>
        <label>
          Start at{' '}
          <select value={startStage} onChange={(e) => setStartStage(Number(e.target.value) as LadderStage)}>
            {LADDER.map((s) => (
              <option key={s.stage} value={s.stage}>
                Stage {s.stage}: {s.exerciseName}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" className="primary" onClick={() => void beginProgramme(appDb(), Date.now(), startStage, DEFAULT_GROWTH_PERCENT).then(setView, (e: Error) => setError(e.message))}>
          Start the programme
        </button>
        <p className="fine-print">
          Not sure? Stage 1 is gentle mobility and suits everyone. If you have sharp pain, burning, tingling or nerve-like symptoms,
          see a clinician before starting.
        </p>
      </section>
    );
  }

  const { programme, growthPercent } = view;
  const step = ladderStep(programme.stage);
  const weekOfStage = Math.floor((Date.now() - programme.stageStartedAtMs) / (7 * 86_400_000)) + 1;
  const sessionsToday = groupSessions(today, step.exerciseId).length;
  const perDay = programme.dose.perDay ?? null;
  const latest = programme.history[programme.history.length - 1] ?? null;
  const upcoming = nextDose(programme.dose, growthPercent, step.growth.max);
  const onHold = programme.onHoldSinceMs !== null;

  return (
    <section aria-labelledby="today-title" className="today">
      <h1 id="today-title">Today</h1>
      <p className="stage-line" data-testid="today-stage">
        Stage {programme.stage} of 5, {step.name}: week {weekOfStage} of up to 6.
      </p>

      {onHold ? (
        <div role="alert" className="problem" data-problem="on-hold">
          <h2>Progression is on hold</h2>
          <p>
            You reported a warning sign (sharp pain, burning, tingling or nerve-like symptoms). Stop the exercises and see a clinician
            before carrying on.
          </p>
          <button
            type="button"
            onClick={() => {
              const state = resumeProgramme(programme, Date.now());
              void saveProgramme(appDb(), { state, growthPercent }).then(() => setView({ programme: state, growthPercent }));
            }}
          >
            A clinician has cleared me to continue
          </button>
        </div>
      ) : (
        <div className="prescription">
          <h2>Today&rsquo;s exercise: {step.exerciseName}</h2>
          <p data-testid="today-dose">
            {describeDose(programme.dose)}, {step.frequency}.
          </p>
          <p data-testid="today-done">
            {perDay ? `Done today: ${Math.min(sessionsToday, 99)} of ${perDay} sessions.` : `Sessions today: ${sessionsToday}.`}
          </p>
          <p>
            <Link className="button primary" href={sessionHref(view)}>
              Start {step.exerciseName.toLowerCase()}
            </Link>
          </p>
          <p className="fine-print">
            Next dose, if this week goes well: {describeDose(upcoming)} (+{growthPercent}% a week).
          </p>
        </div>
      )}

      <section aria-labelledby="decision-title" className="decision" data-testid="today-decision">
        <h2 id="decision-title">Latest weekly decision</h2>
        {latest ? (
          <>
            <p className="decision-title" data-decision={latest.decision}>
              {DECISION_TITLES[latest.decision]}
            </p>
            <ul>
              {latest.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>The first decision comes after your first full week on this stage.</p>
        )}
      </section>

      <Reminders />
      <p>
        <Link href="/trends">See your trends</Link> · <Link href="/snapshot">Take a posture snapshot</Link> · <Link href="/data">Back up or restore your data</Link>
      </p>
    </section>
  );
}
