// The session page's shell: wires the camera to the setup check, the tracker and the set
// machine, carries out the machine's effects (camera, counter, storage, sound), and publishes
// what the screen shows to the set store. A plain factory, not a hook: React only renders it.
import { assessFrame, checklistKey, type FrameAssessment } from '@/lib/angles/quality';
import { createExerciseTracker, needOf, reasonMessage, type ExerciseTracker } from '@/lib/exercise';
import type { CounterState } from '@/lib/exercise/counter';
import type { CounterEvent, Exercise } from '@/lib/exercise/types';
import type { Pose } from '@/lib/pose/types';
import { stepSet, type SetEffect, type SetEvent, type SetSource } from '@/lib/session/set-machine';
import type { SetStore } from '@/lib/store/set-store';
import type { PostureDb } from '@/lib/storage/db';
import { toStorageError } from '@/lib/storage/errors';
import { newRecordId } from '@/lib/storage/ids';
import type { SetRecord, SetStatus } from '@/lib/storage/set-record';
import { deleteSet, saveSet } from '@/lib/storage/sets';
import type { EngineKind, ModelVariant } from '@/lib/pose/types';
import type { CuePlayer } from './cues';
import type { PoseCameraHandle } from '../camera/use-pose-camera';
import { holdSetLock } from './set-lock';

/** Autosave period while a set runs (a failed autosave is tried again at the next one). */
export const AUTOSAVE_MS = 3000;
/** A finished set that could not be saved (storage full, failing) is tried again this often. */
export const SAVE_RETRY_MS = 5000;
/** How often the numbers on screen refresh (per-frame data stays out of React). */
const REFRESH_MS = 200;
/** A setup problem that lasts this long is also spoken (the person may be across the room). */
const SPEAK_HINT_AFTER_MS = 3000;

/** The landmarks of a set as they are measured (lib/storage/track-record.ts `TrackBuffer`). */
export interface TrackCapture {
  push(pose: Pose | null, timestampMs: number, width: number, height: number): void;
}

/** Keeping a set's landmarks (the setting "Keep the landmarks"): components/tracks/track-keeper.ts. */
export interface SetTracks {
  /** A capture for a set starting now, or null when landmarks are not kept. */
  begin(): TrackCapture | null;
  /** The set is saved under `id`: its landmarks are saved too (what became of them is told by the keeper). */
  save(capture: TrackCapture, id: string): void;
  /** A set carried on after a reload: its landmarks from before are gone, so none are kept. */
  lostOnReload(): void;
}

export interface SetSessionDeps {
  readonly store: SetStore;
  readonly camera: PoseCameraHandle;
  readonly db: () => PostureDb | Promise<PostureDb>;
  readonly cues: CuePlayer;
  /** The engine that measures, for the record. */
  readonly engine: () => { engine: EngineKind; model: ModelVariant };
  readonly announce: (text: string) => void;
  readonly focus: (target: 'counter' | 'summary') => void;
  /** Keeps each set's landmarks when the person chose to; absent: never kept. */
  readonly tracks?: SetTracks;
  /** Whether the camera's own problem (denied, none, model failed) is on screen now. */
  readonly cameraProblem?: () => boolean;
}

/** How often a camera start that failed without a word is made before the set says so. */
const CAMERA_TRIES = 2;
export const CAMERA_DID_NOT_START = 'The camera did not start. Press Start to try again; if it happens again, reload the page.';

export interface StartOptions {
  readonly source: SetSource;
  /** A set autosaved before a reload, to carry on. */
  readonly resumeFrom?: SetRecord;
  /** The session the set belongs to (a routine's); default: joined by exercise and time. */
  readonly sessionId?: string;
}

export interface SetSession {
  start(exercise: Exercise, targetReps: number | null, options: StartOptions): void;
  /**
   * A processed frame (camera, video or recording); returns the setup check's verdict while it
   * runs. `size`: the picture's size in pixels, for a kept track's frames without a pose.
   */
  frame(pose: Pose | null, timestampMs: number, size?: { readonly width: number; readonly height: number }): FrameAssessment | null;
  dispatch(event: SetEvent): void;
  /** Work that is not in the database yet (a failed or pending save): leaving would lose it. */
  unsaved(): boolean;
  /** The person (or the end of a file) ends the set. */
  end(): void;
  /** The id of the set under way (or just finished); null before the first start. */
  recordId(): string | null;
  setMuted(muted: boolean): void;
  dispose(): void;
}

export function createSetSession(deps: SetSessionDeps): SetSession {
  const { store } = deps;
  let tracker: ExerciseTracker | null = null;
  let exercise: Exercise | null = null;
  let record: SetRecord | null = null;
  /** The record is in the database (an autosave or the end happened). */
  let stored = false;
  let dirty = false;
  /** Bumped by each camera start the set asks for, so an older one's answer is not taken for it. */
  let cameraAttempt = 0;
  let lastRefresh = -Infinity;
  /** The latest frame's time, paused or not: the counter pauses and resumes on the frames' clock. */
  let lastFrameMs: number | null = null;
  /** Time counted while running (frames at most a second apart), for the set's clock. */
  let countedMs = 0;
  let checksKey = '';
  /** The setup check's current problem, since when, and whether it was said aloud. */
  let hint: { text: string; sinceMs: number; spoken: boolean } | null = null;
  /** Frames that passed the setup check in a row, not yet counted. */
  let setupFrames: { pose: Pose | null; timestampMs: number }[] = [];
  /** The setup check's view held from the frame before (held with a margin, as counting holds it). */
  let setupViewHeld = false;
  let lastCountedMs: number | null = null;
  let saving: Promise<unknown> = Promise.resolve();
  const timers: ReturnType<typeof setInterval>[] = [];
  /** The set's landmarks, frame by frame, while they are kept (the setting); saved with the set. */
  let capture: TrackCapture | null = null;
  /** The picture's size, from the last frame that gave it. */
  let lastSize = { width: 0, height: 0 };
  /** The ended set's landmarks, saved once the set is. */
  let toSave: { capture: TrackCapture; id: string } | null = null;
  /** The finished set's save failed and is tried again on a timer until it lands. */
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Releases this tab's hold on the set's record. */
  let releaseLock: () => void = () => {};
  const clearRetry = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };

  const machine = () => store.getState().machine;
  const hasWork = () => {
    const s = tracker?.summary();
    return s ? s.reps + s.holds.length > 0 : false;
  };

  const publishCounts = (clockMs: number | null) => {
    const summary = tracker?.summary();
    const state = tracker?.state;
    const elapsedMs = state?.exercise.kind === 'timed' ? state.activeMs : countedMs;
    store.getState().update({
      elapsedMs,
      reps: summary?.reps ?? 0,
      shortHolds: summary?.shortHolds ?? 0,
      valueDeg: tracker?.lastValueDeg ?? null,
      whyNoValue: tracker?.lastValueDeg === null && tracker?.lastSample && exercise ? reasonMessage(exercise, tracker.lastSample.reason) : null,
      peopleInView: tracker?.lastSample?.peopleCount ?? 0,
      clockMs,
    });
  };

  const current = (status: SetStatus): SetRecord | null => {
    if (!tracker || !record) return null;
    return { ...record, status, updatedAt: Date.now(), summary: tracker.summary(), counterState: status === 'in-progress' ? tracker.state : null };
  };

  /** Saves the set; one save at a time, in order. */
  const save = (status: SetStatus): Promise<boolean> => {
    const next = current(status);
    if (!next) return Promise.resolve(false);
    record = next;
    dirty = false;
    const run = saving.then(async () => {
      try {
        const db = await deps.db();
        await saveSet(db, next);
        stored = true;
        // The set joined a session as it was stored: keep its id for the check-in.
        const sessionId = (await db.sets.get(next.id))?.sessionId;
        if (sessionId && record?.id === next.id) record = { ...record, sessionId };
        store.getState().update({ autosaveError: null });
        return true;
      } catch (err) {
        // Everything stays in memory; the next autosave (or the retry button) tries again.
        dirty = true;
        const message = toStorageError(err, 'the set').message;
        if (status === 'in-progress') store.getState().update({ autosaveError: message });
        else {
          dispatch({ type: 'save-failed', message });
          // Nothing is lost: the set stays in memory and is saved as soon as storage allows.
          clearRetry();
          retryTimer = setTimeout(() => {
            retryTimer = null;
            if (machine().done?.save === 'failed') dispatch({ type: 'retry-save' });
          }, SAVE_RETRY_MS);
        }
        return false;
      }
    });
    saving = run;
    return run;
  };

  const feedCounter = (events: readonly CounterEvent[]) => {
    for (const event of events) {
      dirty = true;
      dispatch({ type: 'counter', event });
    }
  };

  /** One frame into the counter, while the set runs. */
  const countFrame = (pose: Pose | null, timestampMs: number) => {
    if (!tracker || machine().phase !== 'running') return;
    if (lastCountedMs !== null && timestampMs > lastCountedMs && timestampMs - lastCountedMs <= 1000) countedMs += timestampMs - lastCountedMs;
    lastCountedMs = timestampMs;
    dispatch({ type: 'frame', atMs: timestampMs });
    feedCounter(tracker.push(pose, timestampMs));
    if (timestampMs - lastRefresh >= REFRESH_MS || timestampMs < lastRefresh) {
      lastRefresh = timestampMs;
      publishCounts(timestampMs);
    }
  };

  const run = (effect: SetEffect) => {
    switch (effect.type) {
      case 'start-camera': {
        const attempt = ++cameraAttempt;
        let tries = 0;
        const open = () =>
          void deps.camera.start().then((ok) => {
            // A later start (or a stop) took over: it answers for the set, not this one.
            if (attempt !== cameraAttempt) return;
            if (ok) return dispatch({ type: 'camera-ready' });
            // The camera may have opened although the engine failed: no set, so no camera.
            deps.camera.stop();
            // A refusal, a missing camera or a model that failed is on screen already. A start
            // that came to nothing without a word (the engine it waited for was replaced while
            // it loaded) is tried again, then said.
            const said = deps.cameraProblem?.() ?? true;
            if (!said && machine().phase === 'starting' && ++tries < CAMERA_TRIES) return open();
            dispatch({ type: 'camera-failed', reason: said ? undefined : CAMERA_DID_NOT_START });
          });
        open();
        break;
      }
      case 'stop-camera':
        cameraAttempt++;
        deps.camera.stop();
        break;
      case 'pause-counter':
        if (tracker) feedCounter(tracker.pause(lastFrameMs ?? tracker.state.lastMs ?? 0));
        break;
      case 'resume-counter':
        if (tracker) feedCounter(tracker.resume(lastFrameMs ?? tracker.state.lastMs ?? 0));
        break;
      case 'persist': {
        // The set's landmarks wait for its save (tried again until it lands).
        if (capture && record) toSave = { capture, id: record.id };
        capture = null;
        const saved = save(effect.status);
        // The summary shows at once; whether it is saved follows.
        store.getState().update({ finished: record });
        void saved.then((ok) => {
          if (!ok) return;
          // A finished set is never offered back, so no tab needs to hold it now (an app update waits for held sets).
          releaseLock();
          store.getState().update({ finished: record });
          dispatch({ type: 'saved' });
          // The landmarks follow the set, never before it: a set saved without them is still saved.
          if (toSave && toSave.id === record?.id) deps.tracks?.save(toSave.capture, toSave.id);
          toSave = null;
        });
        break;
      }
      case 'discard': {
        clearRetry();
        releaseLock();
        capture = null;
        toSave = null;
        const id = record?.id;
        if (id && stored) void saving.then(async () => deleteSet(await deps.db(), id)).catch(() => {});
        store.getState().update({ finished: null });
        break;
      }
      case 'say':
        deps.cues.say(effect.text);
        break;
      case 'tone':
        deps.cues.tone(effect.kind);
        break;
      case 'announce':
        deps.announce(effect.text);
        break;
      case 'focus':
        deps.focus(effect.target);
        break;
    }
  };

  function dispatch(event: SetEvent): void {
    const before = machine();
    const step = stepSet(before, event);
    if (step.state !== before) store.getState().update({ machine: step.state });
    // Counts and the clock follow every change of phase or activity at once.
    if (step.state.phase !== before.phase || step.state.activity !== before.activity || event.type === 'counter') publishCounts(step.state.nowMs);
    for (const effect of step.effects) run(effect);
  }

  timers.push(
    setInterval(() => {
      const m = machine();
      if ((m.phase === 'running' || m.phase === 'paused') && dirty && hasWork()) void save('in-progress');
    }, AUTOSAVE_MS),
  );

  return {
    start(ex, targetReps, options) {
      const resumeFrom = options.resumeFrom;
      exercise = ex;
      tracker = createExerciseTracker(ex, { targetReps: targetReps ?? undefined });
      if (resumeFrom?.counterState) {
        tracker.restore(resumeFrom.counterState as CounterState);
        // The reload interrupted the set: it waits, paused, until the person is back in place.
        if (tracker.state.lastMs !== null) tracker.pause(tracker.state.lastMs);
      }
      const { engine, model } = deps.engine();
      const measured = options.source === 'recording' ? { engine: null, model: null } : { engine, model };
      const now = Date.now();
      record = resumeFrom
        ? { ...resumeFrom, source: options.source, ...measured }
        : {
            id: newRecordId(),
            exerciseId: ex.id,
            exerciseName: ex.name,
            startedAt: now,
            updatedAt: now,
            status: 'in-progress',
            source: options.source,
            ...measured,
            targetReps,
            summary: tracker.summary(),
            counterState: tracker.state,
            ...(options.sessionId ? { sessionId: options.sessionId } : {}),
          };
      stored = resumeFrom !== undefined;
      // A set carried on after a reload lost its frames from before: it keeps no landmarks.
      capture = resumeFrom ? null : (deps.tracks?.begin() ?? null);
      if (resumeFrom) deps.tracks?.lostOnReload();
      lastSize = { width: 0, height: 0 };
      releaseLock();
      releaseLock = holdSetLock(record.id);
      lastFrameMs = null;
      countedMs = 0;
      lastCountedMs = null;
      setupFrames = [];
      setupViewHeld = false;
      checksKey = '';
      hint = null;
      dirty = false;
      store.getState().update({ exercise: ex, targetReps, finished: null, autosaveError: null, checks: [], valueDeg: null, whyNoValue: null });
      dispatch({ type: 'start', source: options.source, kind: ex.kind, calibrates: ex.signal.type === 'trunk-extension', restored: resumeFrom !== undefined });
      publishCounts(null);
    },

    frame(pose, timestampMs, size) {
      lastFrameMs = timestampMs;
      if (capture) {
        const phase = machine().phase;
        // The frames the set measures: the setup check's and the counted ones (not those while paused).
        if (phase === 'setup' || phase === 'running') {
          if (pose) lastSize = { width: pose.imageWidth, height: pose.imageHeight };
          else if (size && size.width > 0) lastSize = size;
          capture.push(pose, timestampMs, lastSize.width, lastSize.height);
        }
      }
      // A recorded video's first frame says it is playing: count from it, not from when the
      // player's promise settles (a few frames later).
      if (machine().phase === 'starting' && machine().source === 'video') dispatch({ type: 'camera-ready' });
      const m = machine();
      if (m.phase === 'setup' && exercise) {
        const a = assessFrame(pose, needOf(exercise), { viewHeld: setupViewHeld });
        setupViewHeld = a.viewHeld;
        // The checklist re-renders only when an item changes, not every frame.
        const key = checklistKey(a.checks);
        if (key !== checksKey) {
          checksKey = key;
          store.getState().update({ checks: a.checks });
        }
        // Frames that passed the check are real frames of the set: once it holds, they are
        // counted too, so a rep begun while the check was settling is not lost.
        if (a.ok) setupFrames.push({ pose, timestampMs });
        else setupFrames = [];
        const problem = a.issues[0]?.message ?? null;
        if (problem === null) hint = null;
        else if (hint?.text !== problem) hint = { text: problem, sinceMs: timestampMs, spoken: false };
        else if (!hint.spoken && timestampMs - hint.sinceMs >= SPEAK_HINT_AFTER_MS) {
          hint.spoken = true;
          deps.cues.say(problem);
        }
        // (A set carrying on after a pause resumes its counter at this frame: only it is counted.)
        const resuming = m.pausedBy !== null;
        dispatch({ type: 'setup-frame', atMs: timestampMs, ok: a.ok, hint: a.issues[0]?.message ?? null });
        if (machine().phase === 'running') {
          const frames = resuming ? setupFrames.slice(-1) : setupFrames;
          setupFrames = [];
          for (const f of frames) countFrame(f.pose, f.timestampMs);
        }
        return a;
      }
      setupFrames = [];
      if (m.phase !== 'running' || !tracker) {
        lastCountedMs = null;
        return null;
      }
      countFrame(pose, timestampMs);
      return null;
    },

    dispatch,

    unsaved() {
      const m = machine();
      if (m.phase === 'done') return m.done?.save === 'failed' || m.done?.save === 'saving';
      return (m.phase === 'running' || m.phase === 'paused') && dirty && hasWork() && store.getState().autosaveError !== null;
    },

    end() {
      const m = machine();
      if (m.phase === 'done' || m.phase === 'idle') return;
      // Ending mid-hold still records that hold.
      if (tracker && m.phase === 'running') feedCounter(tracker.finish(m.nowMs ?? undefined));
      dispatch({ type: 'end', hasWork: hasWork() });
    },

    recordId() {
      return record?.id ?? null;
    },

    setMuted(muted) {
      deps.cues.muted = muted;
      store.getState().update({ muted });
    },

    dispose() {
      for (const t of timers) clearInterval(t);
      clearRetry();
      releaseLock();
      // Leaving mid-set: the last state is saved so the set can be resumed.
      const m = machine();
      if ((m.phase === 'running' || m.phase === 'paused') && dirty && hasWork()) void save('in-progress');
    },
  };
}
