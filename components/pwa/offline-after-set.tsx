'use client';

import { useEffect } from 'react';
import { useStore } from 'zustand';
import { offlineAfterSession, offlineStore, progressLabel } from './offline-store';

/** After the first saved set, the app keeps itself for offline use; this line says so. */
export function OfflineAfterSet() {
  const s = useStore(offlineStore);
  useEffect(() => offlineAfterSession(), []);
  if (s.phase !== 'downloading') return null;
  return (
    <p className="status" role="status" data-testid="offline-after-set">
      Keeping the app on this device for use without a network: {progressLabel(s)}
    </p>
  );
}
