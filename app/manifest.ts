import type { MetadataRoute } from 'next';
import icons from '@/lib/pwa/icons.json';

// The web app manifest (/manifest.webmanifest): what a phone or desktop needs to install the
// app and open it in its own window. Icons are drawn at build time from app/icon.svg
// (scripts/build-icons.mjs).
export const dynamic = 'force-static';

export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Posture tracker',
    short_name: 'Posture',
    description: 'Measure head-forward and upper-back posture with your camera, count holds and reps, and track progress. Video stays on your device.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    background_color: '#f8fafc',
    theme_color: '#0f172a',
    categories: ['health', 'fitness', 'medical'],
    icons: icons
      .filter((i) => i.purpose !== 'apple')
      .map((i) => ({ src: `/icons/${i.file}`, sizes: `${i.size}x${i.size}`, type: 'image/png', purpose: i.purpose as 'any' | 'maskable' })),
  };
}
