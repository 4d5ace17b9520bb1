import Link from 'next/link';

export default function HomePage() {
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Upper-back posture, measured at home</h1>
      <p className="lead">
        Stand side-on to your camera and see how your head and upper back line up. Everything runs in this browser:
        the video is never uploaded, and there is no account.
      </p>
      <p className="actions">
        <Link className="button primary" href="/snapshot">
          Take a posture snapshot
        </Link>{' '}
        <Link className="button" href="/live">
          Open the live view
        </Link>
      </p>
    </section>
  );
}
