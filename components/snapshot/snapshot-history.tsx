'use client';

import { useEffect, useRef } from 'react';
import { formatDeg } from '@/lib/angles/format';
import type { SnapshotRecord } from '@/lib/storage/snapshot-record';
import { drawAnnotations } from './draw-annotations';

function Thumbnail({ record }: { record: SnapshotRecord }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let bitmap: ImageBitmap | null = null;
    void (async () => {
      if (record.picture) {
        try {
          bitmap = await createImageBitmap(record.picture);
        } catch {
          bitmap = null;
        }
      }
      if (!cancelled && ref.current) drawAnnotations(ref.current, record.geometry, record, bitmap, { labels: false, crop: true });
    })();
    return () => {
      cancelled = true;
      bitmap?.close();
    };
  }, [record]);
  return <canvas ref={ref} className="thumb" aria-hidden="true" />;
}

const fmt = (v: number | null) => formatDeg(v, 1);

/** Every saved snapshot, newest first, as an accessible table. */
export function SnapshotHistory({ history, error }: { history: readonly SnapshotRecord[] | null; error: string | null }) {
  if (error) {
    return (
      <div role="alert" className="problem" data-problem="storage">
        <p>{error}</p>
      </div>
    );
  }
  if (!history) return null;
  return (
    <section aria-labelledby="history-title" className="history">
      <h2 id="history-title">History</h2>
      {history.length === 0 ? (
        <p>No snapshots yet. Your first one becomes the baseline that later ones are compared with.</p>
      ) : (
        <div className="table-scroll">
        <table data-testid="snapshot-history">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Picture</th>
              <th scope="col">Head-forward</th>
              <th scope="col">Trunk</th>
              <th scope="col">View</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((s) => (
              <tr key={s.id}>
                <td data-label="Taken">{new Date(s.takenAtMs).toLocaleString()}</td>
                <td className="thumb-cell">
                  <Thumbnail record={s} />
                  <span className="visually-hidden">{s.picture ? 'picture kept' : 'lines only, no picture kept'}</span>
                </td>
                <td data-label="Head-forward">{fmt(s.headForwardDeg)}</td>
                <td data-label="Trunk">{fmt(s.trunkExtensionDeg)}</td>
                <td data-label="View">
                  {s.view}, {s.side} side facing the camera
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
