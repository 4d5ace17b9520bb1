import Link from '@/components/nav/app-link';

export const metadata = { title: 'Offline · Posture tracker' };

// Shown for a page that was not kept for offline use while there is no network.
export default function OfflinePage() {
  return (
    <section aria-labelledby="offline-title">
      <h1 id="offline-title">No network</h1>
      <p>This page is not kept on this device. Today, the snapshot, sessions and your trends work without a network once the app has been made available offline (Settings).</p>
      <p>
        <Link className="button primary" href="/">
          Go to Today
        </Link>
      </p>
    </section>
  );
}
