'use client';

import { useEffect, useState } from 'react';
import { readOr } from '@/lib/storage/app-db';
import { getProgramme } from '@/lib/storage/records';
import { FirstRun } from './first-run';

/** The first-run guide, reachable again from Settings; with a programme running it ends at today's exercise. */
export function WelcomeView() {
  const [exists, setExists] = useState<boolean | null>(null);
  useEffect(() => {
    void readOr(null, getProgramme).then(
      (p) => setExists(p !== null),
      () => setExists(false),
    );
  }, []);
  if (exists === null) return <p role="status">Loading…</p>;
  return <FirstRun programmeExists={exists} />;
}
