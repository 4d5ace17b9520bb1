import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SessionFromAddress } from '@/components/session/session-from-address';

export const metadata: Metadata = { title: 'Exercise session · Posture tracker' };

/** `/session?exercise=ID&target=N` opens the session ready for that exercise at that dose. */
export default function SessionPage() {
  return (
    <Suspense fallback={<p role="status">Loading the session…</p>}>
      <SessionFromAddress />
    </Suspense>
  );
}
