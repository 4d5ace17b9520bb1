// Keeps the landmarks of a set or a range check while the setting "Keep the landmarks" is on:
// a capture per set or check (lib/storage/track-record.ts, loaded only when the setting is on),
// saved under the record's id once the record itself is saved. What became of them is told in
// words (`TrackNote`); a failure never touches the record.
import type { PostureDb } from '@/lib/storage/db';
import type { SetTracks, TrackCapture } from '../session/set-session';

type TrackIo = typeof import('./track-io');
type Buffer = InstanceType<TrackIo['TrackBuffer']>;

/** What became of a set's or check's landmarks (null: landmarks are not kept). */
export type TrackNote =
  | { readonly state: 'saving' }
  | { readonly state: 'saved'; readonly id: string; readonly frames: number; readonly bytes: number; readonly truncated: boolean }
  | { readonly state: 'failed'; readonly full: boolean; readonly message: string }
  | { readonly state: 'lost-on-reload' }
  | { readonly state: 'no-frames' };

export interface TrackKeeper extends SetTracks {
  /** The setting, as read; turning it on loads the capture code. */
  setKeep(keep: boolean): void;
  readonly keeping: boolean;
}

export function createTrackKeeper(kind: 'set' | 'range-check', db: () => PostureDb | Promise<PostureDb>, onNote: (note: TrackNote | null) => void): TrackKeeper {
  let keep = false;
  let io: TrackIo | null = null;
  let loading: Promise<void> | null = null;
  const load = () => {
    loading ??= import('./track-io').then(
      (m) => {
        io = m;
      },
      () => {
        loading = null;
      },
    );
    return loading;
  };
  return {
    get keeping() {
      return keep;
    },
    setKeep(k) {
      keep = k;
      if (k) void load();
    },
    begin() {
      onNote(null);
      if (!keep || !io) return null;
      return new io.TrackBuffer();
    },
    lostOnReload() {
      if (keep) onNote({ state: 'lost-on-reload' });
    },
    save(capture: TrackCapture, id: string) {
      const buffer = capture as Buffer;
      if (!io) return;
      if (buffer.frameCount === 0) return onNote({ state: 'no-frames' });
      onNote({ state: 'saving' });
      const track = buffer.toRecord(id, kind);
      const { saveTrack } = io;
      void Promise.resolve(db()).then((d) => saveTrack(d, track)).then(
        () => onNote({ state: 'saved', id, frames: track.frameCount, bytes: buffer.byteLength, truncated: track.truncated }),
        (err: Error & { code?: string }) => onNote({ state: 'failed', full: err.code === 'quota', message: err.message }),
      );
    },
  };
}

/** Megabytes a minute of kept landmarks at 30 frames a second (BYTES_PER_FRAME x 1800, rounded). */
export const MB_PER_MINUTE = 2;

/** Megabytes with one decimal ("1.4 MB"), or kilobytes below one. */
export function sizeWords(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

/** The note in words, for the end of a set or a range check ("set" or "range check"). */
export function trackNoteWords(note: TrackNote, what: string): string {
  switch (note.state) {
    case 'saving':
      return 'Saving its landmarks…';
    case 'saved':
      return `Its landmarks are kept on this device: ${note.frames.toLocaleString('en')} frames, ${sizeWords(note.bytes)}${note.truncated ? ' (the first 20 minutes only)' : ''}.`;
    case 'failed':
      return note.full
        ? `The ${what} is saved, but its landmarks are not: this browser's storage for the app is full. Landmarks take about ${MB_PER_MINUTE} MB a minute; delete those you no longer need on the Trends page to make room.`
        : `The ${what} is saved, but its landmarks are not. ${note.message}`;
    case 'lost-on-reload':
      return `No landmarks were kept for this ${what}: it was carried on after the page reloaded, and the frames from before the reload are not kept.`;
    case 'no-frames':
      return `No landmarks were kept for this ${what}: no frame was measured.`;
  }
}
