'use client';

import Link from '@/components/nav/app-link';
import { useCallback, useEffect, useState } from 'react';
import type { ExerciseKind } from '@/lib/exercise/types';
import { describeDose, ladderStep, nextDose, resumeProgramme, todaysSessions, type DecisionRecord } from '@/lib/progression';
import { sessionHref } from '@/lib/session/query';
import { appDb, readDb } from '@/lib/storage/app-db';
import { onSyncedData } from '../sync/sync-store';
import { listSets, saveProgramme } from '@/lib/storage/records';
import { listRangeChecks } from '@/lib/storage/range-checks';
import type { RangeCheckRecord } from '@/lib/storage/range-record';
import type { SetRecord } from '@/lib/storage/set-record';
import { EnginePreload } from '../camera/engine-preload';
import { currentProgramme, type ProgrammeView } from '../progress/programme';
import { rangeCheckDue } from '../range/check-model';
import { FirstRun } from './first-run';
import { FirstRunWelcomeShell } from './first-run-welcome';
import { PENDING_ATTRIBUTE, rememberProgramme } from './programme-hint';
import { useProgrammeHint } from './use-programme-hint';
import { Reminders } from './reminders';
import pending from './today-pending.module.css';
import { TodayRoutine } from './today-routine';

const DECISION_TITLES: Record<DecisionRecord['decision'], string> = {
  advance: 'Move up to the next stage',
  stay: 'Stay on this stage',
  'back-off': 'Back off a little',
  stop: 'Stop and see a clinician',
};

const unitOf = (kind: ExerciseKind) => (kind === 'hold' ? 'holds' : kind === 'timed' ? 'minutes' : 'reps');

function startOfToday(nowMs: number): number {
  const d = new Date(nowMs);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function TodayView() {
  useProgrammeHint();
  const [view, setView] = useState<ProgrammeView | null | undefined>(undefined);
  const [today, setToday] = useState<SetRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** Range checks, oldest first; null while read or when they cannot be (the card then says nothing of the last one). */
  const [rangeChecks, setRangeChecks] = useState<RangeCheckRecord[] | null>(null);

  const load = useCallback(async () => {
    try {
      const db = await readDb();
      const now = Date.now();
      const programme = db ? await currentProgramme(db, now) : null;
      rememberProgramme(programme !== null);
      setView(programme);
      setToday(db ? await listSets(db, startOfToday(now), now + 1) : []);
      setRangeChecks(db ? await listRangeChecks(db).catch(() => null) : []);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    void load();
    return onSyncedData(() => void load());
  }, [load]);

  if (error) {
    return (
      <div role="alert" className="problem" data-problem="storage">
        <p>{error}</p>
      </div>
    );
  }
  // Until the database is read: a first visit's guide (in the page's HTML), or, where this
  // device has a programme, the loading line (components/today/programme-hint.ts).
  if (view === undefined) {
    return (
      <>
        <FirstRunWelcomeShell pending="first-visit" />
        <p role="status" className={pending.returning} {...{ [PENDING_ATTRIBUTE]: 'returning' }}>
          Loading your programme…
        </p>
      </>
    );
  }

  if (view === null) return <FirstRun />;

  const { programme, growthPercent } = view;
  const step = ladderStep(programme.stage);
  const weekOfStage = Math.floor((Date.now() - programme.stageStartedAtMs) / (7 * 86_400_000)) + 1;
  const done = todaysSessions(today, step.exerciseId, programme.dose);
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
              void appDb().then((db) => saveProgramme(db, { state, growthPercent })).then(() => setView({ programme: state, growthPercent }));
            }}
          >
            A clinician has cleared me to continue
          </button>
        </div>
      ) : (
        <>
        <TodayRoutine programme={programme} sinceMs={startOfToday(Date.now())} />
        <div className="prescription">
          <EnginePreload />
          <h2>Today&rsquo;s exercise: {step.exerciseName}</h2>
          <p data-testid="today-dose">
            {describeDose(programme.dose)}, {step.frequency}.
          </p>
          <p data-testid="today-done" data-done={done.complete} data-partial={done.partial.length}>
            {perDay ? `Done today: ${Math.min(done.complete, 99)} of ${perDay} sessions.` : `Sessions done today: ${done.complete}.`}
          </p>
          {done.partial.length > 0 && (
            <p className="partial" data-testid="today-partial">
              Partly done today: {done.partial.map((p) => p.text).join('; ')}. A session counts as done when its {unitOf(step.kind)} reach the dose.
            </p>
          )}
          <p>
            <Link className="button primary big" href={sessionHref(step.exerciseId, programme.dose)}>
              Start {step.exerciseName.toLowerCase()}
            </Link>
          </p>
          <p className="fine-print">
            Before a set: camera two to three metres away at chest height, you side-on to it. <Link href="/setup">Check my setup</Link>.
          </p>
          <p className="fine-print">
            Next dose, if this week goes well: {describeDose(upcoming)} (+{growthPercent}% a week).
          </p>
        </div>
        </>
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

      <RangeCheckCard checks={rangeChecks} />

      <Reminders />
      <p>
        <Link href="/trends">See your trends</Link> · <Link href="/snapshot">Take a posture snapshot</Link> · <Link href="/range">Range check</Link> ·{' '}
        <Link href="/setup">Check my setup</Link> ·{' '}
        <Link href="/data">Back up or restore your data</Link>
      </p>
    </section>
  );
}

const dayOf = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/** The weekly range check: the date of the last one, and "due" when none was done in the last week. */
function RangeCheckCard({ checks }: { checks: readonly RangeCheckRecord[] | null }) {
  const { last, due, dueFromMs } = rangeCheckDue(checks ?? [], Date.now());
  // Until the checks are read (or when they cannot be), nothing is said about the last one.
  const known = checks !== null;
  const when = !known
    ? 'Once a week: four short tests, about two minutes, to see how your movement changes.'
    : !last
      ? 'Not done yet. Once a week: four short tests, about two minutes, to see how your movement changes.'
      : due
        ? `Last done ${dayOf(last.takenAtMs)}, more than a week ago. Four short tests, about two minutes.`
        : `Last done ${dayOf(last.takenAtMs)}. The next one is due from ${dayOf(dueFromMs!)}.`;
  return (
    <section aria-labelledby="range-card-title" className="card" data-testid="today-range" data-due={known ? due : ''} data-last={last?.takenAtMs ?? ''}>
      <h2 id="range-card-title">Range check{known && due ? <span className="partial">: due</span> : null}</h2>
      <p>{when}</p>
      <p>
        <Link className={known && due ? 'button primary' : 'button'} href="/range">
          {known && due ? 'Do the range check' : 'Open the range check'}
        </Link>
      </p>
    </section>
  );
}
