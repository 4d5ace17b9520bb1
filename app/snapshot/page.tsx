import type { Metadata } from 'next';
import { SnapshotView } from '@/components/snapshot/snapshot-view';

export const metadata: Metadata = { title: 'Posture snapshot · Posture tracker' };

export default function SnapshotPage() {
  return <SnapshotView />;
}
