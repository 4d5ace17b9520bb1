'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { CATALOGUE, ExerciseValidationError, getExercise, parseExercise } from '@/lib/exercise';
import type { Exercise, HoldRecord } from '@/lib/exercise/types';
import { appDb } from '@/lib/storage/db';
import type { SetRecord } from '@/lib/storage/set-record';
import { saveSet, unfinishedSet } from '@/lib/storage/sets';
import { CameraControls } from '../camera/camera-controls';
import { usePoseCamera } from '../camera/use-pose-camera';
import { LiveStoreProvider, useLiveStore, useLiveStoreApi } from '../providers/live-store-provider';
import { drawSkeleton } from '../live/draw-skeleton';
import { CheckInForm } from './check-in-form';
import { parseLandmarkRecording, RecordingError } from './landmark-recording';
import { useSetRunner, type SetDisplay } from './use-set-runner';

/** Frames of a landmark recording processed per slice, between which the page can repaint. */
const REPLAY_SLICE = 400;

export function SessionView() {
  return (
    <LiveStoreProvider>
      <SessionViewInner />
    </LiveStoreProvider>
  );
}

function defaultTarget(exercise: Exercise): number {
  return exercise.dose?.reps ?? 10;
}

function SessionViewInner() {
  const store = useLiveStoreApi();
  const phase = useLiveStore((s) => s.phase);
  const [exercise, setExercise] = useState<Exercise>(getExercise('wall-extension-hold') ?? CATALOGUE[0]);
  const [custom, setCustom] = useState<Exercise | null>(null);
  const [target, setTarget] = useState<number>(defaultTarget(exercise));
  const [fileError, setFileError] = useState<string | null>(null);
  const [unfinished, setUnfinished] = useState<SetRecord | null>(null);
  const [replaying, setReplaying] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const runner = useSetRunner();
  const { begin, push } = runner;

  const camera = usePoseCamera({
    onFrame: (pose, { video, timestampMs }) => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (canvas && ctx) {
        if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
        }
        canvas.dataset.landmarks = String(drawSkeleton(ctx, pose));
      }
      push(pose, timestampMs);
    },
    onEnded: () => runner.end(),
  });
  const { prepare } = camera;

  // Load the pose engine while the person chooses, so counting starts with the first frame.
  useEffect(() => {
    void prepare();
  }, [prepare]);

  // Opened from the Today page: the programme's exercise at its current dose.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const ex = getExercise(params.get('exercise') ?? '');
    if (!ex) return;
    const hold = Number(params.get('hold'));
    const duration = Number(params.get('duration'));
    const dosed: Exercise =
      ex.kind === 'hold' && hold > 0 ? { ...ex, targetSeconds: hold } : ex.kind === 'timed' && duration > 0 ? { ...ex, durationSeconds: duration } : ex;
    setExercise(dosed);
    const target = Number(params.get('target'));
    setTarget(target > 0 ? target : defaultTarget(dosed));
  }, []);

  useEffect(() => {
    void unfinishedSet(appDb())
      .then(setUnfinished)
      .catch(() => setUnfinished(null));
  }, []);

  // Space bar pauses and resumes (unless typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || !runner.active) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.tagName === 'BUTTON')) return;
      e.preventDefault();
      runner.togglePause();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runner]);

  const source = (kind: SetRecord['source']) => {
    const { engineKind, model } = store.getState();
    return { kind, engine: kind === 'recording' ? null : engineKind, model: kind === 'recording' ? null : model };
  };

  const startCamera = async () => {
    setFileError(null);
    begin(exercise, target, source('camera'));
    await camera.start();
  };

  const resume = async (saved: SetRecord) => {
    const ex = getExercise(saved.exerciseId) ?? (custom?.id === saved.exerciseId ? custom : null);
    if (!ex) {
      setFileError(`The unfinished set is of "${saved.exerciseName}", which is not in the catalogue; load its exercise file first.`);
      return;
    }
    setExercise(ex);
    setUnfinished(null);
    begin(ex, saved.targetReps, source('camera'), saved);
    await camera.start();
  };

  const discard = async (saved: SetRecord) => {
    setUnfinished(null);
    // Kept as an ended set: nothing the person did is thrown away.
    await saveSet(appDb(), { ...saved, status: 'ended', counterState: null, updatedAt: Date.now() }).catch(() => {});
  };

  const replay = useCallback(
    async (file: File) => {
      let frames;
      try {
        frames = parseLandmarkRecording(await file.text());
      } catch (err) {
        setFileError(err instanceof RecordingError ? `${file.name}: ${err.message}` : `${file.name} could not be read.`);
        return;
      }
      camera.stop();
      begin(exercise, target, source('recording'));
      setReplaying(true);
      for (let i = 0; i < frames.length; i += REPLAY_SLICE) {
        for (const f of frames.slice(i, i + REPLAY_SLICE)) push(f.pose, f.timestampMs);
        await new Promise((r) => setTimeout(r, 0));
      }
      setReplaying(false);
      runner.end();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [begin, exercise, push, target],
  );

  const onFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (/\.jsonl$/i.test(file.name)) return replay(file);
    if (!file.type.startsWith('video/') && !/\.(mp4|webm|mov|m4v|ogv)$/i.test(file.name)) {
      setFileError(`${file.name} is not a video. Choose an MP4 or WebM file, or a landmark recording (.jsonl).`);
      return;
    }
    begin(exercise, target, source('video'));
    await camera.startFile(file);
  };

  const onExerciseFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const parsed = parseExercise(JSON.parse(await file.text()));
      setCustom(parsed);
      setExercise(parsed);
      setTarget(defaultTarget(parsed));
      setFileError(null);
    } catch (err) {
      setFileError(
        err instanceof ExerciseValidationError ? `${file.name}: ${err.message}` : `${file.name} is not valid JSON: ${(err as Error).message}`,
      );
    }
  };

  const choices = custom ? [...CATALOGUE, custom] : CATALOGUE;
  const running = runner.active;

  return (
    <section aria-labelledby="session-title">
      <h1 id="session-title">Exercise session</h1>

      {unfinished && !running && (
        <div role="region" aria-label="Unfinished set" className="notice" data-testid="unfinished-set">
          <p>
            You have an unfinished set of <strong>{unfinished.exerciseName}</strong> from {new Date(unfinished.startedAt).toLocaleString()}:{' '}
            {unfinished.summary.reps} {unfinished.summary.kind === 'hold' ? 'holds' : 'reps'} done
            {unfinished.targetReps ? ` of ${unfinished.targetReps}` : ''}.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void resume(unfinished)}>
              Resume that set
            </button>
            <button type="button" onClick={() => void discard(unfinished)}>
              Finish it as it is
            </button>
          </div>
        </div>
      )}

      <fieldset className="setup" disabled={running || replaying}>
        <legend>Choose an exercise</legend>
        <label>
          Exercise{' '}
          <select
            value={exercise.id}
            onChange={(e) => {
              const ex = choices.find((c) => c.id === e.target.value) ?? exercise;
              setExercise(ex);
              setTarget(defaultTarget(ex));
            }}
          >
            {(choices.some((c) => c.id === exercise.id) ? choices : [...choices, exercise]).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.stage ? ` (stage ${c.stage})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target {exercise.kind === 'hold' ? 'holds' : exercise.kind === 'timed' ? 'cycles' : 'reps'}{' '}
          <input type="number" min={1} max={100} value={target} onChange={(e) => setTarget(Math.max(1, Math.min(100, Number(e.target.value) || 1)))} />
        </label>
        <label>
          Your own exercise (JSON){' '}
          <input type="file" accept=".json,application/json" onChange={(e) => void onExerciseFile(e.target.files?.[0])} />
        </label>
        {exercise.instructions && <p className="lead">{exercise.instructions}</p>}
        {exercise.kind === 'hold' && (
          <p className="lead">
            Hold for {exercise.targetSeconds} s each time. The first two seconds measure your neutral stance: stand relaxed and still.
          </p>
        )}
      </fieldset>

      <CameraControls camera={camera} showStartStop={false} readyHint={phase === 'ready' ? 'The pose model is loaded. Choose an exercise and start.' : 'Loading the pose model…'} />
      {!running && !replaying && (
        <div className="actions">
          <button type="button" className="primary" disabled={phase === 'loading' || phase === 'camera'} onClick={() => void startCamera()}>
            Start the set with the camera
          </button>
          <label className="file-drop">
            Or count a recorded video (or a landmark recording, .jsonl):{' '}
            <input type="file" accept="video/*,.jsonl" data-testid="video-input" onChange={(e) => void onFile(e.target.files?.[0])} />
          </label>
        </div>
      )}
      {fileError && (
        <div role="alert" className="problem" data-problem="file">
          <p>{fileError}</p>
        </div>
      )}

      <div className="session-layout">
        <div className="stage" data-phase={phase}>
          <video ref={camera.videoRef} className="stage-video" playsInline muted aria-label="Camera picture" hidden={phase !== 'running'} />
          <canvas ref={canvasRef} className="stage-overlay" data-testid="skeleton" data-landmarks="0" aria-hidden="true" hidden={phase !== 'running'} />
        </div>
        {(running || replaying || runner.finished) && <Counting display={runner.display} exercise={exercise} runner={runner} />}
      </div>

      {runner.finished && <SetSummaryPanel record={runner.finished} />}
      {runner.finished && runner.finished.summary.reps + runner.finished.summary.shortHolds > 0 && (
        <CheckInForm key={runner.finished.id} sessionId={runner.finished.sessionId ?? null} />
      )}
      {runner.saveError && (
        <div role="alert" className="problem" data-problem={`storage-${runner.saveError.code}`}>
          <p>{runner.saveError.message}</p>
          <button type="button" className="primary" onClick={runner.retrySave}>
            Try saving again
          </button>
        </div>
      )}
    </section>
  );
}

function Counting({ display, exercise, runner }: { display: SetDisplay; exercise: Exercise; runner: ReturnType<typeof useSetRunner> }) {
  const d = display;
  const relative = exercise.signal.type === 'trunk-extension';
  const done = d.phase === 'complete' || d.phase === 'ended';
  return (
    <section className="counting" aria-label="Set progress" data-testid="counting" data-phase={d.phase} data-cue-count={d.cueCount}>
      <div className="big-numbers">
        <div>
          <span className="label">{exercise.kind === 'hold' ? 'Holds' : exercise.kind === 'timed' ? 'Cycles' : 'Reps'}</span>
          <span className="value" data-testid="rep-count">
            {d.reps}
            {d.targetReps ? <small> / {d.targetReps}</small> : null}
          </span>
        </div>
        {exercise.kind === 'hold' && (
          <div>
            <span className="label">{d.phase === 'rest' ? 'Rest' : 'Hold'}</span>
            <span className="value" data-testid="hold-timer">
              {d.phase === 'rest' ? `${Math.ceil(d.restSecondsLeft)} s` : `${d.holdSeconds.toFixed(1)} s`}
            </span>
            {d.phase !== 'rest' && <progress max={exercise.targetSeconds} value={Math.min(d.holdSeconds, exercise.targetSeconds)} aria-label="Hold progress" />}
          </div>
        )}
      </div>
      <AngleGauge exercise={exercise} valueDeg={d.valueDeg} relative={relative} />
      <p className="cue" aria-live="polite" data-testid="cue-text">
        {d.message}
      </p>
      {exercise.kind === 'hold' && <p className="short-holds">Short holds: {d.shortHolds}</p>}
      {!done && (
        <div className="actions">
          <button type="button" onClick={runner.togglePause} aria-keyshortcuts="Space">
            {d.pausedBy === 'user' ? 'Resume (space)' : 'Pause (space)'}
          </button>
          <button type="button" onClick={runner.end}>
            End set
          </button>
          <label className="checkbox">
            <input type="checkbox" checked={runner.muted} onChange={(e) => runner.setMuted(e.target.checked)} /> Mute sound and speech
          </label>
        </div>
      )}
    </section>
  );
}

function AngleGauge({ exercise, valueDeg, relative }: { exercise: Exercise; valueDeg: number | null; relative: boolean }) {
  const lo = Math.min(exercise.enterDeg, exercise.exitDeg);
  const hi = Math.max(exercise.enterDeg, exercise.exitDeg);
  const span = Math.max(10, hi - lo);
  const min = lo - span * 1.5;
  const max = hi + span * 1.5;
  const pct = (v: number) => `${Math.max(0, Math.min(100, ((v - min) / (max - min)) * 100))}%`;
  return (
    <div className="gauge" aria-label={`Current angle ${valueDeg === null ? 'not measured' : `${valueDeg.toFixed(0)} degrees`}, target ${exercise.enterDeg} degrees`} role="img">
      <div className="gauge-track">
        <div className="gauge-target" style={{ left: pct(exercise.enterDeg) }} />
        {valueDeg !== null && <div className="gauge-value" style={{ left: pct(valueDeg) }} />}
      </div>
      <p>
        Angle {valueDeg === null ? '–' : `${valueDeg.toFixed(0)}°`}
        {relative ? ' from your neutral' : ''}; target {exercise.enterDeg > exercise.exitDeg ? 'above' : 'below'} {exercise.enterDeg}°
      </p>
    </div>
  );
}

function SetSummaryPanel({ record }: { record: SetRecord }) {
  const s = record.summary;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v.toFixed(1)}°`);
  return (
    <section className="result" aria-labelledby="set-summary-title" data-testid="set-summary">
      <h2 id="set-summary-title">Set summary: {record.exerciseName}</h2>
      <dl className="summary-grid">
        <div>
          <dt>{s.kind === 'hold' ? 'Completed holds' : s.kind === 'timed' ? 'Cycles' : 'Reps'}</dt>
          <dd data-testid="summary-reps">{s.reps}</dd>
        </div>
        {s.kind === 'hold' && (
          <div>
            <dt>Short holds</dt>
            <dd data-testid="summary-short-holds">{s.shortHolds}</dd>
          </div>
        )}
        <div>
          <dt>Peak {s.baselineDeg !== null ? 'extension from neutral' : 'angle'}</dt>
          <dd>{fmt(s.peakDeg)}</dd>
        </div>
        <div>
          <dt>Median</dt>
          <dd>{fmt(s.medianDeg)}</dd>
        </div>
      </dl>
      {s.holds.length > 0 && (
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
      )}
      <p className="status">{record.status === 'complete' ? 'Set complete and saved.' : 'Set ended and saved.'}</p>
    </section>
  );
}
