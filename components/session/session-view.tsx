'use client';

import Link from '@/components/nav/app-link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { CATALOGUE, ExerciseValidationError, getExercise, parseExercise } from '@/lib/exercise';
import { needOf } from '@/lib/exercise/need';
import type { Exercise } from '@/lib/exercise/types';
import { dosed, type SessionQuery } from '@/lib/session/query';
import { DEFAULT_SETTINGS, loadSettings, saveSetting } from '@/lib/settings';
import { createSetStore, type SetStore } from '@/lib/store/set-store';
import { appDb, readOr } from '@/lib/storage/app-db';
import type { SetRecord } from '@/lib/storage/set-record';
import { saveSet, unfinishedSet } from '@/lib/storage/sets';
import { setInUse } from './set-lock';
import { CameraControls } from '../camera/camera-controls';
import { usePoseCamera } from '../camera/use-pose-camera';
import { drawPoseOverlay } from '../live/draw-skeleton';
import { drawSetupOverlay } from '../quality/draw-setup';
import { LiveStoreProvider, useLiveStore, useLiveStoreApi } from '../providers/live-store-provider';
import { createCuePlayer } from './cues';
import { FocusPanel } from './focus-panel';
import { createSetSession, type SetSession } from './set-session';
import { SESSION_PENDING_ATTRIBUTE } from './session-pending';
import { SetDone } from './set-done';
import { SetStoreContext } from './set-view-context';
import { focusWhenReady } from '../focus-when-ready';
import { createTrackKeeper, type TrackNote } from '../tracks/track-keeper';

/** Frames of a landmark recording processed per slice, between which the page can repaint. */
const REPLAY_SLICE = 400;

/**
 * `pending`: drawn before the address is read (app/session/page.tsx): in the page's HTML, and in
 * the browser too until the address is read (a navigation within the app shows it for a moment).
 * It starts no set: Start stays disabled there.
 */
export function SessionView({ query, pending = false }: { query?: SessionQuery; pending?: boolean }) {
  const [store] = useState(createSetStore);
  return (
    <LiveStoreProvider>
      <SetStoreContext.Provider value={store}>
        <SessionScreen query={query} store={store} pending={pending} />
      </SetStoreContext.Provider>
    </LiveStoreProvider>
  );
}

function defaultTarget(exercise: Exercise): number {
  return exercise.dose?.reps ?? 10;
}

function initialExercise(query: SessionQuery | undefined): Exercise {
  const ex = query?.exerciseId ? getExercise(query.exerciseId) : undefined;
  return ex ? dosed(ex, query!) : (getExercise('wall-extension-hold') ?? CATALOGUE[0]);
}


function SessionScreen({ query, store, pending }: { query?: SessionQuery; store: SetStore; pending: boolean }) {
  const live = useLiveStoreApi();
  const livePhase = useLiveStore((s) => s.phase);
  const phase = useStore(store, (s) => s.machine.phase);
  const cameraOn = useStore(store, (s) => s.machine.cameraOn);
  const startProblem = useStore(store, (s) => s.machine.startProblem);
  const [exercise, setExercise] = useState<Exercise>(() => initialExercise(query));
  const [custom, setCustom] = useState<Exercise | null>(null);
  const [target, setTarget] = useState<number>(() => query?.target ?? defaultTarget(initialExercise(query)));
  const [fileError, setFileError] = useState<string | null>(null);
  const [moreOpen, setMoreOpen] = useState(false);
  const [unfinished, setUnfinished] = useState<SetRecord | null>(null);
  const [announcement, setAnnouncement] = useState('');
  /** What became of the last set's landmarks (null: not kept). */
  const [trackNote, setTrackNote] = useState<TrackNote | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sessionRef = useRef<SetSession | null>(null);

  const camera = usePoseCamera({
    measures: () => needOf(exercise).parts,
    onFrame: (pose, { video, timestampMs }) => {
      const assessment = sessionRef.current?.frame(pose, timestampMs, { width: video.videoWidth, height: video.videoHeight }) ?? null;
      const ctx = drawPoseOverlay(canvasRef.current, video, pose);
      if (ctx && assessment) drawSetupOverlay(ctx, assessment);
    },
    onEnded: () => sessionRef.current?.end(),
    onLost: () => sessionRef.current?.dispatch({ type: 'camera-lost' }),
    onTaken: () => sessionRef.current?.dispatch({ type: 'camera-taken' }),
    // The model changes between sets, never in the middle of one.
    canSwitchModel: () => !['setup', 'running', 'starting'].includes(store.getState().machine.phase),
    onHidden: () => sessionRef.current?.dispatch({ type: 'hidden' }),
    onHiddenStop: () => sessionRef.current?.dispatch({ type: 'stop-camera' }),
  });

  useEffect(() => {
    const cues = createCuePlayer();
    // The setting "Keep the landmarks": each set's frames, saved with it (components/tracks).
    const tracks = createTrackKeeper('set', appDb, setTrackNote);
    const session = createSetSession({
      store,
      camera,
      db: appDb,
      cues,
      engine: () => ({ engine: live.getState().engineKind, model: live.getState().model }),
      announce: setAnnouncement,
      focus: (target) => focusWhenReady(target === 'counter' ? 'set-progress' : 'set-summary-title', { preventScroll: false }),
      tracks,
      cameraProblem: () => live.getState().phase === 'error',
    });
    sessionRef.current = session;
    void readOr(DEFAULT_SETTINGS, loadSettings)
      .catch(() => DEFAULT_SETTINGS)
      .then((s) => {
        session.setMuted(s.cuesMuted);
        tracks.setKeep(s.keepLandmarks);
      });
    // The pose engine loads while the person chooses, so counting starts with the first frame:
    // usePoseCamera starts it once the page has painted and settled (at once when one is kept
    // from the last page), so its download and compile stay off the page's first load.
    // A set running in another tab is that tab's: not offered here.
    void readOr(null, unfinishedSet)
      // A routine's set is carried on by the routine page.
      .then(async (set) => (set && (set.sessionId?.startsWith('routine-') || (await setInUse(set.id))) ? null : set))
      .then(setUnfinished)
      .catch(() => setUnfinished(null));
    return () => {
      session.dispose();
      cues.dispose();
      sessionRef.current = null;
    };
  }, [camera, live, store]);

  // A running set fills the screen: the site's header steps aside.
  const focusMode = phase === 'starting' || phase === 'setup' || phase === 'running' || phase === 'paused';
  useEffect(() => {
    document.documentElement.classList.toggle('focus-mode', focusMode);
    return () => document.documentElement.classList.remove('focus-mode');
  }, [focusMode]);

  // With the camera off, the last skeleton is cleared: nothing on screen suggests it still tracks.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (cameraOn || !canvas) return;
    canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    canvas.dataset.landmarks = '0';
  }, [cameraOn]);

  // A set paused because the camera went away carries on by itself when a camera comes back.
  useEffect(() => {
    const devices = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!devices?.addEventListener) return;
    const onDeviceChange = () => {
      const m = store.getState().machine;
      if (m.phase === 'paused' && m.pausedBy === 'camera-lost') sessionRef.current?.dispatch({ type: 'resume' });
    };
    devices.addEventListener('devicechange', onDeviceChange);
    return () => devices.removeEventListener('devicechange', onDeviceChange);
  }, [store]);

  // Leaving while a set is not in the database (storage full or failing) would lose it: the
  // browser asks first.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!sessionRef.current?.unsaved()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  // Space pauses and resumes (unless a field or button has the key).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || !focusMode) return;
      const el = e.target as HTMLElement | null;
      if (el && ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A'].includes(el.tagName)) return;
      e.preventDefault();
      sessionRef.current?.dispatch({ type: 'toggle-pause' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusMode]);

  const choices = custom ? [...CATALOGUE, custom] : CATALOGUE;

  // The view drawn while the address is read (`pending`) is replaced by the one for the address
  // as soon as it is read; a set started in it would vanish with it, so it starts none.
  const startCamera = (ex: Exercise = exercise, resumeFrom?: SetRecord) => {
    if (pending) return;
    setFileError(null);
    sessionRef.current?.start(ex, resumeFrom ? resumeFrom.targetReps : target, { source: 'camera', resumeFrom });
  };

  const resume = (saved: SetRecord) => {
    if (pending) return;
    const ex = getExercise(saved.exerciseId) ?? (custom?.id === saved.exerciseId ? custom : null);
    if (!ex) {
      setFileError(`The unfinished set is of "${saved.exerciseName}", which is not in the catalogue; load its exercise file first.`);
      setMoreOpen(true);
      return;
    }
    setExercise(ex);
    setUnfinished(null);
    startCamera(ex, saved);
  };

  const discard = async (saved: SetRecord) => {
    setUnfinished(null);
    // Kept as an ended set: nothing the person did is thrown away.
    await appDb().then((db) => saveSet(db, { ...saved, status: 'ended', counterState: null, updatedAt: Date.now() })).catch(() => {});
  };

  const replay = useCallback(
    async (file: File) => {
      let frames;
      // The reader (and its schema library) loads only when a recording is chosen: the page's
      // first load stays as small as without it.
      let reader: typeof import('./landmark-recording');
      try {
        reader = await import('./landmark-recording');
      } catch {
        setFileError(`${file.name} could not be read: the page could not load its landmark reader. Reload the page and try again.`);
        return;
      }
      try {
        frames = reader.parseLandmarkRecording(await file.text());
      } catch (err) {
        setFileError(err instanceof reader.RecordingError ? `${file.name}: ${err.message}` : `${file.name} could not be read.`);
        return;
      }
      const session = sessionRef.current;
      if (!session) return;
      session.start(exercise, target, { source: 'recording' });
      session.dispatch({ type: 'camera-ready' });
      for (let i = 0; i < frames.length; i += REPLAY_SLICE) {
        for (const f of frames.slice(i, i + REPLAY_SLICE)) session.frame(f.pose, f.timestampMs);
        await new Promise((r) => setTimeout(r, 0));
      }
      session.end();
    },
    [exercise, target],
  );

  const onFile = async (file: File | undefined) => {
    if (pending) return;
    setFileError(null);
    if (!file) return;
    if (/\.jsonl$/i.test(file.name)) return replay(file);
    if (!file.type.startsWith('video/') && !/\.(mp4|webm|mov|m4v|ogv)$/i.test(file.name)) {
      setFileError(`${file.name} is not a video. Choose an MP4 or WebM file, or a landmark recording (.jsonl).`);
      return;
    }
    const session = sessionRef.current;
    if (!session) return;
    session.start(exercise, target, { source: 'video' });
    const ok = await camera.startFile(file);
    session.dispatch({ type: ok ? 'camera-ready' : 'camera-failed' });
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

  const engineBusy = livePhase === 'loading' || livePhase === 'camera';
  const unit = exercise.kind === 'hold' ? 'holds' : exercise.kind === 'timed' ? 'cycles' : 'reps';

  return (
    <section
      aria-labelledby="session-title"
      className={focusMode ? 'focus-view' : 'session-page'}
      data-set-phase={phase}
      {...(pending ? { [SESSION_PENDING_ATTRIBUTE]: 'default' } : {})}
    >
      {!focusMode && (
        <div className="session-head">
          <h1 id="session-title">Exercise session</h1>
          {phase === 'done' && (
            <SetDone
              trackNote={trackNote}
              onAgain={() => startCamera()}
              onClose={() => sessionRef.current?.dispatch({ type: 'close' })}
              onRetrySave={() => sessionRef.current?.dispatch({ type: 'retry-save' })}
            />
          )}
          {phase === 'idle' && (
            <>
              {unfinished && (
                <div role="region" aria-label="Unfinished set" className="notice" data-testid="unfinished-set">
                  <p>
                    You have an unfinished set of <strong>{unfinished.exerciseName}</strong> from {new Date(unfinished.startedAt).toLocaleString()}:{' '}
                    {unfinished.summary.reps} {unfinished.summary.kind === 'hold' ? 'holds' : 'reps'} done
                    {unfinished.targetReps ? ` of ${unfinished.targetReps}` : ''}.
                  </p>
                  <div className="actions">
                    <button type="button" className="primary" onClick={() => resume(unfinished)}>
                      Resume that set
                    </button>
                    <button type="button" onClick={() => void discard(unfinished)}>
                      Finish it as it is
                    </button>
                  </div>
                </div>
              )}
              <form
                className="setup"
                onSubmit={(e) => {
                  e.preventDefault();
                  startCamera();
                }}
              >
                <label className="field">
                  <span>Exercise</span>
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
                <label className="field narrow">
                  <span>Target {unit}</span>
                  <input type="number" inputMode="numeric" min={1} max={100} value={target} onChange={(e) => setTarget(Math.max(1, Math.min(100, Number(e.target.value) || 1)))} />
                </label>
                {exercise.instructions && <p className="lead">{exercise.instructions}</p>}
                {exercise.kind === 'hold' && (
                  <p className="lead">
                    Hold for {exercise.targetSeconds} s each time. First stand relaxed and still for 2 seconds: that measures your neutral stance.
                  </p>
                )}
                <p className="lead">
                  Put the camera two to three metres away, about chest height, so it sees you from head to feet.{' '}
                  <Link href="/setup">Check my setup</Link>
                </p>
                <div className="start-row">
                  {/* A plain button: a tap before the page's code has run does nothing, where a
                      submit button would send the form and reload the page without the exercise
                      in its address. Enter in the target field still starts the set. */}
                  <button type="button" className="primary big" disabled={engineBusy || pending} onClick={() => startCamera()}>
                    Start the set
                  </button>
                </div>
                {startProblem && (
                  <div role="alert" className="problem" data-problem="start">
                    <p>{startProblem}</p>
                  </div>
                )}
              </form>
              <CameraControls
                camera={camera}
                showStartStop={false}
                readyHint={livePhase === 'ready' ? 'The pose model is loaded. Press Start the set when you are in place.' : 'Loading the pose model…'}
                onRetry={() => startCamera()}
              />
              <details className="more-sources" open={moreOpen || fileError !== null} onToggle={(e) => setMoreOpen((e.target as HTMLDetailsElement).open)}>
                <summary>Other ways: a recorded video, or your own exercise</summary>
                <label className="file-drop">
                  Count a recorded video (or a landmark recording, .jsonl){' '}
                  <input type="file" accept="video/*,.jsonl" data-testid="video-input" onChange={(e) => void onFile(e.target.files?.[0])} />
                </label>
                <label className="file-drop">
                  Your own exercise (JSON){' '}
                  <input type="file" accept=".json,application/json" onChange={(e) => void onExerciseFile(e.target.files?.[0])} />
                </label>
                {fileError && (
                  <div role="alert" className="problem" data-problem="file">
                    <p>{fileError}</p>
                  </div>
                )}
              </details>
            </>
          )}
        </div>
      )}

      <div className="stage" hidden={!focusMode} data-phase={livePhase}>
        <video ref={camera.videoRef} className="stage-video" playsInline muted aria-label="Camera picture" />
        <canvas ref={canvasRef} className="stage-overlay" data-testid="skeleton" data-landmarks="0" aria-hidden="true" />
      </div>

      {focusMode && (
        <FocusPanel
          announcement={announcement}
          onDispatch={(e) => sessionRef.current?.dispatch(e)}
          onEnd={() => sessionRef.current?.end()}
          onMute={(m) => {
            sessionRef.current?.setMuted(m);
            void appDb().then((db) => saveSetting(db, 'cuesMuted', m)).catch(() => {});
          }}
          problems={<CameraControls camera={camera} showStartStop={false} readyHint="" onRetry={() => sessionRef.current?.dispatch({ type: 'resume' })} />}
        />
      )}
    </section>
  );
}
