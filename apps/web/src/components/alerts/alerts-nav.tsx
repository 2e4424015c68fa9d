'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from '@/components/settings/settings.module.css';

export const ALERTS_SECTIONS = [
  { href: '/alerts', label: 'Alerts' },
  { href: '/alerts/rules', label: 'Rules' },
  { href: '/alerts/notifications', label: 'Notifications' },
  { href: '/alerts/silences', label: 'Silences' },
  { href: '/alerts/mute-windows', label: 'Mute windows' },
] as const;

function current(href: string, pathname: string): boolean {
  if (href === '/alerts')
    return (
      pathname === '/alerts' ||
      !ALERTS_SECTIONS.some((s) => s.href !== '/alerts' && pathname.startsWith(s.href))
    );
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The alerts section's parts as tabs (links: each has its own URL). */
export function AlertsNav() {
  const pathname = usePathname();
  return (
    <nav className={styles.tabs} aria-label="Alerts sections">
      <ul>
        {ALERTS_SECTIONS.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className={styles.tab}
              aria-current={current(section.href, pathname) ? 'page' : undefined}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
