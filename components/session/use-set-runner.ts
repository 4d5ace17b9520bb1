'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { createExerciseTracker, type ExerciseTracker } from '@/lib/exercise';
import type { CounterEvent, Exercise, SetSummary } from '@/lib/exercise/types';
import type { Pose } from '@/lib/pose/types';
import { appDb } from '@/lib/storage/db';
import { newRecordId } from '@/lib/storage/ids';
import { StorageError, toStorageError } from '@/lib/storage/errors';
import type { SetRecord, SetStatus } from '@/lib/storage/set-record';
import { createOrJoinSession } from '@/lib/storage/records';
import { saveSet } from '@/lib/storage/sets';
import { createCuePlayer, type CuePlayer } from './cues';

/** Autosave period while a set runs. */
export const AUTOSAVE_MS = 3000;
/** How often the counting display refreshes (per-frame data stays out of React). */
const DISPLAY_MS = 200;

export type SetPhase = 'calibrating' | 'ready' | 'holding' | 'rest' | 'paused' | 'complete' | 'ended';

/** What the counting display shows, refreshed a few times a second. */
export interface SetDisplay {
  readonly phase: SetPhase;
  readonly reps: number;
  readonly targetReps: number | null;
  readonly shortHolds: number;
  readonly holdSeconds: number;
  readonly restSecondsLeft: number;
  readonly valueDeg: number | null;
  readonly baselineDeg: number | null;
  readonly cueCount: number;
  readonly message: string;
  readonly pausedBy: 'no-person' | 'user' | null;
}

export interface SetSource {
  readonly kind: SetRecord['source'];
  readonly engine: SetRecord['engine'];
  readonly model: SetRecord['model'];
}

const INITIAL: SetDisplay = {
  phase: 'ready',
  reps: 0,
  targetReps: null,
  shortHolds: 0,
  holdSeconds: 0,
  restSecondsLeft: 0,
  valueDeg: null,
  baselineDeg: null,
  cueCount: 0,
  message: '',
  pausedBy: null,
};

/**
 * Runs one set: feeds frames to the exercise tracker, turns its events into cues and a
 * display, autosaves every few seconds and saves the summary at the end.
 */
export function useSetRunner() {
  const trackerRef = useRef<ExerciseTracker | null>(null);
  const recordRef = useRef<SetRecord | null>(null);
  const cuesRef = useRef<CuePlayer | null>(null);
  const dirtyRef = useRef(false);
  const nowRef = useRef(0);
  const holdStartRef = useRef<number | null>(null);
  const restUntilRef = useRef<number | null>(null);
  const valueRef = useRef<number | null>(null);
  const phaseRef = useRef<SetPhase>('ready');
  const pausedByRef = useRef<SetDisplay['pausedBy']>(null);
  const messageRef = useRef('');
  const cueCountRef = useRef(0);
  const exerciseRef = useRef<Exercise | null>(null);

  const [display, setDisplay] = useState<SetDisplay>(INITIAL);
  const [active, setActive] = useState(false);
  const [finished, setFinished] = useState<SetRecord | null>(null);
  const [saveError, setSaveError] = useState<StorageError | null>(null);
  const [muted, setMutedState] = useState(false);

  useEffect(() => {
    cuesRef.current = createCuePlayer();
    try {
      const m = window.localStorage.getItem('posture.cues.muted') === 'yes';
      cuesRef.current.muted = m;
      setMutedState(m);
    } catch {
      // Default: cues on.
    }
    return () => cuesRef.current?.dispose();
  }, []);

  const setMuted = useCallback((m: boolean) => {
    setMutedState(m);
    if (cuesRef.current) cuesRef.current.muted = m;
    try {
      window.localStorage.setItem('posture.cues.muted', m ? 'yes' : 'no');
    } catch {
      // The choice still applies to this visit.
    }
  }, []);

  const persist = useCallback(async (status: SetStatus): Promise<SetRecord | null> => {
    const tracker = trackerRef.current;
    const base = recordRef.current;
    if (!tracker || !base) return null;
    const record: SetRecord = {
      ...base,
      status,
      updatedAt: Date.now(),
      summary: tracker.summary(),
      counterState: status === 'in-progress' ? tracker.state : null,
    };
    recordRef.current = record;
    dirtyRef.current = false;
    try {
      await saveSet(appDb(), record);
      setSaveError(null);
    } catch (err) {
      // Keep everything in memory; the next autosave (or the retry button) tries again.
      dirtyRef.current = true;
      setSaveError(toStorageError(err, 'the set'));
    }
    return record;
  }, []);

  const refresh = useCallback(() => {
    const tracker = trackerRef.current;
    if (!tracker) return;
    const s: SetSummary = tracker.summary();
    const now = nowRef.current;
    setDisplay({
      phase: phaseRef.current,
      reps: s.reps,
      targetReps: s.targetReps,
      shortHolds: s.shortHolds,
      holdSeconds: holdStartRef.current !== null ? Math.max(0, (now - holdStartRef.current) / 1000) : 0,
      restSecondsLeft: restUntilRef.current !== null ? Math.max(0, (restUntilRef.current - now) / 1000) : 0,
      valueDeg: valueRef.current,
      baselineDeg: s.baselineDeg,
      cueCount: cueCountRef.current,
      message: messageRef.current,
      pausedBy: pausedByRef.current,
    });
  }, []);

  useEffect(() => {
    if (!active) return;
    const display = window.setInterval(refresh, DISPLAY_MS);
    const autosave = window.setInterval(() => {
      if (dirtyRef.current) void persist('in-progress');
    }, AUTOSAVE_MS);
    return () => {
      window.clearInterval(display);
      window.clearInterval(autosave);
    };
  }, [active, persist, refresh]);

  const finishingRef = useRef(false);
  const handleRef = useRef<(events: readonly CounterEvent[]) => void>(() => {});

  const finish = useCallback(
    async (status: 'complete' | 'ended') => {
      const tracker = trackerRef.current;
      if (!tracker || finishingRef.current || phaseRef.current === 'complete' || phaseRef.current === 'ended') return;
      finishingRef.current = true;
      // Ending mid-hold still records that hold.
      if (status === 'ended') handleRef.current(tracker.finish(nowRef.current));
      phaseRef.current = status;
      holdStartRef.current = null;
      restUntilRef.current = null;
      setActive(false);
      refresh();
      const record = await persist(status);
      setFinished(record);
      finishingRef.current = false;
    },
    [persist, refresh],
  );

  const handle = useCallback(
    (events: readonly CounterEvent[]) => {
      const cues = cuesRef.current;
      const exercise = exerciseRef.current;
      for (const e of events) {
        dirtyRef.current = true;
        switch (e.type) {
          case 'calibrating':
            phaseRef.current = 'calibrating';
            messageRef.current = 'Stand still in your usual, relaxed posture: measuring your neutral position.';
            break;
          case 'calibrated':
            phaseRef.current = 'ready';
            messageRef.current = exercise?.kind === 'hold' ? 'Ready. Arch your upper back and hold.' : 'Ready. Start when you like.';
            cues?.say(exercise?.kind === 'hold' ? 'Ready. Arch and hold.' : 'Ready.');
            break;
          case 'hold-start':
            phaseRef.current = 'holding';
            holdStartRef.current = e.atMs;
            restUntilRef.current = null;
            messageRef.current = 'Holding…';
            cues?.tone('start');
            break;
          case 'hold-complete':
            cueCountRef.current++;
            messageRef.current = `Done: release. That is ${e.count}.`;
            cues?.tone('done');
            cues?.say(`${e.count}. Release.`);
            break;
          case 'hold-end':
            holdStartRef.current = null;
            phaseRef.current = 'ready';
            break;
          case 'short-hold':
            holdStartRef.current = null;
            phaseRef.current = 'ready';
            messageRef.current = `Released after ${(e.durationMs / 1000).toFixed(1)} s: recorded as a short hold, not a rep.`;
            cues?.tone('warn');
            break;
          case 'rest-start':
            phaseRef.current = 'rest';
            restUntilRef.current = e.untilMs;
            messageRef.current = 'Rest.';
            break;
          case 'rest-end':
            restUntilRef.current = null;
            if (phaseRef.current === 'rest') phaseRef.current = 'ready';
            messageRef.current = 'Go again when ready.';
            cues?.tone('start');
            break;
          case 'rep':
            cueCountRef.current++;
            messageRef.current = `${e.count}`;
            cues?.tone('done');
            cues?.say(String(e.count));
            break;
          case 'paused':
            phaseRef.current = 'paused';
            pausedByRef.current = e.reason;
            holdStartRef.current = null;
            messageRef.current = e.reason === 'no-person' ? 'Paused: nobody in view. Step back into the picture to carry on.' : 'Paused. Press Resume (or the space bar) to carry on.';
            break;
          case 'resumed':
            phaseRef.current = 'ready';
            pausedByRef.current = null;
            messageRef.current = 'Carrying on.';
            break;
          case 'set-complete':
            if (finishingRef.current) break;
            cues?.say('Set complete. Well done.');
            messageRef.current = 'Set complete. Well done.';
            void finish('complete');
            break;
        }
      }
    },
    [finish],
  );
  handleRef.current = handle;

  /** Starts a new set, or resumes a saved one. */
  const begin = useCallback(
    (exercise: Exercise, targetReps: number | null, source: SetSource, resumeFrom?: SetRecord) => {
      const tracker = createExerciseTracker(exercise, { targetReps: targetReps ?? undefined });
      if (resumeFrom?.counterState) {
        tracker.restore(resumeFrom.counterState as ExerciseTracker['state']);
        // The reload interrupted the set: it waits, paused, until the person is back in place.
        if (tracker.state.lastMs !== null) tracker.pause(tracker.state.lastMs);
      }
      trackerRef.current = tracker;
      exerciseRef.current = exercise;
      const now = Date.now();
      recordRef.current = resumeFrom
        ? { ...resumeFrom, source: source.kind, engine: source.engine, model: source.model }
        : {
            id: newRecordId(),
            exerciseId: exercise.id,
            exerciseName: exercise.name,
            startedAt: now,
            updatedAt: now,
            status: 'in-progress',
            source: source.kind,
            engine: source.engine,
            model: source.model,
            targetReps,
            summary: tracker.summary(),
            counterState: tracker.state,
          };
      phaseRef.current = resumeFrom ? 'paused' : 'ready';
      pausedByRef.current = resumeFrom ? 'user' : null;
      messageRef.current = resumeFrom ? 'Set restored. Press Resume (or the space bar) when you are back in position.' : '';
      holdStartRef.current = null;
      restUntilRef.current = null;
      cueCountRef.current = 0;
      valueRef.current = null;
      dirtyRef.current = true;
      setFinished(null);
      setSaveError(null);
      setActive(true);
      refresh();
      if (!resumeFrom) {
        const first = recordRef.current;
        // Group the set into a sitting (sets of one exercise close together), then save it.
        void createOrJoinSession(appDb(), first)
          .then((sessionId) => {
            if (recordRef.current?.id === first.id) recordRef.current = { ...recordRef.current, sessionId };
          })
          .catch(() => {})
          .finally(() => void persist('in-progress'));
      }
    },
    [persist, refresh],
  );

  /** One frame from the camera, a video or a recording. */
  const push = useCallback(
    (pose: Pose | null, timestampMs: number) => {
      const tracker = trackerRef.current;
      if (!tracker || phaseRef.current === 'complete' || phaseRef.current === 'ended') return;
      if (pausedByRef.current === 'user') {
        nowRef.current = timestampMs;
        return;
      }
      nowRef.current = timestampMs;
      const events = tracker.push(pose, timestampMs);
      valueRef.current = tracker.lastValueDeg ?? null;
      handle(events);
    },
    [handle],
  );

  const togglePause = useCallback(() => {
    const tracker = trackerRef.current;
    if (!tracker || phaseRef.current === 'complete' || phaseRef.current === 'ended') return;
    const at = nowRef.current;
    if (pausedByRef.current === 'user') {
      pausedByRef.current = null;
      phaseRef.current = 'ready';
      messageRef.current = 'Carrying on.';
      handle(tracker.resume(at));
    } else {
      handle(tracker.pause(at));
      holdStartRef.current = null;
      pausedByRef.current = 'user';
      phaseRef.current = 'paused';
      messageRef.current = 'Paused. Press Resume (or the space bar) to carry on.';
    }
    dirtyRef.current = true;
    refresh();
  }, [handle, refresh]);

  return {
    display,
    active,
    finished,
    saveError,
    muted,
    setMuted,
    begin,
    push,
    togglePause,
    end: () => void finish('ended'),
    retrySave: () => void persist(recordRef.current?.status ?? 'in-progress'),
    exercise: () => exerciseRef.current,
  };
}
