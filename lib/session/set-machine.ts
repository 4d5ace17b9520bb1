// The life of one set, as a pure machine: (state, event) -> { state, effects }. It decides
// when the camera runs, when counting may begin (after the setup check), what pauses and ends
// a set, and every word the screen shows or speaks (`messageOf`). The counter
// (lib/exercise/counter.ts) stays the measuring machine: this one only reacts to its events.
// Effects are data; the page's shell carries them out (camera, counter, storage, sound).
import type { CounterEvent, ExerciseKind } from '../exercise/types';

export type SetSource = 'camera' | 'video' | 'recording';
/** What the person is doing while the set runs. 'away': nobody in view, the counter waits. */
export type Activity = 'calibrating' | 'ready' | 'holding' | 'rest' | 'away';
/** Who or what paused the set. 'restored': a set brought back after a reload. */
export type PauseReason = 'user' | 'hidden' | 'camera-off' | 'camera-lost' | 'other-tab' | 'restored';
export type SetPhase = 'idle' | 'starting' | 'setup' | 'running' | 'paused' | 'done';

export interface DoneInfo {
  /** complete: the target was reached; ended: stopped before; empty: nothing counted, nothing saved. */
  readonly status: 'complete' | 'ended' | 'empty';
  readonly save: 'saving' | 'saved' | 'failed' | 'nothing';
  readonly error: string | null;
}

export interface SetMachineState {
  readonly phase: SetPhase;
  readonly source: SetSource | null;
  readonly kind: ExerciseKind;
  /** The exercise measures a neutral stance first (trunk extension). */
  readonly calibrates: boolean;
  readonly cameraOn: boolean;
  readonly activity: Activity;
  readonly pausedBy: PauseReason | null;
  /** Since when the setup check has passed without a break (frame time); null: not passing. */
  readonly setupOkSinceMs: number | null;
  /** The first thing the setup check says to fix; null when it passes. */
  readonly setupHint: string | null;
  readonly holdStartMs: number | null;
  readonly restUntilMs: number | null;
  /** A short-lived message after an event ("Done: release."), shown for NOTE_MS. */
  readonly note: { readonly text: string; readonly atMs: number } | null;
  /** Visual "done" cues given (holds completed, reps counted). */
  readonly cueCount: number;
  /** The latest frame time seen. */
  readonly nowMs: number | null;
  readonly done: DoneInfo | null;
  /** Why the last start came to nothing, when no other part of the page said so; null: none. */
  readonly startProblem: string | null;
}

export type SetEvent =
  /** Start a set (or continue a restored one: `restored`). */
  | { readonly type: 'start'; readonly source: SetSource; readonly kind: ExerciseKind; readonly calibrates: boolean; readonly restored?: boolean }
  | { readonly type: 'camera-ready' }
  /** The camera or file did not start; `reason`: what to tell the person, when nothing else said it. */
  | { readonly type: 'camera-failed'; readonly reason?: string }
  /** One frame's setup-check verdict, before counting begins. */
  | { readonly type: 'setup-frame'; readonly atMs: number; readonly ok: boolean; readonly hint: string | null }
  | { readonly type: 'counter'; readonly event: CounterEvent }
  /** A frame was counted (time moves on). */
  | { readonly type: 'frame'; readonly atMs: number }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'toggle-pause' }
  /** The person ends the set; `hasWork`: a rep or hold (complete or short) was recorded. */
  | { readonly type: 'end'; readonly hasWork: boolean }
  | { readonly type: 'hidden' }
  | { readonly type: 'stop-camera' }
  /** The camera's track ended by itself (unplugged, taken by another app). */
  | { readonly type: 'camera-lost' }
  /** Another tab of the app turned the camera on; this tab's camera is already off. */
  | { readonly type: 'camera-taken' }
  | { readonly type: 'saved' }
  | { readonly type: 'save-failed'; readonly message: string }
  | { readonly type: 'retry-save' }
  /** Leave the finished set (back to choosing). */
  | { readonly type: 'close' };

export type SetEffect =
  | { readonly type: 'start-camera' }
  | { readonly type: 'stop-camera' }
  | { readonly type: 'pause-counter' }
  | { readonly type: 'resume-counter' }
  /** Save the set as finished. */
  | { readonly type: 'persist'; readonly status: 'complete' | 'ended' }
  /** Save nothing, and remove anything autosaved for this set. */
  | { readonly type: 'discard' }
  | { readonly type: 'say'; readonly text: string }
  | { readonly type: 'tone'; readonly kind: 'done' | 'start' | 'warn' }
  /** A polite screen-reader announcement (counts and key cues only). */
  | { readonly type: 'announce'; readonly text: string }
  | { readonly type: 'focus'; readonly target: 'counter' | 'summary' };

export interface SetStep {
  readonly state: SetMachineState;
  readonly effects: SetEffect[];
}

/** How long the setup check must pass without a break before counting begins. */
export const SETUP_STABLE_MS = 500;
/** How long an event's message stays up. */
export const NOTE_MS = 5000;

export const IDLE: SetMachineState = {
  phase: 'idle',
  source: null,
  kind: 'reps',
  calibrates: false,
  cameraOn: false,
  activity: 'ready',
  pausedBy: null,
  setupOkSinceMs: null,
  setupHint: null,
  holdStartMs: null,
  restUntilMs: null,
  note: null,
  cueCount: 0,
  nowMs: null,
  done: null,
  startProblem: null,
};

const live = (s: SetMachineState) => s.phase === 'setup' || s.phase === 'running' || s.phase === 'paused' || s.phase === 'starting';

/** Whether `event` does anything in `state`: what buttons are enabled from. */
export function can(state: SetMachineState, event: SetEvent['type']): boolean {
  switch (event) {
    case 'start':
      return state.phase === 'idle' || state.phase === 'done';
    case 'pause':
      return state.phase === 'running' && state.source !== 'recording';
    case 'resume':
      return state.phase === 'paused';
    case 'toggle-pause':
      return can(state, 'pause') || can(state, 'resume');
    case 'end':
      return live(state);
    case 'stop-camera':
      return state.cameraOn && live(state);
    case 'retry-save':
      return state.done?.save === 'failed';
    case 'close':
      return state.phase === 'done';
    default:
      return true;
  }
}

function note(text: string, atMs: number): SetMachineState['note'] {
  return { text, atMs };
}

function onCounter(s: SetMachineState, e: CounterEvent): SetStep {
  const effects: SetEffect[] = [];
  const at = e.atMs;
  const base = { ...s, nowMs: Math.max(s.nowMs ?? at, at) };
  switch (e.type) {
    case 'calibrating':
      if (e.drift) {
        const text = 'Your relaxed stance has moved away from the neutral measured before (or the camera moved): measuring it again.';
        effects.push({ type: 'say', text: 'Stand relaxed and still: measuring your neutral again.' }, { type: 'announce', text });
        return { state: { ...base, activity: 'calibrating', note: note(text, at) }, effects };
      }
      return { state: { ...base, activity: 'calibrating', note: null }, effects };
    case 'calibrated':
      effects.push({ type: 'say', text: s.kind === 'hold' ? 'Ready. Arch and hold.' : 'Ready.' }, { type: 'announce', text: 'Neutral measured. Ready.' });
      return { state: { ...base, activity: 'ready', note: note(s.kind === 'hold' ? 'Neutral measured. Now arch your upper back and hold.' : 'Neutral measured. Go when you are ready.', at) }, effects };
    case 'hold-start':
      effects.push({ type: 'tone', kind: 'start' });
      return { state: { ...base, activity: 'holding', holdStartMs: at, restUntilMs: null, note: null }, effects };
    case 'hold-complete':
      effects.push({ type: 'tone', kind: 'done' }, { type: 'say', text: `${e.count}. Release.` }, { type: 'announce', text: `Hold ${e.count} done. Release.` });
      return { state: { ...base, cueCount: s.cueCount + 1, note: note(`Done: release. That is ${e.count}.`, at) }, effects };
    case 'hold-end':
      return { state: { ...base, activity: s.activity === 'holding' ? 'ready' : s.activity, holdStartMs: null }, effects };
    case 'short-hold': {
      const seconds = (e.durationMs / 1000).toFixed(1);
      effects.push({ type: 'tone', kind: 'warn' }, { type: 'announce', text: `Released after ${seconds} seconds: not counted.` });
      return { state: { ...base, holdStartMs: null, note: note(`Released after ${seconds} s: a short hold, not counted.`, at) }, effects };
    }
    case 'rest-start':
      return { state: { ...base, activity: 'rest', restUntilMs: e.untilMs }, effects };
    case 'rest-end':
      effects.push({ type: 'tone', kind: 'start' });
      return {
        state: { ...base, activity: s.activity === 'rest' ? 'ready' : s.activity, restUntilMs: null, note: s.activity === 'rest' ? note('Go again when ready.', at) : s.note },
        effects,
      };
    case 'rep':
      effects.push({ type: 'tone', kind: 'done' }, { type: 'say', text: String(e.count) }, { type: 'announce', text: `${e.count}` });
      return { state: { ...base, cueCount: s.cueCount + 1, note: note(`Rep ${e.count}.`, at) }, effects };
    case 'paused':
      // A pause the person asked for is already shown; the counter's own is someone leaving the picture.
      if (e.reason !== 'no-person' || s.phase !== 'running') return { state: base, effects };
      effects.push({ type: 'announce', text: 'Paused: nobody in view.' });
      return { state: { ...base, activity: 'away', holdStartMs: null, note: null }, effects };
    case 'resumed':
      if (s.phase !== 'running' || s.activity !== 'away') return { state: base, effects };
      return { state: { ...base, activity: s.restUntilMs !== null ? 'rest' : 'ready', note: note('Welcome back: carry on.', at) }, effects };
    case 'set-complete':
      if (s.phase === 'done') return { state: base, effects };
      return {
        state: { ...base, phase: 'done', cameraOn: false, holdStartMs: null, restUntilMs: null, note: null, pausedBy: null, done: { status: 'complete', save: 'saving', error: null } },
        effects: [
          { type: 'stop-camera' },
          { type: 'persist', status: 'complete' },
          { type: 'say', text: 'Set complete. Well done.' },
          { type: 'announce', text: 'Set complete.' },
          { type: 'focus', target: 'summary' },
        ],
      };
  }
}

function pauseWith(s: SetMachineState, by: PauseReason, stopCamera: boolean): SetStep {
  const effects: SetEffect[] = [];
  if (s.phase === 'running') effects.push({ type: 'pause-counter' });
  if (stopCamera && s.cameraOn) effects.push({ type: 'stop-camera' });
  return {
    state: { ...s, phase: 'paused', pausedBy: by, cameraOn: stopCamera ? false : s.cameraOn, holdStartMs: null, setupOkSinceMs: null, note: null },
    effects,
  };
}

/** One step of the set's life. */
export function stepSet(s: SetMachineState, event: SetEvent): SetStep {
  const none: SetStep = { state: s, effects: [] };
  switch (event.type) {
    case 'start': {
      if (!can(s, 'start')) return none;
      const fresh: SetMachineState = { ...IDLE, source: event.source, kind: event.kind, calibrates: event.calibrates };
      if (event.restored) return { state: { ...fresh, phase: 'paused', pausedBy: 'restored' }, effects: [{ type: 'focus', target: 'counter' }] };
      return {
        state: { ...fresh, phase: 'starting' },
        effects: [...(event.source === 'camera' ? [{ type: 'start-camera' } as const] : []), { type: 'focus', target: 'counter' }],
      };
    }
    case 'camera-ready': {
      if (s.phase !== 'starting') return none;
      // A recorded video or landmark file is counted as it is; the camera first checks the setup.
      if (s.source !== 'camera') return { state: { ...s, phase: 'running', cameraOn: false }, effects: [] };
      return { state: { ...s, phase: 'setup', cameraOn: true, setupOkSinceMs: null, setupHint: null }, effects: [] };
    }
    case 'camera-failed': {
      if (s.phase !== 'starting') return none;
      // A set that never counted is not a set: back to choosing, nothing saved. One that was
      // counting waits, paused, for the camera to come back.
      if (s.pausedBy !== null) return { state: { ...s, phase: 'paused', pausedBy: 'camera-lost', cameraOn: false }, effects: [] };
      return { state: { ...IDLE, kind: s.kind, startProblem: event.reason ?? null }, effects: [] };
    }
    case 'setup-frame': {
      if (s.phase !== 'setup') return none;
      const at = event.atMs;
      if (!event.ok) return { state: { ...s, nowMs: at, setupOkSinceMs: null, setupHint: event.hint }, effects: [] };
      const since = s.setupOkSinceMs ?? at;
      if (at - since < SETUP_STABLE_MS) return { state: { ...s, nowMs: at, setupOkSinceMs: since, setupHint: null }, effects: [] };
      // In place: count from here. A set that was paused carries on where it stopped.
      const resuming = s.pausedBy !== null;
      const effects: SetEffect[] = resuming ? [{ type: 'resume-counter' }] : [];
      effects.push({ type: 'tone', kind: 'start' }, { type: 'announce', text: s.calibrates ? 'In position. Stand still: measuring your neutral stance.' : 'In position. Counting.' });
      return {
        state: {
          ...s,
          phase: 'running',
          nowMs: at,
          pausedBy: null,
          setupOkSinceMs: null,
          setupHint: null,
          activity: s.calibrates && !resuming ? 'calibrating' : s.restUntilMs !== null ? 'rest' : 'ready',
          note: resuming ? note('Carrying on.', at) : null,
        },
        effects,
      };
    }
    case 'counter':
      if (s.phase === 'idle' || (s.phase === 'done' && event.event.type !== 'set-complete')) return none;
      return onCounter(s, event.event);
    case 'frame':
      return s.phase === 'running' ? { state: { ...s, nowMs: Math.max(s.nowMs ?? event.atMs, event.atMs) }, effects: [] } : none;
    case 'pause':
      return can(s, 'pause') ? pauseWith(s, 'user', false) : none;
    case 'resume': {
      if (!can(s, 'resume')) return none;
      if (s.source === 'camera' && !s.cameraOn) {
        // The camera comes back on, then the setup check, then counting carries on.
        return { state: { ...s, phase: 'starting' }, effects: [{ type: 'start-camera' }] };
      }
      return {
        state: { ...s, phase: 'running', pausedBy: null, activity: s.restUntilMs !== null ? 'rest' : 'ready', note: s.nowMs === null ? null : note('Carrying on.', s.nowMs) },
        effects: [{ type: 'resume-counter' }],
      };
    }
    case 'toggle-pause':
      return can(s, 'pause') ? stepSet(s, { type: 'pause' }) : stepSet(s, { type: 'resume' });
    case 'end': {
      if (!can(s, 'end')) return none;
      const effects: SetEffect[] = s.cameraOn || s.phase === 'starting' ? [{ type: 'stop-camera' }] : [];
      const done: DoneInfo = event.hasWork ? { status: 'ended', save: 'saving', error: null } : { status: 'empty', save: 'nothing', error: null };
      effects.push(event.hasWork ? { type: 'persist', status: 'ended' } : { type: 'discard' }, { type: 'focus', target: 'summary' });
      return {
        state: { ...s, phase: 'done', cameraOn: false, pausedBy: null, holdStartMs: null, restUntilMs: null, setupOkSinceMs: null, setupHint: null, note: null, done },
        effects,
      };
    }
    case 'hidden':
      // Frames stop in a background tab: pause rather than let a hold lapse unseen.
      if (s.phase === 'running') return pauseWith(s, 'hidden', false);
      if (s.phase === 'setup') return { state: { ...s, setupOkSinceMs: null }, effects: [] };
      return none;
    case 'stop-camera':
      if (!can(s, 'stop-camera')) return none;
      if (s.phase === 'setup' && s.pausedBy === null) return { state: { ...IDLE, kind: s.kind }, effects: [{ type: 'stop-camera' }, { type: 'discard' }] };
      return pauseWith(s, 'camera-off', true);
    case 'camera-lost':
    case 'camera-taken': {
      if (!s.cameraOn || !live(s)) return none;
      if (s.phase === 'setup' && s.pausedBy === null) return { state: { ...IDLE, kind: s.kind }, effects: [{ type: 'stop-camera' }, { type: 'discard' }] };
      return pauseWith(s, event.type === 'camera-lost' ? 'camera-lost' : 'other-tab', true);
    }
    case 'saved':
      return s.done?.save === 'saving' || s.done?.save === 'failed' ? { state: { ...s, done: { ...s.done, save: 'saved', error: null } }, effects: [] } : none;
    case 'save-failed':
      return s.done ? { state: { ...s, done: { ...s.done, save: 'failed', error: event.message } }, effects: [] } : none;
    case 'retry-save':
      return can(s, 'retry-save') && s.done
        ? { state: { ...s, done: { ...s.done, save: 'saving', error: null } }, effects: [{ type: 'persist', status: s.done.status === 'complete' ? 'complete' : 'ended' }] }
        : none;
    case 'close':
      return can(s, 'close') ? { state: { ...IDLE, kind: s.kind }, effects: [] } : none;
  }
}

export interface SetMessage {
  /** The big line: what to do now. Empty when there is nothing to say. */
  readonly cue: string;
  /** A smaller line under it, or null. */
  readonly detail: string | null;
}

const READY_CUE: Record<ExerciseKind, string> = {
  hold: 'Arch your upper back and hold.',
  reps: 'Go when you are ready.',
  timed: 'Keep going, slowly and smoothly.',
};

const PAUSE_CUE: Record<PauseReason, string> = {
  user: 'Paused. Press Resume (or the space bar) to carry on.',
  hidden: 'Paused while the page was in the background. Press Resume when you are back in position.',
  'camera-off': 'Camera off. Your set is kept: press Resume to turn the camera back on.',
  'camera-lost': 'The camera stopped (unplugged, or taken by another app). Your set is kept, and carries on when the camera is back: press Resume to try now.',
  'other-tab': 'The camera is in use in another tab of this app. Your set is kept here: press Resume to use the camera in this tab.',
  restored: 'Set restored. Press Resume when you are back in position.',
};

/** Every word the set shows (and the basis of what it speaks), from its state alone. */
export function messageOf(s: SetMachineState, nowMs: number | null = s.nowMs): SetMessage {
  const fresh = s.note && nowMs !== null && nowMs - s.note.atMs < NOTE_MS ? s.note.text : null;
  switch (s.phase) {
    case 'idle':
      return { cue: s.startProblem ?? '', detail: null };
    case 'starting':
      return s.source === 'camera'
        ? { cue: 'Turning the camera on…', detail: 'If the browser asks, choose Allow.' }
        : { cue: 'Loading the file…', detail: null };
    case 'setup':
      return s.setupHint
        ? { cue: 'Get into position.', detail: s.setupHint }
        : { cue: 'Checking your position…', detail: s.calibrates ? 'Then stand relaxed and still for 2 seconds: your neutral stance is measured first.' : 'Counting starts as soon as you are in place.' };
    case 'running':
      switch (s.activity) {
        case 'calibrating':
          return { cue: 'Stand still, relaxed.', detail: fresh ?? 'Measuring your neutral stance (2 seconds).' };
        case 'away':
          return { cue: 'Paused: nobody in view.', detail: 'Step back into the picture to carry on.' };
        case 'rest':
          return { cue: fresh ?? 'Rest.', detail: 'The next hold can start when the rest is over.' };
        case 'holding':
          return { cue: fresh ?? 'Hold it…', detail: null };
        case 'ready':
          return { cue: fresh ?? READY_CUE[s.kind], detail: null };
      }
      break;
    case 'paused':
      return { cue: 'Paused.', detail: PAUSE_CUE[s.pausedBy ?? 'user'] };
    case 'done': {
      const d = s.done!;
      const cue = d.status === 'complete' ? 'Set complete. Well done.' : d.status === 'ended' ? 'Set ended.' : 'Nothing was counted, so nothing was saved.';
      const detail =
        d.save === 'saving' ? 'Saving…' : d.save === 'saved' ? 'Saved in this browser.' : d.save === 'failed' ? `Not saved yet: ${d.error ?? 'storage failed'}` : null;
      return { cue, detail };
    }
  }
  return { cue: '', detail: null };
}
