'use client';

import type { QualityCheck } from '@/lib/angles/quality';

const MARK = { yes: '✓', no: '✗', unknown: '?' } as const;

/**
 * The setup check, item by item: the same list before a set, before a snapshot and in the
 * first-run walk-through. A tick, a cross or a question mark, with words for screen readers
 * and, for anything not yet right, what to do about it.
 */
export function Checklist({ checks, label = 'Setup check', compact = false }: { checks: readonly QualityCheck[]; label?: string; compact?: boolean }) {
  if (!checks.length) return null;
  return (
    <ul className={compact ? 'checklist compact' : 'checklist'} aria-label={label} data-testid="setup-checklist">
      {checks.map((c) => {
        const state = c.ok === true ? 'yes' : c.ok === false ? (c.blocking ? 'no' : 'warn') : 'unknown';
        return (
          <li key={c.id} data-check={c.id} data-ok={state}>
            <span className="mark" aria-hidden="true">
              {state === 'yes' ? MARK.yes : state === 'unknown' ? MARK.unknown : state === 'warn' ? '!' : MARK.no}
            </span>
            <span>
              {c.label}
              <span className="visually-hidden">{state === 'yes' ? ' (yes)' : state === 'unknown' ? ' (cannot tell yet)' : ' (not yet)'}</span>
              {!compact && c.ok !== true && c.hint && <span className="check-hint">{c.hint}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
