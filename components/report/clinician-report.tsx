'use client';

import { useEffect, useMemo, useRef } from 'react';
import { buildReport, type ReportRecords } from '@/lib/report/report';
import { localUtcOffsetMinutes } from '../progress/programme';
import { ReportView } from './report-view';

/** A person's one-page report in the clinician view, from the records they shared (already read). */
export function ClinicianReport({ person, records, nowMs, onClose }: { person: string; records: ReportRecords; nowMs: number; onClose: () => void }) {
  // Dates are this device's local dates: the person's own time zone is not in their records.
  const model = useMemo(() => buildReport(records, { nowMs, utcOffsetMinutes: localUtcOffsetMinutes(nowMs) }), [records, nowMs]);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  return (
    <ReportView
      model={model}
      person={person}
      actions={
        <button type="button" ref={back} onClick={onClose}>
          Back to the clinician view
        </button>
      }
    />
  );
}
