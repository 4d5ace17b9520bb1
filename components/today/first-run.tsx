'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { LadderStage } from '@/lib/exercise/types';
import { DEFAULT_GROWTH_PERCENT, describeDose, LADDER, ladderStep } from '@/lib/progression';
import { sessionHref } from '@/lib/session/query';
import { saveSetting } from '@/lib/settings';
import { appDb, readOr } from '@/lib/storage/app-db';
import { listSnapshots } from '@/lib/storage/snapshots';
import { whenPageSettled } from '../camera/when-settled';
import { beginProgramme } from '../progress/programme';
import { FirstRunFrame, WelcomeStep } from './first-run-welcome';
import { rememberProgramme } from './programme-hint';

// The camera steps bring the camera pages' code: loaded once the page has settled (or when the
// person gets there first), so the first step is drawn without waiting for it.
const stepLoading = () => <p role="status">Loading…</p>;
const loadPlacement = () => import('../setup/camera-placement');
const loadSetupCheck = () => import('../setup/setup-check');
const loadSnapshot = () => import('../snapshot/snapshot-view');
const CameraPlacement = dynamic(() => loadPlacement().then((m) => m.CameraPlacement), { loading: stepLoading });
const SetupCheck = dynamic(() => loadSetupCheck().then((m) => m.SetupCheck), { loading: stepLoading });
const SnapshotView = dynamic(() => loadSnapshot().then((m) => m.SnapshotView), { loading: stepLoading });

/**
 * The first visit, step by step: what the app does, where the camera goes, a live setup check,
 * the first posture snapshot, then the stage to start at and its first set. Every step says
 * what to do next; the camera runs only in the steps that need it.
 */
export function FirstRun({ programmeExists = false }: { programmeExists?: boolean }) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [setupOk, setSetupOk] = useState(false);
  const [snapshotSaved, setSnapshotSaved] = useState(false);
  const [hadSnapshot, setHadSnapshot] = useState(false);
  const [stage, setStage] = useState<LadderStage>(1);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(
    () =>
      whenPageSettled(() => {
        for (const load of [loadPlacement, loadSetupCheck, loadSnapshot]) void load().catch(() => {});
      }),
    [],
  );

  useEffect(() => {
    void readOr([], listSnapshots)
      .then((s) => setHadSnapshot(s.length > 0))
      .catch(() => {});
  }, []);

  // Each new step is announced by moving focus to its heading.
  const go = (next: number) => {
    setStep(next);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const start = async () => {
    setStarting(true);
    try {
      const db = await appDb();
      const { programme } = programmeExists ? { programme: null } : await beginProgramme(db, Date.now(), stage, DEFAULT_GROWTH_PERCENT);
      await saveSetting(db, 'introDone', true).catch(() => {});
      rememberProgramme(true);
      const s = ladderStep(programme?.stage ?? stage);
      router.push(sessionHref(s.exerciseId, programme?.dose ?? s.dose));
    } catch (e) {
      setError((e as Error).message);
      setStarting(false);
    }
  };

  return (
    <FirstRunFrame step={step} headingRef={headingRef}>
      {step === 0 && <WelcomeStep onNext={() => go(1)} onSkip={() => go(4)} />}

      {step === 1 && (
        <>
          <CameraPlacement headingLevel={2} />
          <div className="actions">
            <button type="button" className="primary big" onClick={() => go(2)}>
              Next: check the setup
            </button>
            <button type="button" onClick={() => go(0)}>
              Back
            </button>
          </div>
        </>
      )}

      {step === 2 && (
        <>
          <SetupCheck headingLevel={2} onVerdict={(ok) => ok && setSetupOk(true)} />
          <div className="actions">
            <button type="button" className="primary big" onClick={() => go(3)}>
              {setupOk ? 'Next: first posture snapshot' : 'Skip to the snapshot'}
            </button>
            <button type="button" onClick={() => go(1)}>
              Back
            </button>
          </div>
        </>
      )}

      {step === 3 && (
        <>
          <p className="lead">
            A snapshot measures how far your head sits forward of your shoulders and how upright you stand. Later snapshots are compared with this
            first one.
          </p>
          <SnapshotView embedded onSaved={() => setSnapshotSaved(true)} />
          <div className="actions">
            <button type="button" className={snapshotSaved || hadSnapshot ? 'primary big' : 'big'} onClick={() => go(4)}>
              {snapshotSaved ? 'Next: choose your starting stage' : 'Skip the snapshot for now'}
            </button>
            <button type="button" onClick={() => go(2)}>
              Back
            </button>
          </div>
        </>
      )}

      {step === 4 && (
        <>
          {programmeExists ? (
            <p className="lead">Your programme is already running; the next button opens today&rsquo;s exercise.</p>
          ) : (
            <fieldset className="stage-choice">
              <legend>Where do you want to start? Stage 1 is gentle mobility and suits everyone.</legend>
              {LADDER.map((s) => (
                <label key={s.stage} className="choice">
                  <input type="radio" name="stage" checked={stage === s.stage} onChange={() => setStage(s.stage)} />
                  <span>
                    <strong>
                      Stage {s.stage}, {s.name}:
                    </strong>{' '}
                    {s.exerciseName}, {describeDose(s.dose)}, {s.frequency}.
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          <p className="lead">
            The set begins with the same setup check, then counts for you. Stand where the check showed ticks.
          </p>
          <div className="actions">
            <button type="button" className="primary big" disabled={starting} onClick={() => void start()}>
              {programmeExists ? 'Open today’s exercise' : 'Start the programme and my first set'}
            </button>
            <button type="button" onClick={() => go(3)}>
              Back
            </button>
          </div>
          {error && (
            <div role="alert" className="problem" data-problem="storage">
              <p>{error}</p>
            </div>
          )}
        </>
      )}
    </FirstRunFrame>
  );
}
