import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SessionFromAddress } from '@/components/session/session-from-address';
import { SESSION_ADDRESS_SCRIPT, SESSION_PENDING_ATTRIBUTE } from '@/components/session/session-pending';
import { SessionView } from '@/components/session/session-view';

export const metadata: Metadata = { title: 'Exercise session · Posture tracker' };

/** `/session?exercise=ID&target=N` opens the session ready for that exercise at that dose. The
 * address is read in the browser; until then the page's HTML shows the session without a query
 * (the default exercise), or, where the address has one, the loading line
 * (components/session/session-pending.ts). */
export default function SessionPage() {
  return (
    <Suspense
      fallback={
        <>
          <script dangerouslySetInnerHTML={{ __html: SESSION_ADDRESS_SCRIPT }} />
          <p role="status" style={{ display: 'none' }} {...{ [SESSION_PENDING_ATTRIBUTE]: 'address' }}>
            Loading the session…
          </p>
          <SessionView pending />
        </>
      }
    >
      <SessionFromAddress />
    </Suspense>
  );
}
