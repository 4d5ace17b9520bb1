// The order of edits: a hybrid logical clock. Every edit is stamped with a wall time and a
// counter; a later stamp is a later edit. Pure: the device's clock reading is passed in.
//
// - A device stamps an edit with the larger of its own clock and the largest stamp it has
//   seen, plus a counter when they tie. So an edit made after another one was seen always
//   carries the larger stamp, whatever the device clocks say (Kulkarni et al. 2014, "Logical
//   physical clocks").
// - A device that sees a stamp ahead of its own clock also takes on that lead (`offsetMs`)
//   from then on. A device whose clock runs fast therefore wins a conflict only against
//   devices that have not yet synced with it; once they have, their own later edits are stamped
//   in the same frame and win when they are later. Without this, the fast device's edits would
//   keep winning every conflict until real time caught up with its clock.
// - Ties between stamps (two devices, the same wall time and counter) go to the larger device
//   id, so every device orders every pair of edits the same way.

/** A stamp as it travels in a document. */
export interface Stamp {
  /** Epoch milliseconds, in the clock frame the devices share (at least the editing device's own clock). */
  readonly wallMs: number;
  /** Edits stamped within the same millisecond, or while a device's clock lags the frame, count up. */
  readonly counter: number;
  /** The device that made the edit. */
  readonly device: string;
}

/** The stamp of nothing known: earlier than every real edit. */
export const ZERO_STAMP: Stamp = { wallMs: 0, counter: 0, device: '' };

/** Negative: `a` is the earlier edit; positive: `a` is the later one; 0: the same stamp. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  if (a.device !== b.device) return a.device < b.device ? -1 : 1;
  return 0;
}

/** A document's stamp (`editedAtMs`, `counter`, `device`); fields that are missing or unusable read as zero. */
export function stampOf(doc: object | null | undefined): Stamp {
  const { editedAtMs: wallMs, counter, device } = (doc ?? {}) as { editedAtMs?: unknown; counter?: unknown; device?: unknown };
  return {
    wallMs: typeof wallMs === 'number' && Number.isFinite(wallMs) && wallMs >= 0 ? wallMs : 0,
    counter: typeof counter === 'number' && Number.isInteger(counter) && counter >= 0 ? counter : 0,
    device: typeof device === 'string' ? device : '',
  };
}

/** What a device keeps of its clock between runs. */
export interface ClockState {
  /** How far the shared frame runs ahead of this device's own clock (never negative). */
  readonly offsetMs: number;
  /** The largest stamp seen or made so far (wall time and counter). */
  readonly wallMs: number;
  readonly counter: number;
}

export const FRESH_CLOCK: ClockState = { offsetMs: 0, wallMs: 0, counter: 0 };

/** Stamps beyond this are damage (the year 2286), never adopted. */
export const MAX_STAMP_MS = 1e13;

export class EditClock {
  private state: ClockState;

  constructor(
    readonly device: string,
    state: ClockState = FRESH_CLOCK,
  ) {
    this.state = sane(state);
  }

  get snapshot(): ClockState {
    return this.state;
  }

  /** The stamp for an edit made now (`nowMs`: the device's clock). */
  tick(nowMs: number): Stamp {
    const { offsetMs, wallMs, counter } = this.state;
    const frame = Math.min(MAX_STAMP_MS, Math.max(0, Math.round(nowMs + offsetMs)));
    const next = frame > wallMs ? { offsetMs, wallMs: frame, counter: 0 } : { offsetMs, wallMs, counter: counter + 1 };
    this.state = next;
    return { wallMs: next.wallMs, counter: next.counter, device: this.device };
  }

  /** Takes in a stamp seen on a document (`nowMs`: the device's clock when it was seen). */
  observe(stamp: Stamp, nowMs: number): void {
    if (!(stamp.wallMs >= 0 && stamp.wallMs <= MAX_STAMP_MS)) return;
    let { offsetMs, wallMs, counter } = this.state;
    const lead = stamp.wallMs - nowMs;
    if (lead > offsetMs) offsetMs = Math.round(lead);
    if (stamp.wallMs > wallMs || (stamp.wallMs === wallMs && stamp.counter > counter)) {
      wallMs = stamp.wallMs;
      counter = stamp.counter;
    }
    this.state = { offsetMs, wallMs, counter };
  }
}

function sane(s: ClockState): ClockState {
  const ok = (n: unknown, max: number) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= max;
  return {
    offsetMs: ok(s?.offsetMs, MAX_STAMP_MS) ? s.offsetMs : 0,
    wallMs: ok(s?.wallMs, MAX_STAMP_MS) ? s.wallMs : 0,
    counter: ok(s?.counter, 1e9) && Number.isInteger(s.counter) ? s.counter : 0,
  };
}
