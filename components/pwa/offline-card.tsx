'use client';

import { useEffect } from 'react';
import { useStore } from 'zustand';
import { formatBytes, offlineModels } from '@/lib/pwa/offline-assets';
import { ENGINE_LABELS } from '../camera/camera-controls';
import { makeAvailableOffline, offlineStore, progressLabel, refreshOffline, removeOffline } from './offline-store';

/** The "Make available offline" step: what it keeps, how much space, progress, and the result. */
export function OfflineCard({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const s = useStore(offlineStore);
  useEffect(() => {
    void refreshOffline();
    const again = () => void refreshOffline();
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, []);

  const H = headingLevel === 2 ? 'h2' : 'h3';
  const size = s.totalBytes ? `, ${formatBytes(s.totalBytes)}` : '';
  const what = s.choice
    ? `the pages and the ${ENGINE_LABELS[s.choice.engineKind]} pose model (${offlineModels(s.choice).join(' and ')}${size})`
    : 'the pages and the pose model';
  const downloading = s.phase === 'downloading';

  return (
    <section className="offline-card" aria-labelledby="offline-title" data-testid="offline-card" data-phase={s.phase}>
      <H id="offline-title">Use without a network</H>
      <p>
        Keeps {what} on this device, so Today, snapshots, sessions and trends work with no network, for example in a gym or on a plane. Your records are
        always kept on this device.
      </p>
      <div role="status" aria-live="polite" data-testid="offline-status">
        {s.phase === 'checking' && <p>Looking at what is stored…</p>}
        {s.phase === 'unsupported' && <p>This browser cannot keep the app for offline use; it works while there is a network.</p>}
        {s.phase === 'not-saved' && <p>Not kept on this device yet.</p>}
        {s.phase === 'partial' &&
          (s.status?.complete ? (
            <p>The model files are kept; the app&apos;s pages are still being stored on this device.</p>
          ) : (
            <p>Partly kept: {progressLabel(s)}. The engine in use needs the rest.</p>
          ))}
        {s.phase === 'ready' && (
          <p className="ok-line">
            <strong>Ready to use offline.</strong> {formatBytes(s.totalBytes)} of model files kept.
          </p>
        )}
        {downloading && (
          <>
            <p>Saving for offline use: {progressLabel(s)}</p>
            <progress max={s.totalBytes || 1} value={s.doneBytes} aria-label="Saving for offline use" />
          </>
        )}
        {s.phase === 'error' && (
          <p className="problem" data-problem="offline">
            {s.message}
          </p>
        )}
      </div>
      <div className="actions">
        {s.phase !== 'ready' && s.phase !== 'unsupported' && (
          <button type="button" className="primary" onClick={() => void makeAvailableOffline()} disabled={downloading || s.phase === 'checking'}>
            {s.phase === 'error' || s.phase === 'partial' ? 'Carry on saving' : 'Make available offline'}
          </button>
        )}
        {(s.phase === 'ready' || s.phase === 'partial') && (
          <button type="button" onClick={() => void removeOffline()}>
            Remove offline files
          </button>
        )}
      </div>
    </section>
  );
}
