import type { Metadata } from 'next';
import { NO_DATABASE_SCRIPT } from '@/components/pending/no-database';
import { TrendsView } from '@/components/trends/trends-view';

export const metadata: Metadata = { title: 'Trends · Posture tracker' };

export default function TrendsPage() {
  return (
    <>
      {/* Before the page's code: where this browser has no database of the app, the notice that there is nothing to chart (components/pending/no-database.ts). */}
      <script dangerouslySetInnerHTML={{ __html: NO_DATABASE_SCRIPT }} />
      <TrendsView />
    </>
  );
}
