import type { Metadata, Viewport } from 'next';
import Link from '@/components/nav/app-link';
import type { ReactNode } from 'react';
import { SiteNav } from '@/components/nav/site-nav';
import { AppUpdates } from '@/components/pwa/app-updates';
import { SyncRunner } from '@/components/sync/sync-runner';
import { ReminderScheduler } from '@/components/today/reminder-scheduler';
import './globals.css';

export const metadata: Metadata = {
  title: 'Posture and range-of-motion tracker',
  description: 'Measure head-forward and upper-back posture with your camera, count holds and reps, and track progress. Video stays on your device.',
  applicationName: 'Posture tracker',
  appleWebApp: { capable: true, title: 'Posture', statusBarStyle: 'default' },
  icons: { icon: [{ url: '/icon.svg', type: 'image/svg+xml' }], apple: '/icons/apple-touch-icon.png' },
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
          <SiteNav />
        </header>
        <AppUpdates />
        <ReminderScheduler />
        <SyncRunner />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
