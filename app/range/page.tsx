import type { Metadata } from 'next';
import { NO_DATABASE_SCRIPT } from '@/components/pending/no-database';
import { RangeCheckView } from '@/components/range/range-check';

export const metadata: Metadata = { title: 'Range check · Posture tracker' };

/** The weekly range check: four tests, about two minutes (components/range). */
export default function RangePage() {
  return (
    <>
      {/* Before the page's code: where this browser has no database of the app, "This is your first range check" at once (components/pending/no-database.ts). */}
      <script dangerouslySetInnerHTML={{ __html: NO_DATABASE_SCRIPT }} />
      <RangeCheckView />
    </>
  );
}
