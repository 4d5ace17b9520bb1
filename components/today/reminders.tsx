'use client';

import { useEffect, useState } from 'react';
import { appDb, readOr } from '@/lib/storage/app-db';
import { getSetting, setSetting } from '@/lib/storage/records';

import { REMINDERS_CHANGED, REMINDERS_KEY } from './reminder-keys';

export { REMINDERS_CHANGED, REMINDERS_KEY };
const DEFAULT_TIMES = ['09:00', '17:30'];

type Permission = NotificationPermission | 'unsupported';

function permissionNow(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Reminder times the person picks, and the notification permission flow. */
export function Reminders() {
  const [times, setTimes] = useState<string[] | null>(null);
  const [permission, setPermission] = useState<Permission>('default');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setPermission(permissionNow());
    void readOr(undefined, (db) => getSetting<string[]>(db, REMINDERS_KEY))
      .then((t) => setTimes(t ?? []))
      .catch((e: Error) => setError(e.message));
  }, []);

  const save = async (next: string[]) => {
    const clean = [...new Set(next.filter((t) => /^\d\d:\d\d$/.test(t)))].sort();
    setTimes(clean);
    try {
      await setSetting(await appDb(), REMINDERS_KEY, clean);
      window.dispatchEvent(new Event(REMINDERS_CHANGED));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const ask = async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };

  if (times === null) return null;
  return (
    <section aria-labelledby="reminders-title" className="reminders">
      <h2 id="reminders-title">Posture reminders</h2>
      <p>A nudge to check your posture or do your exercise, at times you choose. Reminders work while the app is open in a tab.</p>
      {times.length === 0 && <p>No reminders set.</p>}
      <ul>
        {times.map((t, i) => (
          <li key={t}>
            <label>
              Reminder {i + 1}{' '}
              <input type="time" value={t} onChange={(e) => void save(times.map((x) => (x === t ? e.target.value : x)))} />
            </label>{' '}
            <button type="button" onClick={() => void save(times.filter((x) => x !== t))} aria-label={`Remove the ${t} reminder`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void save([...times, DEFAULT_TIMES.find((d) => !times.includes(d)) ?? '12:00'])}>
        Add a reminder
      </button>
      {times.length > 0 && (
        <p className="fine-print" data-testid="notification-permission">
          {permission === 'granted' && 'Reminders will appear as system notifications.'}
          {permission === 'default' && (
            <>
              Reminders will show inside the app.{' '}
              <button type="button" onClick={() => void ask()}>
                Also allow system notifications
              </button>
            </>
          )}
          {permission === 'denied' &&
            'System notifications are blocked for this site, so reminders will show inside the app. To allow them, change the notification setting in the site settings (the icon left of the address bar).'}
          {permission === 'unsupported' && 'This browser has no system notifications, so reminders will show inside the app.'}
        </p>
      )}
      {error && (
        <p role="alert" className="problem">
          {error}
        </p>
      )}
    </section>
  );
}
