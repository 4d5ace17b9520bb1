'use client';

import { useId, useState } from 'react';
import { MOVEMENT_EASES, RED_FLAG_WORDS, RED_FLAGS, SLEEP_QUALITIES, type MovementEase, type RedFlag, type SleepQuality } from '@/lib/progression';
import { appDb } from '@/lib/storage/app-db';
import { newRecordId } from '@/lib/storage/ids';
import { saveCheckIn } from '@/lib/storage/records';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const SLEEP_WORDS: Readonly<Record<SleepQuality, string>> = { poor: 'Poor', fair: 'Fair', good: 'Good' };
const EASE_WORDS: Readonly<Record<MovementEase, string>> = { harder: 'Harder', same: 'Same', easier: 'Easier' };

/**
 * After a set or the daily routine: pain 0-10, warning signs and comfortable or not (required),
 * then, each optional, progress beyond pain (upper-back tension 0-10, last night's sleep, how
 * turning and reaching felt compared with last week), and a note.
 */
export function CheckInForm({ sessionId, what = 'set' }: { sessionId: string | null; what?: 'set' | 'routine' }) {
  const [pain, setPain] = useState<number | null>(null);
  const [flags, setFlags] = useState<RedFlag[]>([]);
  const [comfortable, setComfortable] = useState<boolean | null>(null);
  const [tension, setTension] = useState<number | null>(null);
  const [sleep, setSleep] = useState<SleepQuality | null>(null);
  const [turning, setTurning] = useState<MovementEase | null>(null);
  const [reaching, setReaching] = useState<MovementEase | null>(null);
  const [note, setNote] = useState('');
  const [state, setState] = useState<'editing' | 'saving' | 'saved' | Error>('editing');
  // Radio names unique to this form, should a page ever show two.
  const id = useId();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (pain === null || comfortable === null) return;
    setState('saving');
    try {
      await saveCheckIn(await appDb(), {
        id: newRecordId(),
        atMs: Date.now(),
        sessionId,
        pain,
        redFlags: flags,
        comfortable,
        note: note.trim() || undefined,
        ...(tension !== null ? { tension } : {}),
        ...(sleep !== null ? { sleep } : {}),
        ...(turning !== null ? { turning } : {}),
        ...(reaching !== null ? { reaching } : {}),
      });
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
  const theThing = what === 'set' ? 'the set' : 'the routine';
  return (
    <form className="check-in" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} data-testid="check-in-form" data-what={what}>
      <h2 id={`${id}-title`}>How did that feel?</h2>
      <fieldset>
        <legend>Pain during or after {theThing} (0 = none, 10 = worst imaginable)</legend>
        <div className="pain-scale">
          {Array.from({ length: 11 }, (_, i) => (
            <label key={i} className="choice">
              <input type="radio" name={`${id}-pain`} value={i} checked={pain === i} onChange={() => setPain(i)} required />
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
        <legend>Was {what === 'set' ? 'the exercise' : 'the routine'} comfortable?</legend>
        <div className="choice-row">
          <label className="choice">
            <input type="radio" name={`${id}-comfortable`} checked={comfortable === true} onChange={() => setComfortable(true)} required />
            Yes
          </label>
          <label className="choice">
            <input type="radio" name={`${id}-comfortable`} checked={comfortable === false} onChange={() => setComfortable(false)} />
            No
          </label>
        </div>
      </fieldset>

      <div className="feel-questions" role="group" aria-labelledby={`${id}-feel`} aria-describedby={`${id}-feel-hint`}>
        <h3 id={`${id}-feel`}>Beyond pain (optional)</h3>
        <p id={`${id}-feel-hint`} className="hint">
          Less tension, better sleep and easier everyday movement are progress too. Answer any you like; once a day is plenty.
        </p>
        <Optional legend="Upper-back tension or stiffness now (0 none – 10 worst)" name="tension" answered={tension !== null} onClear={() => setTension(null)}>
          <div className="pain-scale">
            {Array.from({ length: 11 }, (_, i) => (
              <label key={i} className="choice">
                <input type="radio" name={`${id}-tension`} value={i} checked={tension === i} onChange={() => setTension(i)} />
                {i}
              </label>
            ))}
          </div>
        </Optional>
        <Optional legend="Last night's sleep" name="sleep" answered={sleep !== null} onClear={() => setSleep(null)}>
          <div className="feel-chips">
            {SLEEP_QUALITIES.map((q) => (
              <label key={q} className="choice">
                <input type="radio" name={`${id}-sleep`} value={q} checked={sleep === q} onChange={() => setSleep(q)} />
                {SLEEP_WORDS[q]}
              </label>
            ))}
          </div>
        </Optional>
        {(
          [
            ['turning', 'Compared with last week, turning to look behind you felt…', turning, setTurning],
            ['reaching', 'Compared with last week, reaching overhead felt…', reaching, setReaching],
          ] as const
        ).map(([name, legend, value, set]) => (
          <Optional key={name} legend={legend} name={name} answered={value !== null} onClear={() => set(null)}>
            <div className="feel-chips">
              {MOVEMENT_EASES.map((e) => (
                <label key={e} className="choice">
                  <input type="radio" name={`${id}-${name}`} value={e} checked={value === e} onChange={() => set(e)} />
                  {EASE_WORDS[e]}
                </label>
              ))}
            </div>
          </Optional>
        ))}
      </div>

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

/** An optional question: its chips, and a way to take the answer back (a radio group cannot be unchecked). */
function Optional({ legend, name, answered, onClear, children }: { legend: string; name: string; answered: boolean; onClear: () => void; children: React.ReactNode }) {
  return (
    <fieldset data-question={name}>
      <legend>{legend}</legend>
      {children}
      {answered && (
        <button type="button" className="clear-answer" onClick={onClear}>
          Clear this answer
        </button>
      )}
    </fieldset>
  );
}
