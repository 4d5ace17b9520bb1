'use client';

import { useEffect, useState } from 'react';
import { buildReport, type ReportModel, type ReportRecords } from '@/lib/report/report';
import { readDb } from '@/lib/storage/app-db';
import { listRangeChecks } from '@/lib/storage/range-checks';
import { getProgramme, listCheckIns, listSets } from '@/lib/storage/records';
import { listSnapshots } from '@/lib/storage/snapshots';
import { localUtcOffsetMinutes } from '../progress/programme';
import { onSyncedData } from '../sync/sync-store';
import { ReportView } from './report-view';

/** This device's records, as Trends loads them (TrendsRecords), with the check-ins. Read only: nothing is decided or saved. */
export async function loadOwnReportRecords(): Promise<ReportRecords> {
  const db = await readDb();
  if (!db) return { sets: [], snapshots: [], programme: null, rangeChecks: [], checkIns: [] };
  const [sets, snapshots, programme, rangeChecks, checkIns] = await Promise.all([listSets(db), listSnapshots(db), getProgramme(db), listRangeChecks(db), listCheckIns(db)]);
  return { sets, snapshots, programme: programme?.state ?? null, rangeChecks, checkIns };
}

/** The person's own report, from the local database, as of the moment it was read. */
export function OwnReport() {
  const [model, setModel] = useState<ReportModel | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = async () => {
      try {
        const records = await loadOwnReportRecords();
        const nowMs = Date.now();
        setModel(buildReport(records, { nowMs, utcOffsetMinutes: localUtcOffsetMinutes(nowMs) }));
      } catch (err) {
        setError((err as Error).message);
      }
    };
    void load();
    // Records from another device (sync) redraw the report.
    return onSyncedData(() => void load());
  }, []);

  if (error) {
    return (
      <div role="alert" className="problem" data-problem="storage">
        <p>{error}</p>
      </div>
    );
  }
  if (!model) {
    return (
      <section aria-labelledby="report-title">
        <h1 id="report-title">Progress report</h1>
        <p role="status">Reading your records…</p>
      </section>
    );
  }
  return <ReportView model={model} person={null} />;
}
