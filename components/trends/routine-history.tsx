'use client';

import type { SessionRecord } from '@/lib/storage/session-record';
import { stepsDoneWords } from '@/lib/routine/records';

const dateOf = (ms: number) => new Date(ms).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const SHOWN = 14;

/**
 * The daily routines in the period: how many were done in full and how many partly, and the
 * latest ones with their steps done. A routine ended early is partly done, never done.
 */
export function RoutineHistory({ sessions, fromMs, whose, headingLevel = 2 }: { sessions: readonly SessionRecord[]; fromMs: number; whose: string; headingLevel?: 2 | 4 }) {
  const H = headingLevel === 2 ? 'h2' : 'h4';
  const routines = sessions.filter((s) => s.routine && s.startedAt >= fromMs).sort((a, b) => b.startedAt - a.startedAt);
  const complete = routines.filter((r) => r.routine?.status === 'complete').length;
  const partial = routines.length - complete;
  return (
    <section aria-labelledby="trends-routines-title" className="card" data-testid="trends-routines" data-complete={complete} data-partial={partial}>
      <H id="trends-routines-title">Daily routines</H>
      {routines.length === 0 ? (
        <p className="empty">No routines in this period. {whose === 'your' ? 'Start one from Today.' : ''}</p>
      ) : (
        <>
          <p>
            <strong>{complete}</strong> done in full, <strong>{partial}</strong> partly done in this period.
          </p>
          <ul>
            {routines.slice(0, SHOWN).map((r) => (
              <li key={r.id} data-status={r.routine?.status}>
                {dateOf(r.startedAt)}: {r.routine?.status === 'complete' ? 'done' : r.routine?.status === 'in-progress' ? 'under way' : 'partly done'} (
                {r.routine ? stepsDoneWords(r.routine) : ''})
              </li>
            ))}
          </ul>
          {routines.length > SHOWN && <p className="fine-print">And {routines.length - SHOWN} earlier.</p>}
        </>
      )}
    </section>
  );
}
