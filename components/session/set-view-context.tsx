'use client';

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { messageOf } from '@/lib/session/set-machine';
import type { SetStore, SetViewState } from '@/lib/store/set-store';

export const SetStoreContext = createContext<SetStore | null>(null);

/** A slice of the set's view state; re-renders only when that slice changes. */
export function useSetView<T>(selector: (s: SetViewState) => T): T {
  const store = useContext(SetStoreContext);
  if (!store) throw new Error('useSetView must be used inside the session view.');
  return useStore(store, selector);
}

/** The set's words for the screen, from the machine and the latest clock. */
export function useSetMessage() {
  const machine = useSetView((s) => s.machine);
  const clockMs = useSetView((s) => s.clockMs);
  return messageOf(machine, clockMs ?? machine.nowMs);
}
