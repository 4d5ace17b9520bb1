'use client';

import type { RefObject } from 'react';
import { RANGE_GUIDES, RANGE_TEST_IDS, TRIALS_PER_MEASURE, type RangeMeasureId, type RangeTestId } from '@/lib/range';
import { CameraStage, FocusCameraProblems } from '../camera/camera-stage';
import type { PoseCameraHandle } from '../camera/use-pose-camera';
import { SIDE_WORD } from './check-model';
import styles from './range.module.css';
import { useWakeLock } from '../camera/use-wake-lock';

/** What the focus view shows for the test under way (changes a few times a second at most). */
export interface FocusShown {
  readonly test: RangeTestId;
  readonly index: number;
  readonly prompt: string;
  readonly counts: readonly { readonly measure: RangeMeasureId; readonly done: number }[];
  readonly countText: string;
  readonly neutral: boolean;
  readonly done: boolean;
  readonly valueDeg: number | null;
  readonly valueText: string;
  /** Why frames are refused now, with the test's setup or the reason for its view. */
  readonly live: { readonly code: string; readonly message: string; readonly why: string | null } | null;
  /** The latest refused trial (for a few seconds), and how many so far in this test. */
  readonly refused: { readonly message: string; readonly code: string; readonly count: number } | null;
}

/** The prompt without its closing count ("Trial 2 of 3."): the count is shown above it in large type (the voice says both). */
export function withoutCount(prompt: string): string {
  const short = prompt.replace(/\s*(?:Trial|Reading) \d+ of \d+\.$|\s*Left \d+ of \d+, right \d+ of \d+\.$/, '');
  return short || prompt;
}

/**
 * One test of the range check, read from two or three metres: the camera picture with the
 * skeleton, the test's title, what to do now, the count, and why a frame or a trial did not
 * count; Skip test and Stop. The camera's <video> stays mounted between tests (hidden off them).
 */
export function RangeFocus({
  hidden,
  shown,
  camera,
  overlayRef,
  announcement,
  muted,
  onMute,
  onSkip,
  onStop,
}: {
  hidden: boolean;
  shown: FocusShown | null;
  camera: PoseCameraHandle;
  overlayRef: RefObject<HTMLCanvasElement | null>;
  announcement: string;
  muted: boolean;
  onMute: (muted: boolean) => void;
  onSkip: () => void;
  onStop: () => void;
}) {
  useWakeLock(!hidden);
  const guide = shown ? RANGE_GUIDES[shown.test] : null;
  const counted = shown ? shown.counts.reduce((n, c) => n + c.done, 0) : 0;
  const perMeasure = Object.fromEntries((shown?.counts ?? []).map((c) => [`data-${c.measure}`, c.done]));
  const single = shown?.counts.length === 1;

  return (
    <section
      className={hidden ? styles.offstage : `focus-view ${styles.focus}`}
      hidden={hidden}
      aria-labelledby="range-test-title"
      data-testid="range-test"
      data-test={shown?.test ?? ''}
      data-phase={!shown ? '' : shown.done ? 'done' : shown.neutral ? 'neutral' : 'trials'}
    >
      <CameraStage camera={camera} overlayRef={overlayRef} />

      {shown && guide && (
        <div id="range-progress" className={`focus-panel ${styles.panel}`} tabIndex={-1} aria-label="Range check: the test under way">
          <h1 className="visually-hidden">Range check</h1>
          <p className={styles.step}>
            Test {shown.index + 1} of {RANGE_TEST_IDS.length} · {guide.view === 'side' ? 'side-on to the camera' : 'facing the camera'}
          </p>
          <h2 id="range-test-title" className={styles.title} data-testid="range-title">
            {guide.title}
          </h2>

          <div className={styles.counts} data-testid="range-trials" data-counted={counted} {...perMeasure} data-text={shown.countText}>
            {shown.counts.map((c, i) => {
              const label = single ? (c.done >= TRIALS_PER_MEASURE ? 'Trials counted' : 'Trial') : (SIDE_WORD[c.measure] ?? c.measure);
              const n = single && c.done < TRIALS_PER_MEASURE ? c.done + 1 : c.done;
              return (
                <div key={c.measure} className={styles.count} data-full={c.done >= TRIALS_PER_MEASURE}>
                  {i > 0 && <span className="visually-hidden"> · </span>}
                  <span className={styles.countLabel}>{label}</span>{' '}
                  <span className={styles.countValue}>
                    {n}
                    <small> of {TRIALS_PER_MEASURE}</small>
                  </span>
                </div>
              );
            })}
          </div>

          <p className={styles.prompt} data-testid="range-prompt" data-prompt={shown.prompt}>
            {withoutCount(shown.prompt)}
          </p>
          {shown.neutral && !shown.live && <p className={styles.setup}>{guide.setup}</p>}
          {shown.live && (
            <p className={styles.live} data-testid="range-live" data-code={shown.live.code}>
              {shown.live.message}
              {shown.live.why && <span className={styles.liveWhy}>{shown.live.why}</span>}
            </p>
          )}
          {shown.refused && (
            <p className={styles.refused} data-testid="range-refused" data-code={shown.refused.code} data-count={shown.refused.count}>
              <strong>That one did not count.</strong> {shown.refused.message} Try again.
            </p>
          )}
          {!shown.neutral && (
            <p className={styles.value} data-testid="range-value" data-value={shown.valueDeg ?? ''}>
              Now: <span className={styles.valueNumber}>{shown.valueText}</span>
            </p>
          )}

          <FocusCameraProblems camera={camera} />

          <div className="focus-controls">
            <button type="button" onClick={onSkip}>
              Skip test
            </button>
            <button type="button" className="danger" onClick={onStop}>
              Stop
            </button>
            <button type="button" aria-pressed={!muted} onClick={() => onMute(!muted)}>
              {muted ? 'Sound off' : 'Sound on'}
            </button>
          </div>
          <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="range-announcer">
            {announcement}
          </div>
        </div>
      )}
    </section>
  );
}
