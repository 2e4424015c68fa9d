'use client';

import { formatClock, formatDateTime, formatIso, formatRelative } from '@/lib/format/format-time';
import { useTimeZone } from './time-zone';
import styles from './ui.module.css';

type TimeProps = {
  value: Date | number | string | null | undefined;
  /** `datetime` (default) `2025-11-23 09:32:05`, `clock` `09:32:05`, `relative` `5 min ago`. */
  format?: 'datetime' | 'clock' | 'relative';
};

/** A time in the user's zone, with the exact UTC instant (ISO-8601) as its tooltip. */
export function Time({ value, format = 'datetime' }: TimeProps) {
  const timeZone = useTimeZone();
  const iso = formatIso(value);
  const text =
    format === 'clock'
      ? formatClock(value, timeZone)
      : format === 'relative'
        ? formatRelative(value, Date.now())
        : formatDateTime(value, timeZone);
  if (!iso) return <span>{text}</span>;
  return (
    <time className={styles.time} dateTime={iso} title={`${iso} (${timeZone})`} suppressHydrationWarning>
      {text}
    </time>
  );
}
