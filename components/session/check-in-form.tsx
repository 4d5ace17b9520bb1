'use client';

import { useState } from 'react';
import { RED_FLAG_WORDS, RED_FLAGS, type RedFlag } from '@/lib/progression';
import { appDb } from '@/lib/storage/db';
import { newRecordId } from '@/lib/storage/ids';
import { saveCheckIn } from '@/lib/storage/records';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** After a set: pain 0-10, warning signs, comfortable or not, and a note. */
export function CheckInForm({ sessionId }: { sessionId: string | null }) {
  const [pain, setPain] = useState<number | null>(null);
  const [flags, setFlags] = useState<RedFlag[]>([]);
  const [comfortable, setComfortable] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [state, setState] = useState<'editing' | 'saving' | 'saved' | Error>('editing');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (pain === null || comfortable === null) return;
    setState('saving');
    try {
      await saveCheckIn(appDb(), { id: newRecordId(), atMs: Date.now(), sessionId, pain, redFlags: flags, comfortable, note: note.trim() || undefined });
      setState('saved');
    } catch (err) {
      setState(err as Error);
    }
  };

  if (state === 'saved') {
    return (
      <div className={flags.length ? 'problem' : 'notice'} role={flags.length ? 'alert' : 'status'} data-testid="check-in-saved">
        {flags.length ? (
          <p>
            <strong>Stop the exercises for now.</strong> {capitalize(flags.map((f) => RED_FLAG_WORDS[f]).join(', '))} can be a sign of an irritated
            nerve or a problem with position, not just tight muscles. Please see a clinician (a physiotherapist or doctor) before
            carrying on; your programme is on hold until then.
          </p>
        ) : (
          <p>Check-in saved. It feeds this week&rsquo;s decision.</p>
        )}
      </div>
    );
  }
  return (
    <form className="check-in" onSubmit={(e) => void submit(e)} aria-labelledby="check-in-title">
      <h2 id="check-in-title">How did that feel?</h2>
      <fieldset>
        <legend>Pain during or after the set (0 = none, 10 = worst imaginable)</legend>
        <div className="pain-scale">
          {Array.from({ length: 11 }, (_, i) => (
            <label key={i} className="choice">
              <input type="radio" name="pain" value={i} checked={pain === i} onChange={() => setPain(i)} required />
              {i}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Did you notice any of these?</legend>
        {RED_FLAGS.map((f) => (
          <label key={f} className="checkbox">
            <input type="checkbox" checked={flags.includes(f)} onChange={(e) => setFlags(e.target.checked ? [...flags, f] : flags.filter((x) => x !== f))} />{' '}
            <span>{capitalize(RED_FLAG_WORDS[f])}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Was the exercise comfortable?</legend>
        <div className="choice-row">
          <label className="choice">
            <input type="radio" name="comfortable" checked={comfortable === true} onChange={() => setComfortable(true)} required />
            Yes
          </label>
          <label className="choice">
            <input type="radio" name="comfortable" checked={comfortable === false} onChange={() => setComfortable(false)} />
            No
          </label>
        </div>
      </fieldset>
      <label className="field">
        <span>Note (optional)</span>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={1000} />
      </label>
      <p>
        <button type="submit" className="primary" disabled={state === 'saving' || pain === null || comfortable === null}>
          Save check-in
        </button>
      </p>
      {state instanceof Error && (
        <p role="alert" className="problem">
          {state.message}
        </p>
      )}
    </form>
  );
}
