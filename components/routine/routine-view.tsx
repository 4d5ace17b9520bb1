'use client';

// The daily routine (/routine): today's steps with the planned time and one Start; then one
// camera session through every step (get into position with the setup check, the step counted
// or timed, a timed rest), read and heard from across the room; then what was done, saved as one
// session whose steps are sets, and the check-in. A reload carries on at the step it was in.
//
// Test hooks (e2e, tests/e2e/routine.spec.ts), as data-testid attributes:
// - routine: the page; data-stage = loading | none | on-hold | start | run | done.
// - routine-plan (the list; data-seconds = planned time), routine-plan-<key> per step,
//   routine-start (button), routine-carry-on (notice; data-step = the key it carries on at).
// - routine-run: the focus view; data-step (key), data-index, data-phase = position | active |
//   rest, data-paused, data-count, data-target, data-left (seconds left in a countdown, '' when
//   none). routine-announcer: the live region. Buttons Pause/Resume, Skip step, Redo step, End.
// - routine-done: data-status = complete | partial; routine-result-<key> (data-status,
//   data-count); routine-save (data-state = saving | saved | error).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import Link from '@/components/nav/app-link';
import { assessFrame, checklistKey, type QualityCheck } from '@/lib/angles/quality';
import { getExercise } from '@/lib/exercise';
import { needOf } from '@/lib/exercise/need';
import type { Exercise } from '@/lib/exercise/types';
import { ladderStep, describeDose } from '@/lib/progression';
import { currentStep, secondsLeft, startRoutine, stepRoutine, type RoutineEffect, type RoutineEvent, type RoutineState, type SetProgress } from '@/lib/routine/machine';
import { exerciseForStep, minutesWords, planRoutine, plannedSeconds, targetRepsOf, type RoutineStep } from '@/lib/routine/plan';
import { carryOnFrom, routineInfoOf } from '@/lib/routine/records';
import { messageOf } from '@/lib/session/set-machine';
import { DEFAULT_SETTINGS, loadSettings, saveSetting, type Settings } from '@/lib/settings';
import { createSetStore } from '@/lib/store/set-store';
import { appDb, readDb } from '@/lib/storage/app-db';
import { newRecordId } from '@/lib/storage/ids';
import { closeRoutine, routineSessionId, saveRoutine, timedStepSet, unfinishedRoutine } from '@/lib/storage/routines';
import type { SessionRecord } from '@/lib/storage/session-record';
import { saveSet } from '@/lib/storage/sets';
import { usePoseCamera, type PoseCameraHandle } from '../camera/use-pose-camera';
import { drawPoseOverlay } from '../live/draw-skeleton';
import { currentProgramme, type ProgrammeView } from '../progress/programme';
import { LiveStoreProvider, useLiveStoreApi } from '../providers/live-store-provider';
import { drawSetupOverlay } from '../quality/draw-setup';
import { createCuePlayer, type CuePlayer } from '../session/cues';
import { createSetSession, type SetSession } from '../session/set-session';
import { createTrackKeeper, trackNoteWords, type TrackKeeper } from '../tracks/track-keeper';
import { RoutineDone } from './routine-done';
import { RoutineFocus, type FocusData } from './routine-focus';
import { RoutineStart } from './routine-start';
import { focusWhenReady } from '../focus-when-ready';
import { PENDING_ATTRIBUTE, rememberProgramme } from '../today/programme-hint';
import { useProgrammeHint } from '../today/use-programme-hint';
import pending from '../today/today-pending.module.css';

/** How often the routine's clock moves (countdowns, rests). */
const TICK_MS = 250;

type Stage =
  | { readonly kind: 'loading' }
  | { readonly kind: 'none' }
  | { readonly kind: 'on-hold' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'start' }
  | { readonly kind: 'run' }
  | { readonly kind: 'done' };

export type SaveState = 'saving' | 'saved' | { readonly error: string };

export function RoutineView() {
  return (
    <LiveStoreProvider>
      <RoutineInner />
    </LiveStoreProvider>
  );
}


function RoutineInner() {
  useProgrammeHint();
  const live = useLiveStoreApi();
  const [setStore] = useState(createSetStore);
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [programme, setProgramme] = useState<ProgrammeView | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [unfinished, setUnfinished] = useState<SessionRecord | null>(null);
  const [routine, setRoutine] = useState<RoutineState | null>(null);
  const [checks, setChecks] = useState<readonly QualityCheck[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [muted, setMuted] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  /** The setting "Keep the landmarks": each counted step's set keeps its frames, as on the session page. */
  const tracksRef = useRef<TrackKeeper | null>(null);
  const [trackProblem, setTrackProblem] = useState<string | null>(null);

  const routineRef = useRef<RoutineState | null>(null);
  const idRef = useRef<{ id: string; startedAt: number } | null>(null);
  const cuesRef = useRef<CuePlayer | null>(null);
  const sessionRef = useRef<SetSession | null>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const exerciseRef = useRef<Exercise | null>(null);
  const checksKeyRef = useRef('');
  const viewHeldRef = useRef(false);
  const savingRef = useRef<Promise<unknown>>(Promise.resolve());
  /** When the timed step under way began (wall clock): its set is written when it ends. */
  const timedStartRef = useRef<number | null>(null);

  const steps = useMemo<RoutineStep[]>(() => {
    if (!programme) return [];
    const step = ladderStep(programme.programme.stage);
    const ex = getExercise(step.exerciseId);
    if (!ex) return [];
    return planRoutine(settings.routine, { exerciseId: step.exerciseId, exerciseName: step.exerciseName, dose: programme.programme.dose, exercise: ex }, (id) => getExercise(id) !== undefined);
  }, [programme, settings.routine]);

  const load = useCallback(async () => {
    try {
      const db = await readDb();
      const [view, s, open] = db
        ? await Promise.all([currentProgramme(db, Date.now()), loadSettings(db).catch(() => DEFAULT_SETTINGS), unfinishedRoutine(db, Date.now()).catch(() => null)])
        : [null, DEFAULT_SETTINGS, null];
      rememberProgramme(view !== null);
      setProgramme(view);
      setSettings(s);
      setMuted(s.cuesMuted);
      if (cuesRef.current) cuesRef.current.muted = s.cuesMuted;
      tracksRef.current?.setKeep(s.keepLandmarks);
      setUnfinished(open);
      setStage(view === null ? { kind: 'none' } : view.programme.onHoldSinceMs !== null ? { kind: 'on-hold' } : { kind: 'start' });
    } catch (err) {
      setStage({ kind: 'error', message: (err as Error).message });
    }
  }, []);

  /** Said aloud (unless muted) and put in the live region. */
  const announce = useCallback((text: string) => {
    setAnnouncement(text);
    cuesRef.current?.say(text);
  }, []);

  const persist = useCallback((state: RoutineState) => {
    const ids = idRef.current;
    if (!ids) return;
    const info = routineInfoOf(state, plannedSeconds(state.steps));
    setSaveState('saving');
    const run = savingRef.current.then(async () => {
      try {
        await saveRoutine(await appDb(), { id: ids.id, startedAt: ids.startedAt, endedAt: Date.now() }, info);
        setSaveState('saved');
      } catch (err) {
        setSaveState({ error: (err as Error).message });
      }
    });
    savingRef.current = run;
  }, []);

  const progressOf = (): SetProgress => {
    const s = setStore.getState();
    return { count: s.reps, setId: sessionRef.current?.recordId() ?? null, complete: s.machine.done?.status === 'complete', seconds: Math.round(s.elapsedMs / 1000) };
  };

  // The camera's frames go to the set under way, or to the setup check while getting into position.
  const camera = usePoseCamera({
    measures: () => (exerciseRef.current ? needOf(exerciseRef.current).parts : []),
    onFrame: (pose, { video, timestampMs }) => {
      const ctx = drawPoseOverlay(overlayRef.current, video, pose);
      const state = routineRef.current;
      const step = state ? currentStep(state) : null;
      if (!state || !step || step.kind !== 'counted' || state.paused) return;
      const ex = exerciseRef.current;
      if (!ex) return;
      if (state.phase === 'active') {
        const a = sessionRef.current?.frame(pose, timestampMs) ?? null;
        if (ctx && a) drawSetupOverlay(ctx, a);
        return;
      }
      if (state.phase === 'position') {
        const a = assessFrame(pose, needOf(ex), { viewHeld: viewHeldRef.current });
        viewHeldRef.current = a.viewHeld;
        if (ctx) drawSetupOverlay(ctx, a);
        const key = checklistKey(a.checks);
        if (key !== checksKeyRef.current) {
          checksKeyRef.current = key;
          setChecks(a.checks);
        }
      }
    },
    onLost: () => sessionRef.current?.dispatch({ type: 'camera-lost' }),
    onTaken: () => sessionRef.current?.dispatch({ type: 'camera-taken' }),
    onHidden: () => {
      sessionRef.current?.dispatch({ type: 'hidden' });
      dispatchRef.current({ type: 'pause', nowMs: Date.now() });
    },
    onHiddenStop: () => sessionRef.current?.dispatch({ type: 'stop-camera' }),
    lookForOthers: true,
    canSwitchModel: () => routineRef.current === null || routineRef.current.phase === 'done',
  });

  /** The set session's camera: the routine keeps the camera on between steps. */
  const setCamera = useMemo<PoseCameraHandle>(
    () => ({ ...camera, videoRef: camera.videoRef, start: () => (camera.cameraOn ? Promise.resolve(true) : camera.start()), stop: () => {} }),
    [camera],
  );

  const dispatchRef = useRef<(event: RoutineEvent) => void>(() => {});

  const beginStep = useCallback(
    async (state: RoutineState, index: number) => {
      const step = state.steps[index];
      const session = sessionRef.current;
      if (step.kind === 'timed') {
        timedStartRef.current = Date.now();
        return;
      }
      const ex = exerciseRef.current;
      if (!session || !ex || !idRef.current) return;
      // Carrying on after a reload: the step's set, autosaved as it was.
      const prior = state.results[index]?.setId;
      const resumeFrom = prior ? await appDb().then((db) => db.sets.get(prior)).catch(() => undefined) : undefined;
      const carry = resumeFrom && resumeFrom.status === 'in-progress' && resumeFrom.exerciseId === ex.id ? resumeFrom : undefined;
      session.start(ex, carry ? carry.targetReps : targetRepsOf(step), { source: 'camera', sessionId: idRef.current.id, resumeFrom: carry });
      if (carry) session.dispatch({ type: 'resume' });
      const setId = session.recordId();
      if (setId) dispatchRef.current({ type: 'set-started', nowMs: Date.now(), setId });
    },
    [],
  );

  const applyEffects = useCallback(
    (state: RoutineState, effects: readonly RoutineEffect[], before: RoutineState | null) => {
      const cues = cuesRef.current;
      for (const e of effects) {
        switch (e.type) {
          case 'say':
            announce(e.text);
            break;
          case 'tone':
            cues?.tone(e.kind);
            break;
          case 'begin':
            void beginStep(state, e.index);
            break;
          case 'end-set':
            sessionRef.current?.end();
            break;
          case 'pause-set':
            sessionRef.current?.dispatch({ type: 'pause' });
            break;
          case 'resume-set':
            sessionRef.current?.dispatch({ type: 'resume' });
            break;
          case 'save':
            persist(state);
            break;
          case 'finished':
            camera.stop();
            setStage({ kind: 'done' });
            focusWhenReady('routine-done-title');
            break;
        }
      }
      // A timed step that just ended (done or cut short) is written as a set of the routine.
      if (before && before.phase === 'active' && before.steps[before.index]?.kind === 'timed') {
        const i = before.index;
        const r = state.results[i];
        const ids = idRef.current;
        if (ids && r && r.setId === null && (r.status === 'done' || r.status === 'partial')) {
          const setId = newRecordId();
          const record = timedStepSet(before.steps[i], r, { setId, sessionId: ids.id }, timedStartRef.current ?? Date.now() - r.seconds * 1000);
          const results = state.results.slice();
          results[i] = { ...r, setId };
          const patched = { ...state, results };
          routineRef.current = patched;
          setRoutine(patched);
          savingRef.current = savingRef.current.then(() => appDb().then((db) => saveSet(db, record)).catch(() => {}));
          persist(patched);
        }
      }
    },
    [announce, beginStep, camera, persist],
  );

  const dispatch = useCallback(
    (event: RoutineEvent) => {
      const before = routineRef.current;
      if (!before) return;
      const r = stepRoutine(before, event);
      routineRef.current = r.state;
      // The exercise of the step under way (for the camera's needs and the setup check).
      const step = currentStep(r.state);
      const ex = step?.exerciseId ? getExercise(step.exerciseId) : undefined;
      const nextEx = step && ex ? exerciseForStep(step, ex) : null;
      if (nextEx?.id !== exerciseRef.current?.id || step?.key !== (before.steps[before.index]?.key ?? null)) {
        exerciseRef.current = nextEx;
        checksKeyRef.current = '';
        viewHeldRef.current = false;
        setChecks([]);
      }
      if (r.state !== before) setRoutine(r.state);
      applyEffects(r.state, r.effects, before);
    },
    [applyEffects],
  );
  dispatchRef.current = dispatch;

  useEffect(() => {
    const cues = createCuePlayer();
    cuesRef.current = cues;
    // Only a failure is shown (the sets' landmarks are listed on Trends); the set itself is saved.
    const tracks = createTrackKeeper('set', appDb, (note) => {
      if (note?.state === 'failed') setTrackProblem(trackNoteWords(note, 'set'));
    });
    tracksRef.current = tracks;
    const session = createSetSession({
      store: setStore,
      camera: setCamera,
      db: appDb,
      cues,
      engine: () => ({ engine: live.getState().engineKind, model: live.getState().model }),
      announce: setAnnouncement,
      focus: () => {},
      tracks,
      cameraProblem: () => live.getState().phase === 'error',
    });
    sessionRef.current = session;
    void load();
    // A counted step's set reaching its target moves the routine on.
    const unsubscribe = setStore.subscribe((s, prev) => {
      if (s.machine.phase === 'done' && prev.machine.phase !== 'done' && s.machine.done?.status === 'complete') {
        dispatchRef.current({ type: 'set-finished', nowMs: Date.now(), progress: progressOf() });
      }
    });
    const timer = window.setInterval(() => dispatchRef.current({ type: 'tick', nowMs: Date.now() }), TICK_MS);
    return () => {
      window.clearInterval(timer);
      unsubscribe();
      session.dispose();
      cues.dispose();
      sessionRef.current = null;
      cuesRef.current = null;
    };
  }, [live, load, setCamera, setStore]);

  const running = stage.kind === 'run';
  useEffect(() => {
    document.documentElement.classList.toggle('focus-mode', running);
    return () => document.documentElement.classList.remove('focus-mode');
  }, [running]);

  // Space pauses and resumes.
  useEffect(() => {
    if (!running) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space') return;
      const el = e.target as HTMLElement | null;
      if (el && ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A'].includes(el.tagName)) return;
      e.preventDefault();
      const s = routineRef.current;
      if (s) dispatch({ type: s.paused ? 'resume' : 'pause', nowMs: Date.now() });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, dispatch]);

  const begin = (carry?: SessionRecord) => {
    if (!steps.length) return;
    const now = Date.now();
    idRef.current = carry ? { id: carry.id, startedAt: carry.startedAt } : { id: routineSessionId(newRecordId()), startedAt: now };
    const from = carry?.routine ? carryOnFrom(carry.routine, steps) : undefined;
    const r = startRoutine(steps, now, from);
    routineRef.current = r.state;
    const step = currentStep(r.state);
    const ex = step?.exerciseId ? getExercise(step.exerciseId) : undefined;
    exerciseRef.current = step && ex ? exerciseForStep(step, ex) : null;
    setRoutine(r.state);
    setUnfinished(null);
    setStage({ kind: 'run' });
    void camera.start();
    applyEffects(r.state, r.effects, null);
    focusWhenReady('routine-progress');
  };

  const startAfresh = async () => {
    if (unfinished) await appDb().then((db) => closeRoutine(db, unfinished)).catch(() => {});
    begin();
  };

  const onMute = (m: boolean) => {
    setMuted(m);
    sessionRef.current?.setMuted(m);
    if (cuesRef.current) {
      cuesRef.current.muted = m;
      if (m && typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    }
    void appDb().then((db) => saveSetting(db, 'cuesMuted', m)).catch(() => {});
  };

  const setMachine = useStore(setStore, (s) => s.machine);
  const reps = useStore(setStore, (s) => s.reps);
  const elapsedMs = useStore(setStore, (s) => s.elapsedMs);
  const setChecksNow = useStore(setStore, (s) => s.checks);
  const whyNoValue = useStore(setStore, (s) => s.whyNoValue);

  const focus: FocusData | null = useMemo(() => {
    if (!routine || routine.phase === 'done') return null;
    const step = routine.steps[routine.index];
    const inSet = routine.phase === 'active' && step.kind === 'counted';
    const message = inSet ? messageOf(setMachine) : null;
    return {
      step,
      index: routine.index,
      total: routine.steps.length,
      phase: routine.phase,
      paused: routine.paused,
      left: secondsLeft(routine),
      count: inSet ? reps : step.kind === 'counted' ? (routine.results[routine.index]?.count ?? 0) : null,
      elapsedSeconds: inSet ? Math.floor(elapsedMs / 1000) : null,
      next: routine.steps[routine.index + 1] ?? null,
      checks: routine.phase === 'position' ? checks : inSet && (setMachine.phase === 'setup' || setMachine.phase === 'starting') ? setChecksNow : [],
      cue: message?.cue ?? null,
      detail: message?.detail ?? (inSet && setMachine.phase === 'running' ? whyNoValue : null),
    };
  }, [routine, setMachine, reps, elapsedMs, checks, setChecksNow, whyNoValue]);

  const progress = () => (routineRef.current?.phase === 'active' && currentStep(routineRef.current)?.kind === 'counted' ? progressOf() : undefined);

  return (
    <div className="routine" data-testid="routine" data-stage={stage.kind}>
      {/* Until the database is read (in the page's HTML): what a device without a programme will
          show, or, where this device has one, the loading line (components/today/programme-hint.ts). */}
      {stage.kind === 'loading' && (
        <p role="status" className={pending.returning} {...{ [PENDING_ATTRIBUTE]: 'returning' }}>
          Loading your routine…
        </p>
      )}
      {stage.kind === 'error' && (
        <div role="alert" className="problem" data-problem="storage">
          <p>{stage.message}</p>
        </div>
      )}
      {(stage.kind === 'none' || stage.kind === 'loading') && (
        <section aria-labelledby="routine-title" {...(stage.kind === 'loading' ? { [PENDING_ATTRIBUTE]: 'first-visit' } : {})}>
          <h1 id="routine-title">Today&rsquo;s routine</h1>
          <p className="notice">
            Your routine is built around your stage on the exercise ladder, and you have not chosen one yet. <Link href="/">Start on Today</Link>.
          </p>
        </section>
      )}
      {stage.kind === 'on-hold' && (
        <section aria-labelledby="routine-title">
          <h1 id="routine-title">Today&rsquo;s routine</h1>
          <div role="alert" className="problem" data-problem="on-hold">
            <p>
              <strong>The routine is on hold.</strong> You reported a warning sign (sharp pain, burning, tingling or nerve-like symptoms). Please see a
              clinician before exercising again; Today has the button for when you are cleared.
            </p>
          </div>
        </section>
      )}
      {stage.kind === 'start' && programme && (
        <RoutineStart
          steps={steps}
          stageLine={`Stage ${programme.programme.stage}: ${ladderStep(programme.programme.stage).exerciseName}, ${describeDose(programme.programme.dose)}`}
          unfinished={unfinished}
          camera={camera}
          onStart={() => void startAfresh()}
          onCarryOn={(r) => begin(r)}
          planned={minutesWords(plannedSeconds(steps))}
          plannedSeconds={plannedSeconds(steps)}
        />
      )}
      {stage.kind === 'done' && routine && idRef.current && <RoutineDone state={routine} sessionId={idRef.current.id} save={saveState} onRetrySave={() => persist(routine)} />}
      {stage.kind === 'done' && trackProblem && (
        <p role="alert" className="problem" data-testid="routine-landmarks-problem">
          {trackProblem}
        </p>
      )}
      <RoutineFocus
        hidden={stage.kind !== 'run'}
        data={focus}
        camera={camera}
        overlayRef={overlayRef}
        announcement={announcement}
        muted={muted}
        saveError={typeof saveState === 'object' ? saveState.error : null}
        onMute={onMute}
        onPause={() => dispatch({ type: routineRef.current?.paused ? 'resume' : 'pause', nowMs: Date.now() })}
        onReady={() => dispatch({ type: 'ready', nowMs: Date.now() })}
        onSkip={() => dispatch({ type: 'skip', nowMs: Date.now(), progress: progress() })}
        onRedo={() => dispatch({ type: 'redo', nowMs: Date.now() })}
        onEnd={() => dispatch({ type: 'end', nowMs: Date.now(), progress: progress() })}
      />
    </div>
  );
}
