'use client';

import { useThemePreference } from '@/lib/theme/use-theme';

/** Follows the system's light/dark switch on every page while the preference is "system". */
export function SystemThemeSync() {
  useThemePreference();
  return null;
}
