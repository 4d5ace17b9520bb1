'use client';

import Link from '@/components/nav/app-link';
import { useCallback, useEffect, useState } from 'react';
import { formatBytes } from '@/lib/pwa/offline-assets';
import { requestPersistence } from './offline-store';

interface StorageFacts {
  usage: number | null;
  quota: number | null;
  /** Chromium breaks usage down (indexedDB: records; caches: pages and offline model files). */
  records: number | null;
  files: number | null;
  persisted: boolean | null;
}

async function readFacts(): Promise<StorageFacts> {
  const s = navigator.storage;
  const estimate = (await s?.estimate?.().catch(() => null)) ?? null;
  const details = (estimate as (StorageEstimate & { usageDetails?: Record<string, number> }) | null)?.usageDetails;
  return {
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    records: details ? (details.indexedDB ?? 0) : null,
    files: details ? (details.caches ?? 0) + (details.serviceWorkerRegistrations ?? 0) : null,
    persisted: (await s?.persisted?.().catch(() => null)) ?? null,
  };
}

/** How much this browser stores for the app, and whether it may clear it when space runs low. */
export function StorageCard() {
  const [facts, setFacts] = useState<StorageFacts | null>(null);
  const [asked, setAsked] = useState<boolean | null>(null);
  const load = useCallback(() => void readFacts().then(setFacts), []);
  useEffect(load, [load]);

  const ask = async () => {
    const granted = await requestPersistence();
    setAsked(granted);
    load();
  };

  return (
    <section aria-labelledby="storage-title" data-testid="storage-card">
      <h2 id="storage-title">Storage on this device</h2>
      {!facts ? (
        <p role="status">Reading storage…</p>
      ) : (
        <>
          <p data-testid="storage-used">
            {facts.usage === null ? (
              'This browser does not say how much it stores.'
            ) : (
              <>
                The app uses <strong>{formatBytes(facts.usage)}</strong>
                {facts.records !== null && facts.files !== null
                  ? `: ${formatBytes(facts.records)} of records and ${formatBytes(facts.files)} of pages and model files kept for offline use`
                  : ''}
                {facts.quota ? ` (the browser allows up to about ${formatBytes(facts.quota)})` : ''}.
              </>
            )}{' '}
            <Link href="/settings#offline-title">Offline files are managed in Settings.</Link>
          </p>
          <p data-testid="storage-persisted" data-persisted={String(facts.persisted)}>
            {facts.persisted === true ? (
              <>
                <strong>Protected:</strong> the browser will not clear your records to free space.
              </>
            ) : facts.persisted === false ? (
              <>
                <strong>Not protected:</strong> when the device runs low on space, the browser may clear what this site stores, your records included,
                unless the app is installed or you allow it to keep them. A backup file is the surest copy.
              </>
            ) : (
              'This browser does not say whether it may clear what the app stores. Keep a backup file.'
            )}
          </p>
          {facts.persisted === false && (
            <div className="actions">
              <button type="button" onClick={() => void ask()}>
                Ask the browser to keep my records
              </button>
            </div>
          )}
          {asked === false && (
            <p role="status">The browser said no for now. Browsers usually agree once the app is installed or used often; keep a backup meanwhile.</p>
          )}
        </>
      )}
    </section>
  );
}
