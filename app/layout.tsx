import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ReminderScheduler } from '@/components/today/reminder-scheduler';
import './globals.css';

export const metadata: Metadata = {
  title: 'Posture and range-of-motion tracker',
  description: 'Measure head-forward and upper-back posture with your camera, count holds and reps, and track progress. Video stays on your device.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f172a' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Posture tracker
          </Link>
          <nav aria-label="Main">
            <Link href="/">Today</Link>
            <Link href="/session">Exercise session</Link>
            <Link href="/live">Live view</Link>
            <Link href="/snapshot">Posture snapshot</Link>
            <Link href="/trends">Trends</Link>
            <Link href="/data">Your data</Link>
          </nav>
        </header>
        <ReminderScheduler />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
