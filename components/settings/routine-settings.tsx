'use client';

import { useRef } from 'react';
import { getDrill, STAGE_ITEM } from '@/lib/routine/drills';
import { moveItem, setItemOn, type RoutinePrefs } from '@/lib/routine/plan';
import styles from './routine-settings.module.css';

const AMOUNT: Readonly<Record<string, string>> = {
  'foam-roll': '1 min, timed',
  'cat-cow': '8 breaths, counted',
  'table-top-twist': '8 each side, counted',
  'band-pull-apart': '15 reps, counted',
  'thoracic-bridge': '10 alternating, counted',
  'roller-mobilisation': '1½ min, timed',
};

/**
 * The daily routine's drills: each on or off, and moved up or down. The stage's exercise stays
 * on (it can move). Buttons, not dragging, so it works by keyboard, screen reader and touch.
 */
export function RoutineSettings({
  prefs,
  onChange,
  disabled = false,
}: {
  prefs: RoutinePrefs;
  onChange: (next: RoutinePrefs, message: string) => void;
  /** While the stored settings are read. */
  disabled?: boolean;
}) {
  const listRef = useRef<HTMLOListElement>(null);
  const nameOf = (id: string) => (id === STAGE_ITEM ? 'Your stage exercise' : (getDrill(id)?.name ?? id));
  const move = (id: string, delta: number) => {
    const next = moveItem(prefs, id, delta);
    onChange(next, `Routine saved: ${nameOf(id)} is now number ${next.order.indexOf(id) + 1}.`);
    // The moved item's button keeps the focus where it went.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`[data-item="${id}"][data-dir="${delta < 0 ? 'up' : 'down'}"]:not(:disabled)`)?.focus());
  };
  return (
    <fieldset id="routine" data-testid="routine-settings" disabled={disabled}>
      <legend>Daily routine</legend>
      <p className="lead">The order the routine runs in, and which drills it includes. Your stage exercise always stays in.</p>
      <ol ref={listRef} className={styles.order}>
        {prefs.order.map((id, i) => {
          const stage = id === STAGE_ITEM;
          const on = stage || !prefs.off.includes(id);
          const name = nameOf(id);
          return (
            <li key={id} data-testid={`routine-item-${id}`} data-on={on}>
              <label className="checkbox">
                <input type="checkbox" checked={on} disabled={stage} onChange={(e) => onChange(setItemOn(prefs, id, e.target.checked), `Routine saved: ${name} ${e.target.checked ? 'on' : 'off'}.`)} />
                <span>
                  <strong>{name}</strong> <span className={styles.muted}>{stage ? '(always on)' : AMOUNT[id]}</span>
                </span>
              </label>
              <span className={styles.move}>
                <button type="button" data-item={id} data-dir="up" disabled={i === 0} onClick={() => move(id, -1)} aria-label={`Move ${name} up`}>
                  ↑
                </button>
                <button type="button" data-item={id} data-dir="down" disabled={i === prefs.order.length - 1} onClick={() => move(id, 1)} aria-label={`Move ${name} down`}>
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
