'use client';

import Link from '@/components/nav/app-link';
import { getDrill } from '@/lib/routine/drills';
import type { RoutineStep } from '@/lib/routine/plan';
import { stepsDoneWords } from '@/lib/routine/records';
import type { SessionRecord } from '@/lib/storage/session-record';
import { CameraControls } from '../camera/camera-controls';
import type { PoseCameraHandle } from '../camera/use-pose-camera';
import { useLiveStore } from '../providers/live-store-provider';
import { PositionDrawing } from './position-drawing';
import styles from './routine.module.css';

/** "8 breaths", "60 s", "10 holds of 10 s". */
export function amountWords(step: RoutineStep): string {
  if (step.kind === 'timed') return step.target >= 60 && step.target % 60 === 0 ? `${step.target / 60} min` : `${step.target} s`;
  if (step.durationSeconds) return `${step.durationSeconds} s`;
  if (step.holdSeconds) return `${step.target} holds of ${step.holdSeconds} s`;
  return `${step.target} ${step.unit}${step.alternating ? ', alternating sides' : ''}`;
}

const PART_TITLE = { 'warm-up': 'Warm-up', stage: 'Your stage exercise', mobility: 'Mobility' } as const;
const partOf = (s: RoutineStep) => (s.stage ? 'stage' : (getDrill(s.item)?.part ?? 'mobility'));

/** Today's routine: its steps in order with the planned time, the equipment, and one Start. */
export function RoutineStart({
  steps,
  stageLine,
  unfinished,
  camera,
  planned,
  plannedSeconds,
  onStart,
  onCarryOn,
}: {
  steps: readonly RoutineStep[];
  stageLine: string;
  unfinished: SessionRecord | null;
  camera: PoseCameraHandle;
  planned: string;
  plannedSeconds: number;
  onStart: () => void;
  onCarryOn: (routine: SessionRecord) => void;
}) {
  const phase = useLiveStore((s) => s.phase);
  const equipment = [...new Set(steps.map((s) => getDrill(s.item)?.equipment).filter((e): e is string => !!e))];
  const carryAt = unfinished?.routine ? unfinished.routine.steps[unfinished.routine.index] : undefined;
  // Steps grouped by part, in order; a part shows again if the person's order returns to it.
  const groups: { part: keyof typeof PART_TITLE; steps: RoutineStep[] }[] = [];
  for (const s of steps) {
    const part = partOf(s);
    const last = groups[groups.length - 1];
    if (last && last.part === part) last.steps.push(s);
    else groups.push({ part, steps: [s] });
  }
  return (
    <section aria-labelledby="routine-title" className={styles.start}>
      <h1 id="routine-title">Today&rsquo;s routine</h1>
      <p className={styles.summary} data-testid="routine-planned" data-seconds={plannedSeconds}>
        {steps.length} steps, about <strong>{planned}</strong>. {stageLine}.
      </p>
      {unfinished?.routine && carryAt && (
        <div role="region" aria-label="Unfinished routine" className="notice" data-testid="routine-carry-on" data-step={carryAt.key}>
          <p>
            You stopped a routine at {new Date(unfinished.startedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })} (
            {stepsDoneWords(unfinished.routine)}). Carry on at <strong>{carryAt.name}</strong>?
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => onCarryOn(unfinished)} disabled={phase === 'camera'}>
              Carry on
            </button>
          </div>
        </div>
      )}
      <div className={styles.startRow}>
        <button type="button" className="primary big" onClick={onStart} disabled={phase === 'camera' || steps.length === 0} data-testid="routine-start">
          {unfinished?.routine ? 'Start again from the beginning' : 'Start the routine'}
        </button>
      </div>
      <CameraControls camera={camera} showStartStop={false} readyHint={phase === 'ready' ? 'The pose model is loaded.' : ''} />
      <p className="lead">
        One press walks you through every step: the app says what comes next, gives you 10 seconds to get into position, counts what the camera can
        see, and times the rests. Pause, skip or redo any step, by the buttons or the space bar. The video stays on this device.
      </p>
      {equipment.length > 0 && <p className={styles.equipment}>You need: {equipment.join(', ')}, and a mat.</p>}
      <ol className={styles.plan} data-testid="routine-plan" data-seconds={plannedSeconds}>
        {groups.map((g, gi) => (
          <li key={`${g.part}-${gi}`} className={styles.group}>
            <h2 className={styles.groupTitle}>{PART_TITLE[g.part]}</h2>
            <ol className={styles.groupSteps}>
              {g.steps.map((s) => (
                <li key={s.key} className={styles.planStep} data-testid={`routine-plan-${s.key}`}>
                  <PositionDrawing picture={s.picture} className={styles.planPicture} />
                  <div>
                    <strong>{s.name}</strong> <span className={styles.amount}>{amountWords(s)}</span>
                    {s.position && <span className={styles.where}>{s.position}{s.kind === 'timed' ? ' (timed)' : ' (counted by the camera)'}</span>}
                    {s.safety && <span className={styles.safety}>{s.safety}</span>}
                  </div>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
      <p className="fine-print">
        Turn drills on or off, or change their order, in <Link href="/settings#routine">Settings</Link>. Your stage exercise always stays.
      </p>
    </section>
  );
}
