import type { Metadata } from 'next';
import { SessionView } from '@/components/session/session-view';

export const metadata: Metadata = { title: 'Exercise session · Posture tracker' };

export default function SessionPage() {
  return <SessionView />;
}
