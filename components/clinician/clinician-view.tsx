'use client';

import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ladderStep, RED_FLAG_WORDS, type ProgrammeState } from '@/lib/progression';
import type { CheckInRecord } from '@/lib/storage/check-in-record';
import type { RangeCheckRecord } from '@/lib/storage/range-record';
import type { SessionRecord } from '@/lib/storage/session-record';
import type { SetRecord } from '@/lib/storage/set-record';
import type { SnapshotRecord } from '@/lib/storage/snapshot-record';
import { currentUser, logIn, logOut, PROBLEM_TEXT, readPersonDocs, serverBase, SyncError } from '@/lib/sync/remote';
import { checkDoc } from '@/lib/sync/rules/check';
import { SYNCED_TABLES, type JsonObject, type SyncedTable } from '@/lib/sync/rules/docs';
import { SYNC_PATH } from '../sync/sync-store';
import { LoginFields } from '../sync/login-fields';
import { TrendsView, type TrendsRecords, type TrendsSource } from '../trends/trends-view';
import { ClinicianReport } from '../report/clinician-report';

/** This device's clinician view: the server, who is logged in, and the people they follow. Never records. */
const KEY = 'posture.clinician';
const DAY_MS = 86_400_000;

interface Saved {
  readonly url: string;
  readonly user: string;
  readonly people: readonly string[];
}

function readSaved(): Saved | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Saved | null;
    return v && typeof v.user === 'string' && Array.isArray(v.people) ? v : null;
  } catch {
    return null;
  }
}

const dateTime = (ms: number) => new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

interface PersonRecords extends TrendsRecords {
  readonly checkIns: CheckInRecord[];
  /** Weekly range checks, oldest first. */
  readonly rangeChecks: RangeCheckRecord[];
  /** Documents that failed the same checks a device applies (damaged, or from a faulty device): not shown. */
  readonly unreadable: number;
}

/** The person's records, each checked as a device checks what arrives; the ones that fail are only counted. */
function toRecords(docs: readonly Record<string, unknown>[]): PersonRecords {
  const t = Object.fromEntries(SYNCED_TABLES.map((name) => [name, [] as JsonObject[]])) as Record<SyncedTable, JsonObject[]>;
  let unreadable = 0;
  for (const doc of docs) {
    const check = checkDoc(doc);
    if (check.kind === 'refused') unreadable++;
    else if (check.kind === 'record' && check.record) t[check.table].push(check.record);
  }
  const programme = (t.programme[0]?.state as unknown as ProgrammeState | undefined) ?? null;
  return {
    sets: t.sets as unknown as SetRecord[],
    snapshots: t.snapshots.map((s) => ({ ...s, picture: null })) as unknown as SnapshotRecord[],
    programme,
    checkIns: (t.checkIns as unknown as CheckInRecord[]).sort((a, b) => b.atMs - a.atMs),
    rangeChecks: (t.rangeChecks as unknown as RangeCheckRecord[]).sort((a, b) => a.takenAtMs - b.takenAtMs),
    sessions: t.sessions as unknown as SessionRecord[],
    unreadable,
  };
}

type PersonState = { phase: 'loading' } | { phase: 'shared'; records: PersonRecords; atMs: number } | { phase: 'not-shared' } | { phase: 'error'; message: string };

function Person({
  base,
  name,
  onRemove,
  onLoggedOut,
  onReport,
}: {
  base: string;
  name: string;
  onRemove: () => void;
  onLoggedOut: () => void;
  /** Open the one-page report of these records. */
  onReport: (records: PersonRecords) => void;
}) {
  const [state, setState] = useState<PersonState>({ phase: 'loading' });
  const load = useCallback(async () => {
    setState({ phase: 'loading' });
    try {
      const r = await readPersonDocs(base, name);
      if (r.state === 'shared') setState({ phase: 'shared', records: toRecords(r.docs), atMs: Date.now() });
      else if (r.state === 'not-shared') setState({ phase: 'not-shared' });
      else onLoggedOut();
    } catch (err) {
      setState({ phase: 'error', message: err instanceof SyncError ? err.message : PROBLEM_TEXT.unreachable });
    }
  }, [base, name, onLoggedOut]);
  useEffect(() => void load(), [load]);

  const records = state.phase === 'shared' ? state.records : null;
  const source: TrendsSource | null = useMemo(() => (records ? { person: name, load: async () => records } : null), [records, name]);
  const id = `person-${name.replace(/[^a-z0-9_-]/gi, '_')}`;
  const recentFlags = records?.checkIns.filter((c) => c.redFlags.length > 0 && state.phase === 'shared' && state.atMs - c.atMs <= 14 * DAY_MS) ?? [];
  const weekSets = records && state.phase === 'shared' ? records.sets.filter((s) => s.summary.reps > 0 && state.atMs - s.startedAt <= 7 * DAY_MS) : [];

  return (
    <section className="card person" aria-labelledby={id} data-testid="clinician-person" data-person={name} data-phase={state.phase}>
      <h2 id={id}>{name}</h2>
      <div className="actions">
        <button type="button" onClick={() => void load()}>
          Refresh
        </button>
        {records && (
          <button type="button" onClick={() => onReport(records)} data-testid="person-report">
            Report
          </button>
        )}
        <button type="button" onClick={onRemove}>
          Remove from my list
        </button>
      </div>
      {state.phase === 'loading' && <p role="status">Reading {name}&apos;s records…</p>}
      {state.phase === 'not-shared' && (
        <p className="notice" data-testid="not-shared">
          {name} has not shared their records with you, or has stopped sharing them. Nothing of theirs is shown.
        </p>
      )}
      {state.phase === 'error' && (
        <p className="problem" role="alert">
          {state.message}
        </p>
      )}
      {records && state.phase === 'shared' && (
        <>
          <p className="hint">Read-only: {name}&apos;s records as they shared them, read at {dateTime(state.atMs)}. Nothing here can change them.</p>
          {records.unreadable > 0 && (
            <p className="notice" data-testid="person-unreadable">
              {records.unreadable === 1 ? '1 record' : `${records.unreadable} records`} of {name}&apos;s could not be read (damaged, or written by a faulty
              device) and {records.unreadable === 1 ? 'is' : 'are'} not shown.
            </p>
          )}
          <dl className="person-summary">
            <dt>Stage</dt>
            <dd data-testid="person-stage">
              {records.programme ? `${records.programme.stage}: ${ladderStep(records.programme.stage).name}${records.programme.onHoldSinceMs !== null ? ' (on hold)' : ''}` : 'No programme started'}
            </dd>
            <dt>Sets in the last 7 days</dt>
            <dd data-testid="person-week-sets">{weekSets.length}</dd>
          </dl>
          {recentFlags.length > 0 && (
            <p className="problem" role="alert" data-testid="person-red-flags">
              Red flags reported in the last 14 days: {[...new Set(recentFlags.flatMap((c) => c.redFlags.map((f) => RED_FLAG_WORDS[f])))].join(', ')}.
            </p>
          )}
          <h3>Pain check-ins</h3>
          {records.checkIns.length === 0 ? (
            <p>No check-ins yet.</p>
          ) : (
            <div className="table-wrap">
              <table data-testid="person-check-ins">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Pain (0-10)</th>
                    <th scope="col">Red flags</th>
                    <th scope="col">Comfortable</th>
                  </tr>
                </thead>
                <tbody>
                  {records.checkIns.slice(0, 20).map((c) => (
                    <tr key={c.id}>
                      <td>{dateTime(c.atMs)}</td>
                      <td>{c.pain}</td>
                      <td>{c.redFlags.length ? c.redFlags.map((f) => RED_FLAG_WORDS[f]).join(', ') : 'none'}</td>
                      <td>{c.comfortable ? 'yes' : 'no'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {source && <TrendsView source={source} />}
        </>
      )}
    </section>
  );
}

/** For clinicians: the people who shared their records with them, read-only, with the same trend charts. */
export function ClinicianView() {
  const [saved, setSaved] = useState<Saved | null>(null);
  const [checked, setChecked] = useState(false);
  const [url, setUrl] = useState(SYNC_PATH);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [person, setPerson] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The person whose one-page report is open (the list stays mounted, hidden, so nothing is read again on closing it). */
  const [report, setReport] = useState<{ name: string; records: PersonRecords; nowMs: number } | null>(null);

  const store = (next: Saved | null) => {
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
    setSaved(next);
  };

  useEffect(() => {
    const s = readSaved();
    if (!s) return setChecked(true);
    setUrl(s.url);
    setUser(s.user);
    void currentUser(serverBase(s.url, location.origin))
      .then((name) => {
        if (name === s.user) setSaved(s);
        else setMessage(PROBLEM_TEXT['logged-out']);
      })
      .catch((err: unknown) => setMessage(err instanceof SyncError ? err.message : PROBLEM_TEXT.unreachable))
      .finally(() => setChecked(true));
  }, []);

  const loggedOut = useCallback(() => {
    setSaved(null);
    setMessage(PROBLEM_TEXT['logged-out']);
  }, []);

  if (!SYNC_PATH) {
    return (
      <section aria-labelledby="clinician-title">
        <h1 id="clinician-title">Clinician view</h1>
        <p>This copy of the app has no sync server, so nobody can share records with you here.</p>
      </section>
    );
  }
  if (!checked) return <p role="status">Checking your log-in…</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    void logIn(serverBase(url, location.origin), user.trim(), password)
      .then((name) => {
        setPassword('');
        store({ url, user: name, people: readSaved()?.people ?? [] });
      })
      .catch((err: unknown) => setMessage(err instanceof SyncError ? err.message : PROBLEM_TEXT.unreachable))
      .finally(() => setBusy(false));
  };

  if (!saved) {
    return (
      <section aria-labelledby="clinician-title" className="clinician">
        <h1 id="clinician-title">Clinician view</h1>
        <p>Log in with your clinician account to see, read-only, the records of the people who shared theirs with you.</p>
        {message && (
          <p className="problem" role="alert">
            {message}
          </p>
        )}
        <form className="sync-form" onSubmit={submit}>
          <LoginFields value={{ url, user, password }} onChange={(c) => {
              setUrl(c.url);
              setUser(c.user);
              setPassword(c.password);
            }} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Logging in…' : 'Log in'}
            </button>
          </div>
        </form>
      </section>
    );
  }

  const base = serverBase(saved.url, location.origin);
  const add = (e: FormEvent) => {
    e.preventDefault();
    const name = person.trim();
    if (!name || saved.people.includes(name)) return;
    store({ ...saved, people: [...saved.people, name] });
    setPerson('');
  };

  return (
    <>
      {report && <ClinicianReport person={report.name} records={report.records} nowMs={report.nowMs} onClose={() => setReport(null)} />}
      <section aria-labelledby="clinician-title" className="clinician" hidden={report !== null}>
        <h1 id="clinician-title">Clinician view</h1>
        <p>
          Logged in as <strong>{saved.user}</strong>. The server shows you only the records people chose to share with you; you cannot change them. Nothing is
          kept on this device.
        </p>
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              void logOut(base);
              store(null);
            }}
          >
            Log out
          </button>
        </div>
        <form className="sync-form" onSubmit={add}>
          <label className="field">
            Add a person by their user name
            <input value={person} onChange={(e) => setPerson(e.target.value)} autoCapitalize="none" spellCheck={false} />
          </label>
          <div className="actions">
            <button type="submit">Add</button>
          </div>
          <p className="hint">People tell you their user name when they share with you; the server decides what you may see.</p>
        </form>
        {saved.people.length === 0 && <p>No people on your list yet.</p>}
        {saved.people.map((p) => (
          <Person
            key={p}
            base={base}
            name={p}
            onLoggedOut={loggedOut}
            onRemove={() => store({ ...saved, people: saved.people.filter((x) => x !== p) })}
            onReport={(records) => {
              setReport({ name: p, records, nowMs: Date.now() });
              window.scrollTo(0, 0);
            }}
          />
        ))}
      </section>
    </>
  );
}
