'use client';

import { useEffect, useState } from 'react';
import { appDb } from '@/lib/storage/db';
import { getSetting } from '@/lib/storage/records';
import { REMINDERS_CHANGED, REMINDERS_KEY } from './reminders';

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
    const fired = new Set<string>();
    const load = () =>
      void getSetting<string[]>(appDb(), REMINDERS_KEY)
        .then((t) => (times = t ?? []))
        .catch(() => (times = []));
    const check = () => {
      const now = new Date();
      const key = `${now.toDateString()} ${hhmm(now)}`;
      if (!times.includes(hhmm(now)) || fired.has(key)) return;
      fired.add(key);
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        try {
          new Notification('Posture tracker', { body: MESSAGE, tag: 'posture-reminder' });
          return;
        } catch {
          // Some browsers only allow notifications from a service worker: fall back to the banner.
        }
      }
      setBanner(MESSAGE);
    };
    load();
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
