'use client';

import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { THEME_STORAGE_KEY } from './theme-script';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function readPreference(): ThemePreference {
  const stored = localStorage.getItem(THEME_STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

function resolve(preference: ThemePreference): ResolvedTheme {
  if (preference !== 'system') return preference;
  return matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function apply(theme: ResolvedTheme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

/** The theme actually shown, as set on <html data-theme>; re-renders when it changes. */
export function useResolvedTheme(): ResolvedTheme {
  return useSyncExternalStore(subscribeToThemeAttribute, readThemeAttribute, () => 'light');
}

function subscribeToThemeAttribute(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

function readThemeAttribute(): ResolvedTheme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

const preferenceListeners = new Set<() => void>();

/** The stored preference and a setter; follows the system while the preference is `system`. */
export function useThemePreference(): [ThemePreference, (next: ThemePreference) => void] {
  const preference = useSyncExternalStore(
    (onChange) => {
      preferenceListeners.add(onChange);
      return () => preferenceListeners.delete(onChange);
    },
    readPreference,
    () => 'system' as const,
  );
  useEffect(() => {
    if (preference !== 'system') return;
    const query = matchMedia(DARK_QUERY);
    const follow = () => apply(resolve('system'));
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [preference]);
  const setPreference = useCallback((next: ThemePreference) => {
    if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, next);
    apply(resolve(next));
    for (const listener of preferenceListeners) listener();
  }, []);
  return [preference, setPreference];
}
