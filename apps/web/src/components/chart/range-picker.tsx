'use client';

import { useId } from 'react';
import { TIME_RANGE_LABELS, TIME_RANGES, type TimeRange } from '@/lib/chart-data';
import styles from './chart.module.css';

type RangePickerProps = { value: TimeRange; onChange: (range: TimeRange) => void; label?: string };

/**
 * The time range of a page's charts: native radio buttons styled as a segmented control,
 * so it is one Tab stop and the arrow keys move the selection, as people expect.
 */
export function RangePicker({ value, onChange, label = 'Time range' }: RangePickerProps) {
  const name = useId();
  return (
    <fieldset className={styles.rangePicker}>
      <legend className="visually-hidden">{label}</legend>
      {TIME_RANGES.map((range) => (
        <label key={range} className={styles.rangeOption} data-checked={range === value || undefined}>
          <input
            className="visually-hidden"
            type="radio"
            name={name}
            value={range}
            checked={range === value}
            onChange={() => onChange(range)}
          />
          {TIME_RANGE_LABELS[range]}
        </label>
      ))}
    </fieldset>
  );
}
