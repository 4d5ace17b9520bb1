'use client';

// Trends' "Kept landmarks": each set and range check of this device whose landmarks are kept,
// newest first, with its downloads (JSONL, TRC) and Delete. Only the person's own view shows it
// (tracks stay on the device that measured them). Loaded after the page (next/dynamic).
import { useCallback, useEffect, useState } from 'react';
import { readOr } from '@/lib/storage/app-db';
import { DB_NAME } from '@/lib/storage/db-name';
import type { SetRecord } from '@/lib/storage/set-record';
import { deleteOrphanTracks, keptTrackIds } from '@/lib/storage/tracks';
import { onStorageChange } from '@/lib/storage/change-feed';
import { TrackDownloads, trackFileStem } from './track-downloads';
import styles from './tracks.module.css';

/** What the list reads of a range check (Trends holds them as RangeCheckLike). */
interface CheckLike {
  readonly id?: string;
  readonly takenAtMs: number;
  readonly results: readonly { readonly medianDeg: number | null }[];
}

interface Entry {
  readonly id: string;
  readonly atMs: number;
  readonly title: string;
  readonly detail: string;
  readonly stemOf: string;
}

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });

function entriesOf(ids: ReadonlySet<string>, sets: readonly SetRecord[], checks: readonly CheckLike[]): Entry[] {
  const out: Entry[] = [];
  for (const s of sets) {
    if (!ids.has(s.id)) continue;
    const n = s.summary.reps;
    const unit = s.summary.kind === 'hold' ? 'hold' : s.summary.kind === 'timed' ? 'cycle' : 'rep';
    out.push({ id: s.id, atMs: s.startedAt, title: s.exerciseName, detail: `${n} ${unit}${n === 1 ? '' : 's'}`, stemOf: s.exerciseId });
  }
  for (const c of checks) {
    if (!c.id || !ids.has(c.id)) continue;
    const measured = c.results.filter((r) => r.medianDeg !== null).length;
    out.push({ id: c.id, atMs: c.takenAtMs, title: 'Range check', detail: `${measured} measure${measured === 1 ? '' : 's'} with a result`, stemOf: 'range-check' });
  }
  return out.sort((a, b) => b.atMs - a.atMs);
}

export function KeptLandmarks({ sets, rangeChecks, headingLevel = 2 }: { sets: readonly SetRecord[]; rangeChecks: readonly CheckLike[]; headingLevel?: 2 | 3 }) {
  const [ids, setIds] = useState<ReadonlySet<string> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setIds(await readOr(new Set<string>(), keptTrackIds));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    // Landmarks whose record was deleted elsewhere (sync) go first.
    void readOr(0, deleteOrphanTracks)
      .catch(() => 0)
      .then(load);
    return onStorageChange(DB_NAME, (changes) => {
      if (changes.some((c) => c.table === 'tracks')) void load();
    });
  }, [load]);

  if (error) {
    return (
      <p role="alert" className="problem">
        {error}
      </p>
    );
  }
  const entries = ids ? entriesOf(ids, sets, rangeChecks) : [];
  if (entries.length === 0) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="kept-landmarks-title" className="kept-landmarks" data-testid="kept-landmarks" data-count={entries.length}>
      <H id="kept-landmarks-title">Kept landmarks</H>
      <p className="lead">
        The positions of 33 body points in each frame (numbers, never pictures), kept on this device only. JSONL has every frame with its time and
        the points in the picture and in metres; TRC has the points in metres, for OpenSim or Pose2Sim.
      </p>
      <ul className={styles.list}>
        {entries.map((e) => {
          const label = `${e.title}, ${when(e.atMs)}`;
          return (
            <li key={e.id} className={styles.entry} data-testid="kept-track" data-id={e.id}>
              <p className={styles.title}>
                <strong>{e.title}</strong>, {when(e.atMs)} · {e.detail}
              </p>
              <TrackDownloads id={e.id} stem={trackFileStem(e.stemOf, e.atMs)} label={label} onDeleted={() => void load()} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
