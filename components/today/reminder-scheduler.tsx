'use client';

import { useEffect, useState } from 'react';
import { REMINDERS_CHANGED, REMINDERS_KEY } from './reminder-keys';

/** The stored reminder times. The database code loads here, not with every page's first paint. */
async function readTimes(): Promise<string[]> {
  const [{ readOr }, { getSetting }] = await Promise.all([import('@/lib/storage/app-db'), import('@/lib/storage/records')]);
  return (await readOr(undefined, (db) => getSetting<string[]>(db, REMINDERS_KEY))) ?? [];
}

/** A system notification: through the service worker where there is one (phones allow only
 * that), else directly. False when neither works. */
async function notify(body: string): Promise<boolean> {
  const options = { body, tag: 'posture-reminder', icon: '/icons/icon-192.png' };
  try {
    const reg = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    if (reg?.active) {
      await reg.showNotification('Posture tracker', options);
      return true;
    }
    new Notification('Posture tracker', options);
    return true;
  } catch {
    return false;
  }
}

const CHECK_MS = 20_000;
const MESSAGE = 'Time for a posture check: sit or stand tall, or do your exercise.';

function hhmm(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Fires reminders at the chosen times: a system notification if allowed, else an in-app banner. */
export function ReminderScheduler() {
  const [banner, setBanner] = useState<string | null>(null);

  useEffect(() => {
    let times: string[] = [];
    /** Read at the first check (CHECK_MS after the page opens), never with the first paint. */
    let loaded = false;
    const fired = new Set<string>();
    const load = () => {
      loaded = true;
      void readTimes()
        .then((t) => (times = t))
        .catch(() => (times = []))
        .then(check);
    };
    function check(): void {
      if (!loaded) return load();
      const now = new Date();
      const key = `${now.toDateString()} ${hhmm(now)}`;
      if (!times.includes(hhmm(now)) || fired.has(key)) return;
      fired.add(key);
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        void notify(MESSAGE).then((shown) => {
          if (!shown) setBanner(MESSAGE);
        });
        return;
      }
      setBanner(MESSAGE);
    }
    const timer = window.setInterval(check, CHECK_MS);
    window.addEventListener(REMINDERS_CHANGED, load);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(REMINDERS_CHANGED, load);
    };
  }, []);

  if (!banner) return null;
  return (
    <div role="alert" className="reminder-banner">
      <span>{banner}</span>{' '}
      <a href="/session">Start an exercise</a>{' '}
      <button type="button" onClick={() => setBanner(null)}>
        Dismiss
      </button>
    </div>
  );
}
