'use client';

import { useState } from 'react';
import type { RangeChoice } from '@/lib/api/history-filters';
import styles from './history.module.css';

const CHOICES: readonly { value: RangeChoice; label: string }[] = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'all', label: 'All time' },
  { value: 'custom', label: 'Custom…' },
];

/** A range preset; "Custom…" reveals From/To in the user's own zone. */
export function TimeRangeFields({
  range,
  from,
  to,
  allowAll,
  invalid,
}: {
  range: string;
  from: string;
  to: string;
  /** Whether "All time" is offered (the audit log; events are capped by the API). */
  allowAll: boolean;
  invalid: Record<string, string>;
}) {
  const [choice, setChoice] = useState(range);
  return (
    <>
      <div className={styles.filter}>
        <label htmlFor="filter-range">Time</label>
        <select
          id="filter-range"
          name="range"
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
          className={styles.control}
        >
          {CHOICES.filter((option) => allowAll || option.value !== 'all').map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {choice === 'custom' ? (
        <>
          <div className={styles.filter}>
            <label htmlFor="filter-from">From</label>
            <input
              id="filter-from"
              type="datetime-local"
              name="from"
              defaultValue={from}
              className={styles.control}
              aria-invalid={invalid.from ? true : undefined}
            />
          </div>
          <div className={styles.filter}>
            <label htmlFor="filter-to">To</label>
            <input
              id="filter-to"
              type="datetime-local"
              name="to"
              defaultValue={to}
              className={styles.control}
              aria-invalid={invalid.to ? true : undefined}
            />
          </div>
        </>
      ) : null}
    </>
  );
}
