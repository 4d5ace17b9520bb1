'use client';

import type { RefObject } from 'react';
import type { QualityCheck } from '@/lib/angles/quality';
import { getDrill } from '@/lib/routine/drills';
import type { RoutinePhase } from '@/lib/routine/machine';
import type { RoutineStep } from '@/lib/routine/plan';
import { CameraStage, FocusCameraProblems } from '../camera/camera-stage';
import type { PoseCameraHandle } from '../camera/use-pose-camera';
import { useWakeLock } from '../camera/use-wake-lock';
import { Checklist } from '../quality/checklist';
import { PositionDrawing } from './position-drawing';
import { amountWords } from './routine-start';
import styles from './routine.module.css';

/** What the focus view shows (changes a few times a second at most). */
export interface FocusData {
  readonly step: RoutineStep;
  readonly index: number;
  readonly total: number;
  readonly phase: Exclude<RoutinePhase, 'done'>;
  readonly paused: boolean;
  /** Seconds left in the countdown under way; null when none runs (a counted step). */
  readonly left: number | null;
  /** Reps, breaths or holds counted in a counted step; null for a timed step. */
  readonly count: number | null;
  /** Seconds counted in a counted step's set. */
  readonly elapsedSeconds: number | null;
  readonly next: RoutineStep | null;
  readonly checks: readonly QualityCheck[];
  /** The set's own cue and detail while it runs ("Get into position." + what to fix). */
  readonly cue: string | null;
  readonly detail: string | null;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
const PART = { 'warm-up': 'Warm-up', mobility: 'Mobility' } as const;

/**
 * The routine under way, read from two or three metres: the camera picture, the step, the count
 * or the countdown in large type, what to do, and large controls usable from the floor.
 */
export function RoutineFocus({
  hidden,
  data,
  camera,
  overlayRef,
  announcement,
  muted,
  saveError,
  onMute,
  onPause,
  onReady,
  onSkip,
  onRedo,
  onEnd,
}: {
  hidden: boolean;
  data: FocusData | null;
  camera: PoseCameraHandle;
  overlayRef: RefObject<HTMLCanvasElement | null>;
  announcement: string;
  muted: boolean;
  saveError: string | null;
  onMute: (muted: boolean) => void;
  onPause: () => void;
  /** In position before the countdown ends: start now. */
  onReady: () => void;
  onSkip: () => void;
  onRedo: () => void;
  onEnd: () => void;
}) {
  useWakeLock(!hidden);
  const step = data?.step;
  const part = step ? (step.stage ? 'Your stage exercise' : PART[getDrill(step.item)?.part ?? 'mobility']) : '';
  const timedStep = step?.kind === 'timed';
  const inSet = data?.phase === 'active' && step?.kind === 'counted';

  return (
    <section
      className={hidden ? styles.offstage : `focus-view ${styles.focus}`}
      hidden={hidden}
      aria-labelledby="routine-step-title"
      data-testid="routine-run"
      data-step={step?.key ?? ''}
      data-index={data?.index ?? ''}
      data-phase={data?.phase ?? ''}
      data-paused={data?.paused ?? false}
      data-count={data?.count ?? ''}
      data-target={step?.target ?? ''}
      data-left={data?.left ?? ''}
    >
      <CameraStage camera={camera} overlayRef={overlayRef} />

      {data && step && (
        <div id="routine-progress" className={`focus-panel ${styles.panel}`} tabIndex={-1} aria-label="Routine: the step under way">
          <h1 className="visually-hidden">Daily routine</h1>
          <p className={styles.stepLine}>
            Step {data.index + 1} of {data.total} · {part}
          </p>
          <h2 id="routine-step-title" className={styles.title}>
            {data.phase === 'rest' ? 'Rest' : step.name}
          </h2>

          <div className={styles.big} data-testid="routine-big">
            {data.phase === 'position' && (
              <>
                <span className={styles.bigLabel}>Get into position: starts in</span>
                <span className={styles.bigValue}>
                  {data.left ?? 0}
                  <small> s</small>
                </span>
              </>
            )}
            {data.phase === 'active' && timedStep && (
              <>
                <span className={styles.bigLabel}>Time left</span>
                <span className={styles.bigValue}>{clock(data.left ?? 0)}</span>
              </>
            )}
            {inSet && (
              <>
                <span className={styles.bigLabel}>{step.durationSeconds ? 'Cycles' : step.unit.charAt(0).toUpperCase() + step.unit.slice(1)}</span>
                <span className={styles.bigValue} data-testid="routine-count">
                  {data.count ?? 0}
                  {step.durationSeconds ? (
                    <small>
                      {' '}
                      · {clock(Math.max(0, step.durationSeconds - (data.elapsedSeconds ?? 0)))} left
                    </small>
                  ) : (
                    <small> of {step.target}</small>
                  )}
                </span>
              </>
            )}
            {data.phase === 'rest' && (
              <>
                <span className={styles.bigLabel}>Next step in</span>
                <span className={styles.bigValue}>{clock(data.left ?? 0)}</span>
              </>
            )}
          </div>

          {data.paused && (
            <p className={styles.paused} role="status">
              Paused. Press Resume (or the space bar) to carry on.
            </p>
          )}

          {data.phase === 'rest' && data.next ? (
            <div className={styles.how}>
              <PositionDrawing picture={data.next.picture} className={styles.picture} />
              <p className={styles.instruction}>
                <strong>Next: {data.next.name}</strong>, {amountWords(data.next)}. {data.next.position}
              </p>
            </div>
          ) : (
            <div className={styles.how}>
              <PositionDrawing picture={step.picture} className={styles.picture} />
              <p className={styles.instruction}>
                {step.position && <strong>{step.position}. </strong>}
                {step.instruction}
              </p>
            </div>
          )}
          {step.safety && data.phase !== 'rest' && <p className={styles.safetyLive}>{step.safety}</p>}
          {inSet && data.cue && (
            <p className={styles.cue}>
              {data.cue}
              {data.detail && <span className={styles.detail}>{data.detail}</span>}
            </p>
          )}
          {data.phase === 'position' && step.kind === 'counted' && <p className={styles.detailLine}>Counting starts by itself once the camera sees you in position.</p>}
          {data.checks.length > 0 && <Checklist checks={data.checks} compact label="Position check" />}
          {saveError && (
            <p role="alert" className={styles.saveError}>
              Not saved yet: {saveError} Your routine carries on; saving is tried again at the next step.
            </p>
          )}

          <FocusCameraProblems camera={camera} />

          <div className={`focus-controls ${styles.controls}`}>
            {data.phase === 'position' && (
              <button type="button" className="primary" onClick={onReady} data-testid="routine-ready">
                Ready: start now
              </button>
            )}
            <button type="button" className={data.phase === 'position' ? undefined : 'primary'} onClick={onPause} aria-pressed={data.paused}>
              {data.paused ? 'Resume' : 'Pause'}
            </button>
            <button type="button" onClick={onSkip}>
              {data.phase === 'rest' ? 'Skip rest' : 'Skip step'}
            </button>
            <button type="button" onClick={onRedo}>
              {data.phase === 'rest' ? 'Redo that step' : 'Redo step'}
            </button>
            <button type="button" className="danger" onClick={onEnd}>
              End routine
            </button>
            <button type="button" aria-pressed={!muted} onClick={() => onMute(!muted)}>
              {muted ? 'Sound off' : 'Sound on'}
            </button>
          </div>
          <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="routine-announcer">
            {announcement}
          </div>
        </div>
      )}
    </section>
  );
}
