'use client';

import { useEffect } from 'react';
import { preloadEngine } from '@/lib/camera/engine-host';
import { currentEngineChoice } from './engine-choice';

/**
 * On a page that leads to the camera (Today), loads the pose engine of Settings once the page
 * has settled, so the set's first frame is measured as soon as the camera is on. It is kept
 * between pages (lib/camera/engine-host.ts). Draws nothing.
 */
export function EnginePreload() {
  useEffect(() => {
    let cancelled = false;
    const go = () =>
      void currentEngineChoice().then((choice) => {
        if (!cancelled) void preloadEngine(choice.engineKind, choice.model);
      });
    // After the page's own work: it must not delay what the person came to read.
    const idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(go, { timeout: 1500 }) : null;
    const timer = idle === null ? setTimeout(go, 300) : null;
    return () => {
      cancelled = true;
      if (idle !== null) window.cancelIdleCallback(idle);
      if (timer !== null) clearTimeout(timer);
    };
  }, []);
  return null;
}
