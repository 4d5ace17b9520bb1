'use client';

import Link from '@/components/nav/app-link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

const LINKS = [
  { href: '/', label: 'Today' },
  { href: '/routine', label: 'Routine' },
  { href: '/session', label: 'Exercise' },
  { href: '/snapshot', label: 'Posture snapshot' },
  { href: '/range', label: 'Range check' },
  { href: '/setup', label: 'Check my setup' },
  { href: '/live', label: 'Live view' },
  { href: '/trends', label: 'Trends' },
  { href: '/data', label: 'Your data' },
  { href: '/settings', label: 'Settings' },
] as const;

/** The site's navigation: a row of links on wide screens, a Menu button that opens them on a phone. */
export function SiteNav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // A link followed closes the menu.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <nav aria-label="Main" className="site-nav" data-open={open}>
      <button type="button" className="menu-button" aria-expanded={open} aria-controls="main-links" onClick={() => setOpen(!open)}>
        <span aria-hidden="true">☰</span> Menu
      </button>
      <ul id="main-links">
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={pathname === l.href ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
