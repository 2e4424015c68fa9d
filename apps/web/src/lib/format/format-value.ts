import type { Unit } from '@/lib/chart-data';
import {
  formatBytes,
  formatBytesPerSecond,
  formatCount,
  formatPercent,
  formatPerSecond,
  formatSignificant,
} from './format-number';

/** One value in its unit (tooltips, legends, tables). */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  switch (unit) {
    case 'percent':
      return formatPercent(value);
    case 'bytes':
      return formatBytes(value);
    case 'bytes/s':
      return formatBytesPerSecond(value);
    case 'count/s':
      return formatPerSecond(value);
    case 'ms':
      // Check latencies: whole milliseconds read best ("42 ms"), as the checks table shows them.
      return value === null || value === undefined ? '—' : `${formatCount(Math.round(value))} ms`;
    case 'count':
      // Load averages are counts too: 0.35 must not read 0.
      return value !== null && value !== undefined && !Number.isInteger(value)
        ? formatSignificant(value)
        : formatCount(value);
  }
}

/** Human name of a unit, for axis titles and legends. */
export const UNIT_LABELS: Record<Unit, string> = {
  percent: '%',
  bytes: 'bytes',
  'bytes/s': 'bytes/s',
  count: 'count',
  'count/s': 'per second',
  ms: 'ms',
};
