'use client';

import { useEffect, useState } from 'react';
import { applyImport, backupToBlob, exportBackup, rangeChecksCsv, readBackupFile, sessionsCsv, type ImportPlan } from '@/lib/storage/backup';
import { appDb } from '@/lib/storage/app-db';
import { wipeAll } from '@/lib/storage/records';
import { refreshEngineSettingsCopy } from '../camera/engine-choice';
import { StorageCard } from '../pwa/storage-card';
import { saveFile } from '../save-file';
import { syncSetUpHere } from '../sync/sync-store';

const today = () => new Date().toISOString().slice(0, 10);

type Section = 'backup' | 'restore' | 'delete';

/** Back up, restore and delete everything the app stores in this browser. */
export function DataView() {
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; where: Section } | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmWipe, setConfirmWipe] = useState('');
  // Read after mounting: the server render knows nothing of this device's sync.
  const [syncOn, setSyncOn] = useState(false);
  useEffect(() => setSyncOn(syncSetUpHere()), []);

  /** Runs an action; its message appears in its own section, next to the control that caused it. */
  const run = async (where: Section, what: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await what();
    } catch (err) {
      setMessage({ kind: 'error', text: (err as Error).message, where });
    } finally {
      setBusy(false);
      // A restore or a deletion may have changed the engine settings that camera pages copy.
      if (where !== 'backup') void refreshEngineSettingsCopy();
    }
  };

  const shown = (where: Section) =>
    message?.where === where ? (
      <div role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'problem' : 'notice'} data-testid="data-message" data-kind={message.kind}>
        <p>{message.text}</p>
      </div>
    ) : null;

  return (
    <section aria-labelledby="data-title" className="data">
      <h1 id="data-title">Your data</h1>
      <p className="lead">
        Everything (sessions, check-ins, snapshots, range checks, your programme and settings) is stored only in this browser. Back it up to a file
        now and then, or to move to another device.
      </p>

      <h2>Back up</h2>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void run('backup', async () => saveFile(backupToBlob(await exportBackup(await appDb())), `posture-tracker-backup-${today()}.json`))}>
          Download a full backup (JSON)
        </button>
        <button type="button" disabled={busy} onClick={() => void run('backup', async () => saveFile(new Blob([await sessionsCsv(await appDb())], { type: 'text/csv' }), `posture-tracker-sessions-${today()}.csv`))}>
          Download sessions as a spreadsheet (CSV)
        </button>
        <button type="button" disabled={busy} onClick={() => void run('backup', async () => saveFile(new Blob([await rangeChecksCsv(await appDb())], { type: 'text/csv' }), `posture-tracker-range-checks-${today()}.csv`))}>
          Download range checks as a spreadsheet (CSV)
        </button>
      </div>
      {shown('backup')}

      <h2>Restore from a backup</h2>
      <label className="file-drop">
        <span>Backup file (JSON)</span>
        <input
          type="file"
          accept=".json,application/json"
          data-testid="import-input"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            setPlan(null);
            if (file) void run('restore', async () => setPlan(await readBackupFile(file)));
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
                  void run('restore', async () => {
                    const added = await applyImport(await appDb(), plan);
                    setPlan(null);
                    setMessage({ kind: 'ok', text: `Restored: ${added} records added.`, where: 'restore' });
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

      {shown('restore')}

      <StorageCard />

      <h2>Delete everything</h2>
      <p>
        Removes all sessions, check-ins, snapshots, range checks, your programme and settings from this browser. Download a backup first if you may want
        them back. Type <strong>delete</strong> to confirm.
      </p>
      {syncOn && (
        <p className="notice" data-testid="wipe-sync-warning">
          Sync is on: this also deletes your records on the server and on your other devices. To clear only this device, first choose <em>Stop syncing
          and keep my data here</em> in Settings.
        </p>
      )}
      <div className="actions">
        <label>
          Confirm <input value={confirmWipe} onChange={(e) => setConfirmWipe(e.target.value)} aria-label="Type delete to confirm" />
        </label>
        <button
          type="button"
          disabled={busy || confirmWipe.trim().toLowerCase() !== 'delete'}
          onClick={() =>
            void run('delete', async () => {
              await wipeAll(await appDb(), { keepSyncHistory: syncOn });
              setConfirmWipe('');
              setMessage({ kind: 'ok', text: 'All data deleted from this browser.', where: 'delete' });
            })
          }
        >
          Delete all my data
        </button>
      </div>
      {shown('delete')}

    </section>
  );
}
