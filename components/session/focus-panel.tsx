'use client';

import type { ReactNode } from 'react';
import { formatDeg } from '@/lib/angles/format';
import type { Exercise } from '@/lib/exercise/types';
import { can, type SetEvent } from '@/lib/session/set-machine';
import { Checklist } from '../quality/checklist';
import { useSetMessage, useSetView } from './set-view-context';
import { useWakeLock } from '../camera/use-wake-lock';

const UNIT: Record<Exercise['kind'], string> = { hold: 'Holds', reps: 'Reps', timed: 'Cycles' };

/**
 * The running set, readable from three metres: the count and the timer in type at least 12 %
 * of the screen's height, the angle against its target, what to do now, and large controls.
 */
export function FocusPanel({
  announcement,
  onDispatch,
  onEnd,
  onMute,
  problems,
}: {
  announcement: string;
  onDispatch: (e: SetEvent) => void;
  onEnd: () => void;
  onMute: (muted: boolean) => void;
  problems: ReactNode;
}) {
  const machine = useSetView((s) => s.machine);
  const exercise = useSetView((s) => s.exercise);
  const reps = useSetView((s) => s.reps);
  const targetReps = useSetView((s) => s.targetReps);
  const checks = useSetView((s) => s.checks);
  const muted = useSetView((s) => s.muted);
  const message = useSetMessage();
  useWakeLock(true);
  if (!exercise) return null;
  const phase = machine.phase;
  const paused = phase === 'paused';

  return (
    <section
      id="set-progress"
      className="focus-panel"
      tabIndex={-1}
      aria-label="Set progress"
      data-testid="counting"
      data-phase={phase === 'running' ? machine.activity : phase}
      data-cue-count={machine.cueCount}
    >
      <div className="big-numbers">
        <div className="big">
          <span className="label">{UNIT[exercise.kind]}</span>
          <span className="big-value" data-testid="rep-count">
            {reps}
            {targetReps ? <small> / {targetReps}</small> : null}
          </span>
        </div>
        {phase !== 'setup' && phase !== 'starting' && <Timer exercise={exercise} />}
      </div>

      {phase === 'setup' || phase === 'starting' ? <Checklist checks={checks} compact label="Setup check" /> : <AngleGauge exercise={exercise} />}

      <p className="focus-cue" data-testid="cue-text">
        {message.cue}
      </p>
      {message.detail && <p className="focus-detail">{message.detail}</p>}
      <WhyNoAngle />
      <AutosaveProblem />
      {problems}

      <div className="focus-controls">
        {paused ? (
          <button type="button" className="primary" onClick={() => onDispatch({ type: 'resume' })} disabled={!can(machine, 'resume')} aria-keyshortcuts="Space">
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => onDispatch({ type: 'pause' })} disabled={!can(machine, 'pause')} aria-keyshortcuts="Space">
            Pause
          </button>
        )}
        <button type="button" className="danger" onClick={onEnd} disabled={!can(machine, 'end')}>
          End set
        </button>
        <button type="button" onClick={() => onDispatch({ type: 'stop-camera' })} disabled={!can(machine, 'stop-camera')}>
          Stop camera
        </button>
        <button type="button" aria-pressed={!muted} onClick={() => onMute(!muted)}>
          {muted ? 'Sound off' : 'Sound on'}
        </button>
      </div>
      <p className="keys-hint" aria-hidden="true">
        Space: pause or resume
      </p>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {announcement}
      </div>
    </section>
  );
}

/** Hold time (holds), time left (timed) or time in the set (reps), in whole seconds. */
function Timer({ exercise }: { exercise: Exercise }) {
  const machine = useSetView((s) => s.machine);
  const clockMs = useSetView((s) => s.clockMs);
  const now = clockMs ?? machine.nowMs;
  let label: string;
  let seconds: number;
  let progress: { max: number; value: number } | null = null;
  if (exercise.kind === 'hold') {
    if (machine.activity === 'rest' && machine.restUntilMs !== null && now !== null) {
      label = 'Rest';
      seconds = Math.max(0, Math.ceil((machine.restUntilMs - now) / 1000));
    } else {
      label = 'Hold';
      const held = machine.holdStartMs !== null && now !== null ? Math.max(0, (now - machine.holdStartMs) / 1000) : 0;
      seconds = Math.floor(held);
      progress = { max: exercise.targetSeconds, value: Math.min(held, exercise.targetSeconds) };
    }
  } else {
    label = exercise.kind === 'timed' ? 'Time left' : 'Time';
    seconds = 0;
  }
  return (
    <div className="big" data-kind={exercise.kind === 'reps' ? 'time' : label.toLowerCase()}>
      <span className="label">
        {label}
        {exercise.kind === 'hold' && label === 'Hold' ? ` (${exercise.targetSeconds} s)` : ''}
      </span>
      <span className="big-value" data-testid="hold-timer">
        {exercise.kind === 'hold' ? seconds : <SetClock exercise={exercise} />}
        {exercise.kind === 'hold' && <small className="unit"> s</small>}
      </span>
      {progress && <progress className="hold-progress" max={progress.max} value={progress.value} aria-label="Hold progress" />}
    </div>
  );
}

/** Minutes and seconds: of the set so far (reps), or left (timed). */
function SetClock({ exercise }: { exercise: Exercise }) {
  const elapsedMs = useSetView((s) => s.elapsedMs);
  const total = exercise.kind === 'timed' ? Math.max(0, exercise.durationSeconds * 1000 - elapsedMs) : elapsedMs;
  const s = Math.floor(total / 1000);
  return (
    <>
      {Math.floor(s / 60)}:{String(s % 60).padStart(2, '0')}
    </>
  );
}

function AngleGauge({ exercise }: { exercise: Exercise }) {
  const valueDeg = useSetView((s) => s.valueDeg);
  const relative = exercise.signal.type === 'trunk-extension';
  const lo = Math.min(exercise.enterDeg, exercise.exitDeg);
  const hi = Math.max(exercise.enterDeg, exercise.exitDeg);
  const span = Math.max(10, hi - lo);
  const min = lo - span * 1.5;
  const max = hi + span * 1.5;
  const pct = (v: number) => `${Math.max(0, Math.min(100, ((v - min) / (max - min)) * 100))}%`;
  const above = exercise.enterDeg > exercise.exitDeg;
  const reached = valueDeg !== null && (above ? valueDeg >= exercise.enterDeg : valueDeg <= exercise.enterDeg);
  const words = `Angle ${formatDeg(valueDeg)}${relative ? ' from your neutral' : ''}; target ${above ? 'above' : 'below'} ${formatDeg(exercise.enterDeg)}`;
  return (
    <div className="gauge" role="img" aria-label={words}>
      <div className="gauge-track">
        <div className="gauge-zone" style={above ? { left: pct(exercise.enterDeg), right: 0 } : { left: 0, right: `calc(100% - ${pct(exercise.enterDeg)})` }} />
        <div className="gauge-target" style={{ left: pct(exercise.enterDeg) }} />
        {valueDeg !== null && <div className="gauge-value" data-reached={reached} style={{ left: pct(valueDeg) }} />}
      </div>
      <p className="gauge-text" data-testid="angle-text">
        {words}
      </p>
    </div>
  );
}

function WhyNoAngle() {
  const why = useSetView((s) => s.whyNoValue);
  const people = useSetView((s) => s.peopleInView);
  const phase = useSetView((s) => s.machine.phase);
  if (phase !== 'running') return null;
  return (
    <>
      {why && <p className="focus-why">{why}</p>}
      {people > 1 && (
        <p className="focus-why" data-testid="people-note">
          {people} people in view: counting the one nearest the middle.
        </p>
      )}
    </>
  );
}

/** An autosave that failed (storage full or failing): the set carries on in memory. */
function AutosaveProblem() {
  const error = useSetView((s) => s.autosaveError);
  if (!error) return null;
  return (
    <p className="focus-why" role="status" data-testid="autosave-error">
      Not saved yet. {error} Carry on: the set is kept on this page and saving is tried again every few seconds.
    </p>
  );
}
