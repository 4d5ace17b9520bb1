'use client';

// The weekly range check (/range): a start screen, the four tests one after another in a focus
// view read from two or three metres (camera picture, test, prompt, count, why a frame or a
// trial did not count, all spoken too), then the results, saved as soon as they are known.
//
// Test hooks (e2e, tests/e2e/range.spec.ts), as data-testid attributes:
// - range-check: the page; data-stage = start | test | results.
// - range-start (button), range-last (the last check on the start screen, data-taken = epoch ms)
//   with range-last-<measure> (data-median, '' when not measured).
// - range-test: the focus view; data-test = the test id, data-phase = neutral | trials | done.
//   Inside: range-title, range-prompt, range-trials (data-counted = trials counted in the test,
//   data-<measure> = per measure), range-value (data-value, the live degrees, '' when none),
//   range-live (data-code: why frames are refused now), range-refused (data-code, data-count:
//   the latest refused trial and how many so far), range-announcer (the live region), and the
//   buttons Skip test and Stop.
// - range-results: the results; range-result-<measure> (data-median, data-spread, data-trials
//   as comma-separated degrees, data-measured), range-change-<measure> (data-within),
//   range-sides (data-beyond), range-skipped-<test>, range-save-status (data-state = saving |
//   saved | error | nothing).
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDeg } from '@/lib/angles/format';
import type { Refusal } from '@/lib/angles/refusals';
import type { Pose } from '@/lib/pose/types';
import {
  endRun,
  frameRefusal,
  gateOf,
  RANGE_NEEDS,
  promptOf,
  RANGE_GUIDES,
  RANGE_TEST_IDS,
  startRun,
  stepRun,
  wantsNeutral,
  type RangeRunState,
  type RangeTestId,
  type RunEvent,
} from '@/lib/range';
import { DEFAULT_SETTINGS, loadSettings, saveSetting } from '@/lib/settings';
import { appDb, readOr } from '@/lib/storage/app-db';
import { StorageError } from '@/lib/storage/errors';
import { newRecordId } from '@/lib/storage/ids';
import { listRangeChecks, saveRangeCheck } from '@/lib/storage/range-checks';
import { forgetNoDatabase } from '../pending/no-database';
import type { RangeCheckRecord } from '@/lib/storage/range-record';
import { usePoseCamera } from '../camera/use-pose-camera';
import { ROTATION_NEED } from '@/lib/angles/range';
import { drawPoseOverlay } from '../live/draw-skeleton';
import { LiveStoreProvider, useLiveStoreApi } from '../providers/live-store-provider';
import { drawSetupOverlay } from '../quality/draw-setup';
import { createCuePlayer, type CuePlayer } from '../session/cues';
import { countsOf, countWords, recordOf, valueWords, type TestOutcome } from './check-model';
import { RangeFocus, type FocusShown } from './range-focus';
import { RangeResults, type SaveState } from './range-results';
import { RangeStart } from './range-start';
import { focusWhenReady } from '../focus-when-ready';
import type { TrackCapture } from '../session/set-session';
import { createTrackKeeper, type TrackKeeper, type TrackNote } from '../tracks/track-keeper';

/** After a test's last trial: "done" stays on screen this long before the next test begins. */
const DONE_PAUSE_MS = 2500;
/** A frame-level reason shows once it has lasted this long (a single odd frame is not news). */
const LIVE_SHOW_MS = 500;
/** ...and is spoken once it has lasted this long, at most once in LIVE_REPEAT_MS. */
const LIVE_SAY_MS = 3000;
const LIVE_REPEAT_MS = 12_000;
/** A refused trial's reason stays on screen this long, or until the next trial counts. */
const REFUSED_SHOW_MS = 8000;

type Stage =
  | { readonly kind: 'start' }
  | { readonly kind: 'test'; readonly index: number }
  | { readonly kind: 'results'; readonly outcomes: readonly TestOutcome[]; readonly record: RangeCheckRecord | null; readonly saved: SaveState };

interface Run {
  readonly index: number;
  state: RangeRunState;
  lastMs: number | null;
  /** The test's first frame (camera time): how long the starting position has been awaited. */
  firstMs: number | null;
  /** The frame-level reason under way, and since when (camera time). */
  liveCode: string | null;
  liveSinceMs: number;
  liveSaidMs: number;
  refused: { readonly message: string; readonly code: string; readonly atMs: number } | null;
  refusedCount: number;
  doneTimer: number | null;
}

/** Words for a frame-level refusal: with the test's own setup or why its view, where that helps. */
/**
 * The starting position not taken this long although every frame passes the gate: the test's
 * own check refuses it without a reason (rotation: not facing the camera squarely), so the page
 * says what it waits for, with why the test needs that view.
 */
const NEUTRAL_WAIT_MS = 5000;

interface LiveWords {
  readonly code: string;
  readonly message: string;
  readonly why: string | null;
}

/** Why nothing is measured now, if anything: the run's reason, or a starting position long awaited. */
function liveOf(run: Run): LiveWords | null {
  const s = run.state;
  if (s.live) return { code: s.live.code, ...liveReason(s.test, s.live) };
  if (wantsNeutral(s) && run.firstMs !== null && run.lastMs !== null && run.lastMs - run.firstMs >= NEUTRAL_WAIT_MS) {
    const guide = RANGE_GUIDES[s.test];
    const turn = guide.view === 'front' ? 'face the camera squarely' : 'turn side-on to the camera';
    return { code: 'awaiting-neutral', message: `Not started yet: ${turn} and keep still.`, why: guide.why };
  }
  return null;
}


/** Every landmark the four tests read (rotation's knees included, for its hips check). */
const RANGE_MEASURED_PARTS: readonly string[] = [...new Set([...Object.values(RANGE_NEEDS).flatMap((n) => n.parts), ...ROTATION_NEED.parts])];

export function liveReason(test: RangeTestId, r: Refusal): { message: string; why: string | null } {
  const guide = RANGE_GUIDES[test];
  if (r.code === 'no-person') return { message: 'No one is in view.', why: guide.setup };
  if (r.code === 'not-side-view' || r.code === 'not-front-view') return { message: r.message, why: guide.why };
  return { message: r.message, why: null };
}

export function RangeCheckView() {
  return (
    <LiveStoreProvider>
      <RangeCheckInner />
    </LiveStoreProvider>
  );
}


function RangeCheckInner() {
  const store = useLiveStoreApi();
  const [stage, setStage] = useState<Stage>({ kind: 'start' });
  const [shown, setShown] = useState<FocusShown | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [muted, setMuted] = useState(false);
  const [history, setHistory] = useState<RangeCheckRecord[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  /** What became of this check's landmarks (null: not kept). */
  const [trackNote, setTrackNote] = useState<TrackNote | null>(null);
  const keeperRef = useRef<TrackKeeper | null>(null);
  /** The check's landmarks while they are kept (the setting), saved once the check is. */
  const captureRef = useRef<TrackCapture | null>(null);

  const stageRef = useRef<Stage>(stage);
  stageRef.current = stage;
  const runRef = useRef<Run | null>(null);
  const outcomesRef = useRef<TestOutcome[]>([]);
  const checkRef = useRef<{ id: string; startedAtMs: number } | null>(null);
  const cuesRef = useRef<CuePlayer | null>(null);
  const shownKeyRef = useRef('');
  const overlayRef = useRef<HTMLCanvasElement>(null);

  const refreshHistory = useCallback(async () => {
    try {
      setHistory(await readOr([], listRangeChecks));
      setHistoryError(null);
    } catch (err) {
      setHistoryError((err as Error).message);
    }
    forgetNoDatabase();
  }, []);

  useEffect(() => {
    const cues = createCuePlayer();
    cuesRef.current = cues;
    const keeper = createTrackKeeper('range-check', appDb, setTrackNote);
    keeperRef.current = keeper;
    void refreshHistory();
    void readOr(DEFAULT_SETTINGS, loadSettings)
      .catch(() => DEFAULT_SETTINGS)
      .then((s) => {
        cues.muted = s.cuesMuted;
        setMuted(s.cuesMuted);
        keeper.setKeep(s.keepLandmarks);
      });
    return () => {
      const t = runRef.current?.doneTimer;
      if (t != null) window.clearTimeout(t);
      cues.dispose();
      cuesRef.current = null;
    };
  }, [refreshHistory]);

  /** Said aloud (unless muted) and put in the live region for screen readers. */
  const announce = useCallback((text: string) => {
    setAnnouncement(text);
    cuesRef.current?.say(text);
  }, []);

  /** The focus view's contents from the run; React re-renders only when something shown changes. */
  const publish = useCallback((run: Run) => {
    const s = run.state;
    const nowMs = run.lastMs ?? 0;
    const why = liveOf(run);
    const live = why && run.liveCode === why.code && nowMs - run.liveSinceMs >= LIVE_SHOW_MS ? why : null;
    const refused = run.refused && nowMs - run.refused.atMs <= REFUSED_SHOW_MS ? run.refused : null;
    const next: FocusShown = {
      test: s.test,
      index: run.index,
      prompt: promptOf(s),
      counts: countsOf(s),
      countText: countWords(s),
      neutral: wantsNeutral(s),
      done: s.trials.done,
      valueDeg: s.valueDeg === null ? null : Math.round(s.valueDeg),
      valueText: valueWords(s.test, s.valueDeg),
      live,
      refused: refused ? { message: refused.message, code: refused.code, count: run.refusedCount } : null,
    };
    const key = JSON.stringify(next);
    if (key === shownKeyRef.current) return;
    shownKeyRef.current = key;
    setShown(next);
  }, []);

  const finish = useCallback(
    (outcomes: TestOutcome[]) => {
      runRef.current = null;
      camera.stop();
      const takenAtMs = Date.now();
      const { engineKind, model } = store.getState();
      const record = recordOf(checkRef.current?.id ?? newRecordId(), takenAtMs, engineKind, model, outcomes);
      setStage({ kind: 'results', outcomes, record, saved: record ? 'saving' : 'nothing' });
      cuesRef.current?.tone('done');
      announce(record ? 'The range check is finished. Your results are on screen.' : 'The range check is stopped. Nothing was measured.');
      focusWhenReady('range-results-title');
      if (record) void persist(record, outcomes);
      else captureRef.current = null;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [announce, store],
  );

  const persist = useCallback(
    async (record: RangeCheckRecord, outcomes: readonly TestOutcome[]) => {
      setStage({ kind: 'results', outcomes, record, saved: 'saving' });
      try {
        await saveRangeCheck(await appDb(), record);
        setStage({ kind: 'results', outcomes, record, saved: 'saved' });
        // The landmarks follow the check, never before it: a check saved without them is still saved.
        const capture = captureRef.current;
        captureRef.current = null;
        if (capture) keeperRef.current?.save(capture, record.id);
      } catch (err) {
        setStage({ kind: 'results', outcomes, record, saved: err instanceof StorageError ? err : new StorageError('failed', String(err)) });
      }
      await refreshHistory();
    },
    [refreshHistory],
  );

  const beginTest = useCallback(
    (index: number) => {
      const test = RANGE_TEST_IDS[index];
      const run: Run = { index, state: startRun(test), lastMs: null, firstMs: null, liveCode: null, liveSinceMs: 0, liveSaidMs: -Infinity, refused: null, refusedCount: 0, doneTimer: null };
      runRef.current = run;
      setStage({ kind: 'test', index });
      publish(run);
      const guide = RANGE_GUIDES[test];
      announce(`Test ${index + 1} of ${RANGE_TEST_IDS.length}: ${guide.title}. ${guide.setup} ${promptOf(run.state)}`);
    },
    [announce, publish],
  );

  /** The test under way ends (done, skipped or stopped); the next begins, or the results show. */
  const endTest = useCallback(
    (ended: 'done' | 'skipped' | 'stopped') => {
      const run = runRef.current;
      if (!run) return;
      if (run.doneTimer !== null) window.clearTimeout(run.doneTimer);
      let state = run.state;
      if (ended !== 'done' && run.lastMs !== null) state = endRun(state, run.lastMs).state;
      const outcomes = [...outcomesRef.current.filter((o) => o.test !== state.test), { test: state.test, ended: state.trials.done ? 'done' : ended, run: state } as TestOutcome];
      outcomesRef.current = outcomes;
      const next = run.index + 1;
      if (ended === 'stopped' || next >= RANGE_TEST_IDS.length) {
        const all = RANGE_TEST_IDS.map((test) => outcomes.find((o) => o.test === test) ?? { test, ended: 'not-reached' as const, run: null });
        finish(all);
      } else beginTest(next);
    },
    [beginTest, finish],
  );

  const onEvents = (run: Run, events: readonly RunEvent[]) => {
    const cues = cuesRef.current;
    const guide = RANGE_GUIDES[run.state.test];
    for (const e of events) {
      if (e.type === 'neutral') {
        cues?.tone('start');
        announce(`Starting position taken. ${promptOf(run.state)}`);
      } else if (e.type === 'trial') {
        run.refused = null;
        cues?.tone('done');
        if (!run.state.trials.done) announce(`Counted: ${formatDeg(e.trial.valueDeg)}. ${promptOf(run.state)}`);
      } else if (e.type === 'refused') {
        const { refusal, atMs } = e.refused;
        run.refused = { message: refusal.message, code: refusal.code, atMs };
        run.refusedCount++;
        cues?.tone('warn');
        announce(`That one did not count. ${refusal.message} Try again.`);
      } else if (e.type === 'done') {
        const last = run.index + 1 >= RANGE_TEST_IDS.length;
        announce(`${guide.title} done.${last ? '' : ` Next: ${RANGE_GUIDES[RANGE_TEST_IDS[run.index + 1]].title}.`}`);
        run.doneTimer = window.setTimeout(() => {
          if (runRef.current === run) endTest('done');
        }, DONE_PAUSE_MS);
      }
    }
  };

  const camera = usePoseCamera({
    // Rotation's hips check reads the knees: the range check keeps the full model.
    measures: () => RANGE_MEASURED_PARTS,
    onFrame: (pose: Pose | null, { video, timestampMs }) => {
      const ctx = drawPoseOverlay(overlayRef.current, video, pose);
      const run = runRef.current;
      if (!run || stageRef.current.kind !== 'test') return;
      captureRef.current?.push(pose, timestampMs, video.videoWidth, video.videoHeight);
      if (ctx && wantsNeutral(run.state)) {
        // Amber, not green, whenever the frame cannot be read for this test, for whatever reason
        // (rotation's side-on body passes the gate's advisory view check but is refused).
        const gate = gateOf(run.state.test, pose);
        drawSetupOverlay(ctx, frameRefusal(run.state.test, pose) ? { ...gate, ok: false } : gate);
      }
      if (run.state.trials.done) return;
      const { state, events } = stepRun(run.state, pose, timestampMs);
      run.state = state;
      run.lastMs = timestampMs;
      run.firstMs ??= timestampMs;
      // The frame-level reason: shown once it lasts, spoken once it lasts longer.
      const live = liveOf(run);
      const code = live?.code ?? null;
      if (code !== run.liveCode) {
        run.liveCode = code;
        run.liveSinceMs = timestampMs;
      } else if (live && timestampMs - run.liveSinceMs >= LIVE_SAY_MS && timestampMs - run.liveSaidMs >= LIVE_REPEAT_MS) {
        run.liveSaidMs = timestampMs;
        announce(live.why ? `${live.message} ${live.why}` : live.message);
      }
      onEvents(run, events);
      publish(run);
    },
    // A range test is refused with someone else in view: look for them.
    lookForOthers: true,
    // The model never changes in the middle of a test.
    canSwitchModel: () => stageRef.current.kind !== 'test',
  });

  // During the tests the focus view fills the screen: the site's header steps aside.
  const focusMode = stage.kind === 'test';
  useEffect(() => {
    document.documentElement.classList.toggle('focus-mode', focusMode);
    return () => document.documentElement.classList.remove('focus-mode');
  }, [focusMode]);

  // Leaving with results that are not in the database (storage full) would lose them.
  const unsaved = stage.kind === 'results' && stage.saved instanceof StorageError;
  const testing = stage.kind === 'test';
  useEffect(() => {
    if (!unsaved && !testing) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved, testing]);

  const start = () => {
    outcomesRef.current = [];
    checkRef.current = { id: newRecordId(), startedAtMs: Date.now() };
    captureRef.current = keeperRef.current?.begin() ?? null;
    shownKeyRef.current = '';
    void camera.start();
    beginTest(0);
    focusWhenReady('range-progress');
  };

  const onMute = (m: boolean) => {
    setMuted(m);
    if (cuesRef.current) {
      cuesRef.current.muted = m;
      if (m && typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    }
    void appDb().then((db) => saveSetting(db, 'cuesMuted', m)).catch(() => {});
  };

  return (
    <div className="range-check" data-testid="range-check" data-stage={stage.kind}>
      {stage.kind === 'start' && <RangeStart history={history} historyError={historyError} camera={camera} onStart={start} />}
      {stage.kind === 'results' && (
        <RangeResults
          outcomes={stage.outcomes}
          record={stage.record}
          saved={stage.saved}
          trackNote={trackNote}
          history={history ?? []}
          onRetrySave={() => stage.record && void persist(stage.record, stage.outcomes)}
          onAgain={() => {
            setStage({ kind: 'start' });
            window.scrollTo(0, 0);
          }}
        />
      )}
      <RangeFocus
        hidden={stage.kind !== 'test'}
        shown={shown}
        camera={camera}
        overlayRef={overlayRef}
        announcement={announcement}
        muted={muted}
        onMute={onMute}
        onSkip={() => {
          cuesRef.current?.say('Skipped.');
          endTest('skipped');
        }}
        onStop={() => endTest('stopped')}
      />
    </div>
  );
}
