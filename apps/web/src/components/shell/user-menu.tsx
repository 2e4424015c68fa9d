'use client';

import { LogOut, Monitor, Moon, Settings, Sun } from 'lucide-react';
import Link from 'next/link';
import { signOutAction } from '@/app/(console)/sign-out-action';
import { Menu, menuStyles } from '@/components/ui/menu';
import { type ThemePreference, useThemePreference } from '@/lib/theme/use-theme';
import type { ShellUser } from './app-shell';
import styles from './shell.module.css';

const THEMES: { value: ThemePreference; label: string; icon: typeof Sun }[] = [
  { value: 'system', label: 'System', icon: Monitor },
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
];

export function UserMenu({ user }: { user: ShellUser }) {
  const [theme, setTheme] = useThemePreference();
  const display = user.name || user.email || 'Account';
  return (
    <Menu
      label="Account"
      up
      trigger={(props) => (
        <button type="button" className={styles.userButton} {...props}>
          <span className={styles.userAvatar} aria-hidden>
            {display.slice(0, 1).toUpperCase()}
          </span>
          <span className={styles.switcherText}>
            <span className={styles.switcherName}>{display}</span>
            {user.name && user.email ? <span className={styles.switcherMeta}>{user.email}</span> : null}
          </span>
          <span className="visually-hidden">Account menu</span>
        </button>
      )}
    >
      <div className={menuStyles.heading}>Theme</div>
      <fieldset className={styles.themeRow} aria-label="Theme">
        {THEMES.map((option) => (
          <button
            key={option.value}
            type="button"
            role="menuitemradio"
            aria-checked={theme === option.value}
            className={styles.themeOption}
            onClick={() => setTheme(option.value)}
          >
            <option.icon size={13} aria-hidden />
            {option.label}
          </button>
        ))}
      </fieldset>
      <hr className={menuStyles.separator} />
      <Link href="/settings" role="menuitem" className={menuStyles.item}>
        <Settings size={15} aria-hidden />
        Settings
      </Link>
      <form action={signOutAction}>
        <button type="submit" role="menuitem" className={menuStyles.item}>
          <LogOut size={15} aria-hidden />
          Sign out
        </button>
      </form>
    </Menu>
  );
}
