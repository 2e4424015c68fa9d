'use client';

import { useCallback, useEffect, useState } from 'react';
import { countAlerts } from '@/lib/api/alerts';
import { browserApi } from '@/lib/api/browser-api';
import { useLiveEvents } from '@/lib/api/live-stream';
import styles from './alerts.module.css';

/**
 * The firing count beside "Alerts" in the navigation: read once, then again whenever an alert
 * changes (or the stream says it lost events). Nothing shows while nothing fires.
 */
export function AlertsBell() {
  const [firing, setFiring] = useState<number | null>(null);
  const [critical, setCritical] = useState(false);
  const load = useCallback(() => {
    countAlerts(browserApi)
      .then((counts) => {
        setFiring(counts.firing);
        setCritical(counts.bySeverity.critical > 0);
      })
      // The bell is a hint: a failed read leaves the last count (the alerts page says more).
      .catch(() => undefined);
  }, []);
  useEffect(load, [load]);
  useLiveEvents((event) => {
    if (event.type === 'alert.changed' || event.type === 'reset') load();
  });
  if (!firing) return null;
  return (
    <span
      className={critical ? `${styles.bell} ${styles.bellCritical}` : styles.bell}
      role="status"
      aria-label={`${firing} firing`}
      data-testid="alerts-bell"
    >
      {firing > 99 ? '99+' : firing}
    </span>
  );
}
