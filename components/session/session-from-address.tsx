'use client';

import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { parseSessionQuery } from '@/lib/session/query';
import { SessionView } from './session-view';

/** The session for the page address (`?exercise=…&target=…`), read in the browser so the one
 * stored page serves every exercise when there is no network. */
export function SessionFromAddress() {
  const params = useSearchParams();
  const query = useMemo(() => parseSessionQuery(new URLSearchParams(params.toString())), [params]);
  return <SessionView query={query} />;
}
