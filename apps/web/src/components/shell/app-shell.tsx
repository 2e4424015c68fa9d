'use client';

import { Menu as MenuIcon, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import { AlertsBell } from '@/components/alerts/alerts-bell';
import { Button } from '@/components/ui/button';
import type { Membership } from '@/lib/api/identity';
import { BerthLogo } from './berth-logo';
import { isActive, NAV_ITEMS } from './nav-items';
import { OrgSwitcher } from './org-switcher';
import styles from './shell.module.css';
import { UserMenu } from './user-menu';

export type ShellUser = { name: string | null; email: string | null };

type AppShellProps = {
  user: ShellUser;
  memberships: Membership[];
  currentOrgId: string | null;
  children: ReactNode;
};

/** Sidebar (a drawer below 860 px), org switcher, user menu and the page. */
export function AppShell({ user, memberships, currentOrgId, children }: AppShellProps) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);

  // Navigating closes the drawer; Escape closes it too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on route change by design
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className={styles.shell}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={styles.topbar}>
        <Button
          variant="ghost"
          iconOnly
          aria-label={open ? 'Close navigation' : 'Open navigation'}
          aria-expanded={open}
          aria-controls="sidebar"
          onClick={() => setOpen((value) => !value)}
        >
          {open ? <X size={18} aria-hidden /> : <MenuIcon size={18} aria-hidden />}
        </Button>
        <Link href="/fleet" className={styles.brand}>
          <BerthLogo />
          Berth
        </Link>
      </header>
      {open ? (
        <button
          type="button"
          className={styles.backdrop}
          aria-label="Close navigation"
          onClick={() => setOpen(false)}
          tabIndex={-1}
        />
      ) : null}
      <aside id="sidebar" className={[styles.sidebar, open && styles.sidebarOpen].filter(Boolean).join(' ')}>
        <Link href="/fleet" className={styles.brand}>
          <BerthLogo />
          Berth
        </Link>
        <OrgSwitcher memberships={memberships} currentOrgId={currentOrgId} />
        <nav className={styles.nav} aria-label="Main">
          <ul>
            {NAV_ITEMS.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className={styles.navLink}
                  aria-current={isActive(item, pathname) ? 'page' : undefined}
                >
                  <item.icon size={17} aria-hidden />
                  {item.label}
                  {item.href === '/alerts' ? <AlertsBell /> : null}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.spacer} />
        <UserMenu user={user} />
      </aside>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
