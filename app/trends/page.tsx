import type { Metadata } from 'next';
import { TrendsView } from '@/components/trends/trends-view';

export const metadata: Metadata = { title: 'Trends · Posture tracker' };

export default function TrendsPage() {
  return <TrendsView />;
}
