import type { Metadata } from 'next';
import { LiveView } from '@/components/live/live-view';

export const metadata: Metadata = { title: 'Live view · Posture tracker' };

export default function LivePage() {
  return <LiveView />;
}
