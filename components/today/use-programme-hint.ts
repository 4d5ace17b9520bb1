'use client';

import { useLayoutEffect } from 'react';
import { applyProgrammeHint } from './programme-hint';

/**
 * The programme hint for Today or the routine drawn without a reload (reached from another page
 * of the app, where the page's inline script does not run): applied once React has put the page
 * in, before the browser paints it (components/today/programme-hint.ts).
 */
export function useProgrammeHint(): void {
  useLayoutEffect(applyProgrammeHint, []);
}
