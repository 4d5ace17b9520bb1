import type { Metadata } from 'next';
import { RangeCheckView } from '@/components/range/range-check';

export const metadata: Metadata = { title: 'Range check · Posture tracker' };

/** The weekly range check: four tests, about two minutes (components/range). */
export default function RangePage() {
  return <RangeCheckView />;
}
