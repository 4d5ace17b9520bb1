'use client';

import Link from '@/components/nav/app-link';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { loadSyncClient, SYNC_PATH, syncSetUpHere, syncStore } from './sync-store';
import { LoginFields } from './login-fields';

const STATE_TEXT = {
  off: 'Off: your records are only on this device.',
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  synced: 'Up to date.',
  waiting: 'Waiting for the server.',
  problem: 'Not syncing.',
} as const;

function when(ms: number | null, nowMs: number): string {
  if (ms === null) return 'not yet';
  const s = Math.round((nowMs - ms) / 1000);
  if (s < 10) return 'just now';
  if (s < 90) return `${s} seconds ago`;
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Who may read this person's records: add a clinician by user name, or stop sharing. */
function Sharing({ user, ready }: { user: string; ready: boolean }) {
  const [names, setNames] = useState<string[] | null>(null);
  const [reader, setReader] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = useCallback(async (fn: () => Promise<string[]>, done?: string) => {
    setBusy(true);
    try {
      setNames(await fn());
      setMessage(done ?? null);
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  }, []);
  // Read once the session is up (not while logging in), and again for another user.
  useEffect(() => {
    if (ready) void act(async () => (await loadSyncClient()).listSharing());
  }, [act, user, ready]);

  const share = (e: FormEvent) => {
    e.preventDefault();
    const name = reader.trim();
    void act(async () => (await loadSyncClient()).shareWith(name, true), `${name} can now read your records (not change them).`).then(() => setReader(''));
  };

  return (
    <div className="sharing" data-testid="sharing">
      <h3>Share with your clinician</h3>
      <p>A clinician you add can read your sessions, trends and check-ins, read-only, until you stop sharing. The server enforces it.</p>
      {names && names.length > 0 && (
        <ul className="shared-list">
          {names.map((n) => (
            <li key={n}>
              <span>{n}</span>{' '}
              <button type="button" disabled={busy} onClick={() => void act(async () => (await loadSyncClient()).shareWith(n, false), `${n} can no longer read your records.`)}>
                Stop sharing with {n}
              </button>
            </li>
          ))}
        </ul>
      )}
      {names && names.length === 0 && <p>Not shared with anyone.</p>}
      <form className="sync-form" onSubmit={share}>
        <label className="field">
          Clinician&apos;s user name
          <input value={reader} onChange={(e) => setReader(e.target.value)} required autoCapitalize="none" spellCheck={false} />
        </label>
        <div className="actions">
          <button type="submit" disabled={busy}>
            Share
          </button>
        </div>
      </form>
      <p role="status" data-testid="sharing-status">
        {message}
      </p>
    </div>
  );
}

/** Documents from the server set aside on this device: how many, that nothing was lost for them, and why. */
function Unreadable({ count, reasons }: { count: number; reasons: readonly string[] }) {
  const [it, It] = count === 1 ? ['it', 'It was'] : ['them', 'They were'];
  return (
    <div className="notice" data-testid="sync-unreadable">
      <p>
        <strong>{count === 1 ? '1 record from the server could not be read.' : `${count} records from the server could not be read.`}</strong> {It} set
        aside: nothing on this device was changed or deleted because of {it}, and the server keeps {it} as sent. A device with a fault, or another program
        using your account, may have written {it}.
      </p>
      <details>
        <summary>What was wrong</summary>
        <ul>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** Settings: sync with a server the person or their clinic runs (off by default). */
export function SyncCard() {
  const { status } = useStore(syncStore);
  const [url, setUrl] = useState(SYNC_PATH);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [nowMs, setNowMs] = useState(() => Date.now());

  useEffect(() => {
    if (!SYNC_PATH) return;
    const tick = setInterval(() => setNowMs(Date.now()), 10_000);
    // The sync code (PouchDB) loads when sync is set up on this device, or on Log in: a page
    // that only shows the form does not parse it.
    if (!syncSetUpHere()) return () => clearInterval(tick);
    void loadSyncClient().then((m) => {
      const saved = m.readConfig();
      if (saved) {
        setUrl(saved.url);
        setUser(saved.user);
        void m.resumeSync();
      }
    });
    return () => clearInterval(tick);
  }, []);

  if (!SYNC_PATH) {
    return (
      <section className="offline-card" aria-labelledby="sync-title" data-testid="sync-card" data-state="unavailable">
        <h2 id="sync-title">Sync with other devices</h2>
        <p>This copy of the app has no sync server, so your records stay on this device only. Use Data &gt; Export to move them by hand.</p>
      </section>
    );
  }

  const state = status?.state ?? 'off';
  const signedIn = status?.user && state !== 'off' && status.problem !== 'logged-out' && status.problem !== 'wrong-password';

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch {
      // The status carries the message.
    } finally {
      setBusy(false);
      setNowMs(Date.now());
    }
  };

  const logIn = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const m = await loadSyncClient();
      await m.startSync(url, user.trim(), password);
      setPassword('');
    });
  };

  return (
    <section className="offline-card sync-card" aria-labelledby="sync-title" data-testid="sync-card" data-state={state}>
      <h2 id="sync-title">Sync with other devices</h2>
      <p>
        Keeps your sessions, sets, holds, snapshot numbers, range checks, check-ins, programme and settings the same on each device you log in on, through a server you or
        your clinic run. Video never leaves this device, and snapshot pictures stay on the device that took them.
      </p>
      <div role="status" aria-live="polite" data-testid="sync-status">
        <p>
          <strong>{STATE_TEXT[state]}</strong>
          {signedIn && ` Logged in as ${status?.user}.`}
        </p>
        {signedIn && (
          <p>
            Last synced: {when(status?.lastSyncedAtMs ?? null, nowMs)}. Changes waiting to be sent: <span data-testid="sync-pending">{status?.pending ?? 0}</span>.
          </p>
        )}
      </div>
      {signedIn && status && status.unreadable > 0 && <Unreadable count={status.unreadable} reasons={status.unreadableReasons} />}
      {status?.message && (
        <p className="problem" role="alert" data-problem={status.problem ?? undefined}>
          {status.message}
        </p>
      )}
      {signedIn ? (
        <>
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void run(async () => (await loadSyncClient()).logOutOfSync())}>
            Log out
          </button>
          <button type="button" disabled={busy} onClick={() => void run(async () => (await loadSyncClient()).stopSyncing())}>
            Stop syncing and keep my data here
          </button>
        </div>
        {status?.user && <Sharing user={status.user} ready={state === 'synced' || state === 'syncing'} />}
        </>
      ) : (
        <form className="sync-form" onSubmit={logIn}>
          <LoginFields value={{ url, user, password }} onChange={(c) => {
              setUrl(c.url);
              setUser(c.user);
              setPassword(c.password);
            }} />
          <p className="hint">Logging in sends the records on this device to your account, and brings back what your other devices sent.</p>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Logging in…' : 'Log in and sync'}
            </button>
            {status?.user && state !== 'off' && (
              <button type="button" disabled={busy} onClick={() => void run(async () => (await loadSyncClient()).stopSyncing())}>
                Stop syncing and keep my data here
              </button>
            )}
          </div>
        </form>
      )}
      <p className="hint">
        A clinician? <Link href="/clinician">Open the clinician view</Link>.
      </p>
    </section>
  );
}
