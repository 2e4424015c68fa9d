'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './settings.module.css';

export const SETTINGS_SECTIONS = [
  { href: '/settings/members', label: 'Members' },
  { href: '/settings/invites', label: 'Invites' },
  { href: '/settings/teams', label: 'Teams' },
  { href: '/settings/api-tokens', label: 'API tokens' },
  { href: '/settings/enrolment-tokens', label: 'Enrolment tokens' },
  { href: '/settings/hosts', label: 'Hosts' },
  { href: '/settings/notifications', label: 'Notifications' },
  { href: '/settings/exec', label: 'Exec' },
  { href: '/settings/profile', label: 'Profile' },
] as const;

/** The sections as tabs (links, so each has its own URL and the back button works). */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav className={styles.tabs} aria-label="Settings sections">
      <ul>
        {SETTINGS_SECTIONS.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className={styles.tab}
              aria-current={
                pathname === section.href || pathname.startsWith(`${section.href}/`) ? 'page' : undefined
              }
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
