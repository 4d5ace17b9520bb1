import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * The app's links: Next.js's Link without prefetching. Prefetching every link in view costs
 * the phone's main thread at load (page data parsed, code fetched) for pages that are, once the
 * app is installed, served from the device anyway. A click still navigates within the app.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
