'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createLiveStore, type LiveActions, type LiveState, type LiveStore } from '@/lib/store/live-store';

const LiveStoreContext = createContext<LiveStore | null>(null);

export function LiveStoreProvider({ children, initial }: { children: ReactNode; initial?: Parameters<typeof createLiveStore>[0] }) {
  const [store] = useState(() => createLiveStore(initial));
  return <LiveStoreContext.Provider value={store}>{children}</LiveStoreContext.Provider>;
}

export function useLiveStoreApi(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('useLiveStore must be used inside <LiveStoreProvider>.');
  return store;
}

export function useLiveStore<T>(selector: (state: LiveState & LiveActions) => T): T {
  return useStore(useLiveStoreApi(), selector);
}
