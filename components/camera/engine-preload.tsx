'use client';

import { useEffect } from 'react';
import { preloadEngine } from '@/lib/camera/engine-host';
import { currentEngineChoice } from './engine-choice';
import { whenPageSettled } from './when-settled';

/**
 * On a page that leads to the camera (Today), loads the pose engine of Settings once the page
 * has settled, so the set's first frame is measured as soon as the camera is on. It is kept
 * between pages (lib/camera/engine-host.ts). Draws nothing.
 */
export function EnginePreload() {
  useEffect(() => {
    let cancelled = false;
    // After the page's own work: it must not delay what the person came to read.
    const cancelWait = whenPageSettled(
      () =>
        void currentEngineChoice().then((choice) => {
          if (!cancelled) void preloadEngine(choice.engineKind, choice.model);
        }),
    );
    return () => {
      cancelled = true;
      cancelWait();
    };
  }, []);
  return null;
}
