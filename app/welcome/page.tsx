import type { Metadata } from 'next';
import { WelcomeView } from '@/components/today/welcome-view';

export const metadata: Metadata = { title: 'Getting started · Posture tracker' };

export default function WelcomePage() {
  return <WelcomeView />;
}
