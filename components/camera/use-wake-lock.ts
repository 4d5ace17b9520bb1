'use client';

import { useEffect } from 'react';

/**
 * Keeps the screen on while `active` (a set, a range check), where the browser offers it;
 * taken again when the tab comes back. Refused (battery saver, no user gesture yet): the page
 * works without it.
 */
export function useWakeLock(active: boolean) {
  useEffect(() => {
    if (!active || typeof navigator === 'undefined' || !('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let cancelled = false;
    const take = async () => {
      try {
        const l = await navigator.wakeLock.request('screen');
        if (cancelled) void l.release();
        else lock = l;
      } catch {
        // Refused: carry on without it.
      }
    };
    const onVisible = () => document.visibilityState === 'visible' && (lock === null || lock.released) && void take();
    void take();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      document.removeEventListener('visibilitychange', onVisible);
      void lock?.release().catch(() => {});
    };
  }, [active]);
}
