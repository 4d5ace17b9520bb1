'use client';

import { useEffect } from 'react';
import { whenPageSettled } from '../camera/when-settled';
import { loadSyncClient, syncSetUpHere } from './sync-store';

/** Starts syncing on each page once it has settled, where sync is set up on this device. */
export function SyncRunner() {
  useEffect(() => {
    if (!syncSetUpHere()) return;
    const resume = () => void loadSyncClient().then((m) => m.resumeSync());
    const cancel = whenPageSettled(resume);
    window.addEventListener('online', resume);
    return () => {
      cancel();
      window.removeEventListener('online', resume);
    };
  }, []);
  return null;
}
