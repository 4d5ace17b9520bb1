'use client';

// The download buttons of one set or range check whose landmarks are kept: JSONL, TRC, and
// Delete. The formats load when a button is pressed (./track-files), not with the page.
import { useState } from 'react';
import { appDb } from '@/lib/storage/app-db';
import { saveFile } from '../save-file';

/** A file name's stem: what it is and when, e.g. "wall-extension-hold-2025-03-03-0800-landmarks". */
export function trackFileStem(what: string, atMs: number): string {
  const d = new Date(atMs);
  const two = (n: number) => String(n).padStart(2, '0');
  const slug = what.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'track';
  return `${slug}-${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}-landmarks`;
}


export function TrackDownloads({
  id,
  stem,
  label,
  onDeleted,
}: {
  /** The set's or range check's id (the track's key). */
  id: string;
  stem: string;
  /** What the entry is, for screen readers ("Wall extension hold, 3 March 2025"). */
  label: string;
  /** Given: a Delete landmarks button, called once they are deleted. */
  onDeleted?: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const download = async (format: 'jsonl' | 'trc') => {
    setBusy(true);
    setProblem(null);
    setStatus(`Preparing the ${format.toUpperCase()} file…`);
    try {
      const { trackFile } = await import('./track-files');
      const file = await trackFile(await appDb(), id, format, stem);
      if (file.ok) {
        saveFile(file.blob, file.fileName);
        setStatus(`Downloaded ${file.fileName} (${file.frames.toLocaleString('en')} frames).`);
      } else {
        setStatus('');
        setProblem(file.problem);
      }
    } catch (err) {
      setStatus('');
      setProblem(`The file could not be made: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!window.confirm(`Delete the landmarks of ${label}? The ${label.startsWith('Range check') ? 'range check' : 'set'} itself stays.`)) return;
    setBusy(true);
    setProblem(null);
    try {
      const { deleteTrack } = await import('./track-io');
      await deleteTrack(await appDb(), id);
      onDeleted?.();
    } catch (err) {
      setProblem((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="track-downloads" role="group" aria-label={`Landmarks of ${label}`} data-testid="track-downloads" data-track={id}>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void download('jsonl')} data-testid="track-jsonl">
          Landmarks (JSONL)
        </button>
        <button type="button" disabled={busy} onClick={() => void download('trc')} data-testid="track-trc">
          Landmarks (TRC)
        </button>
        {onDeleted && (
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()} data-testid="track-delete">
            Delete landmarks
          </button>
        )}
      </div>
      <p role="status" className="status">
        {status}
      </p>
      {problem && (
        <p role="alert" className="problem" data-testid="track-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
