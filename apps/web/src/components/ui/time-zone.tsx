'use client';

import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

const TimeZoneContext = createContext('UTC');

/**
 * The user's time zone. The server renders with the zone from the `berth-tz` cookie (set by
 * the head script); on a first visit without it, the browser's zone takes over after mount.
 */
export function TimeZoneProvider({ initial, children }: { initial: string; children: ReactNode }) {
  const [timeZone, setTimeZone] = useState(initial);
  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browser && browser !== timeZone) setTimeZone(browser);
  }, [timeZone]);
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}
