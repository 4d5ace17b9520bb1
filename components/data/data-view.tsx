'use client';

import { useState } from 'react';
import { applyImport, backupToBlob, exportBackup, readBackupFile, sessionsCsv, type ImportPlan } from '@/lib/storage/backup';
import { appDb } from '@/lib/storage/db';
import { wipeAll } from '@/lib/storage/records';

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const today = () => new Date().toISOString().slice(0, 10);

/** Back up, restore and delete everything the app stores in this browser. */
export function DataView() {
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmWipe, setConfirmWipe] = useState('');

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await what();
    } catch (err) {
      setMessage({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="data-title" className="data">
      <h1 id="data-title">Your data</h1>
      <p className="lead">
        Everything (sessions, check-ins, snapshots, your programme and settings) is stored only in this browser. Back it up to a file
        now and then, or to move to another device.
      </p>

      <h2>Back up</h2>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void run(async () => download(backupToBlob(await exportBackup(appDb())), `posture-tracker-backup-${today()}.json`))}>
          Download a full backup (JSON)
        </button>
        <button type="button" disabled={busy} onClick={() => void run(async () => download(new Blob([await sessionsCsv(appDb())], { type: 'text/csv' }), `posture-tracker-sessions-${today()}.csv`))}>
          Download sessions as a spreadsheet (CSV)
        </button>
      </div>

      <h2>Restore from a backup</h2>
      <label>
        Backup file{' '}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="import-input"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            setPlan(null);
            if (file) void run(async () => setPlan(await readBackupFile(file)));
          }}
        />
      </label>
      {plan && (
        <div className="notice" data-testid="import-plan">
          <p>This backup would add:</p>
          <ul>
            {plan.tables
              .filter((t) => t.total > 0)
              .map((t) => (
                <li key={t.table}>
                  {t.label}: {t.added} new{t.present ? `, ${t.present} already here` : ''}
                  {t.conflicting ? `, ${t.conflicting} that differ from what is here (yours are kept)` : ''}
                </li>
              ))}
          </ul>
          {plan.tables.every((t) => t.added === 0) ? (
            <p>Everything in this file is already here. Nothing to add.</p>
          ) : (
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    const added = await applyImport(appDb(), plan);
                    setPlan(null);
                    setMessage({ kind: 'ok', text: `Restored: ${added} records added.` });
                  })
                }
              >
                Add these records
              </button>
              <button type="button" onClick={() => setPlan(null)}>
                Cancel
              </button>
            </div>
          )}
        </div>
      )}

      <h2>Delete everything</h2>
      <p>
        Removes all sessions, check-ins, snapshots, your programme and settings from this browser. Download a backup first if you may want
        them back. Type <strong>delete</strong> to confirm.
      </p>
      <div className="actions">
        <label>
          Confirm <input value={confirmWipe} onChange={(e) => setConfirmWipe(e.target.value)} aria-label="Type delete to confirm" />
        </label>
        <button
          type="button"
          disabled={busy || confirmWipe.trim().toLowerCase() !== 'delete'}
          onClick={() =>
            void run(async () => {
              await wipeAll(appDb());
              setConfirmWipe('');
              setMessage({ kind: 'ok', text: 'All data deleted from this browser.' });
            })
          }
        >
          Delete all my data
        </button>
      </div>

      {message && (
        <div role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'problem' : 'notice'} data-testid="data-message" data-kind={message.kind}>
          <p>{message.text}</p>
        </div>
      )}
    </section>
  );
}
