import type { Unit } from '@/lib/chart-data';
import { formatValue } from '@/lib/format/format-value';

const KIB = 1024;

/**
 * Tick increments for byte axes: powers of two in each binary unit, so ticks read
 * 256 MiB, 512 MiB, 1 GiB instead of 190.7 MiB, 381.5 MiB.
 */
export const BYTE_INCREMENTS: number[] = (() => {
  const steps: number[] = [];
  for (let power = 0; power <= 5; power++) {
    for (const factor of [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]) steps.push(factor * KIB ** power);
  }
  return steps;
})();

/** Tick labels of a value axis: the unit is part of every label ("512 MiB", "40%"). */
export function formatTick(value: number, unit: Unit): string {
  return formatValue(value, unit);
}

/** Width in CSS pixels a value axis needs for its longest label. */
export function axisWidth(labels: readonly string[]): number {
  const longest = labels.reduce((max, label) => Math.max(max, label.length), 0);
  return Math.max(40, Math.ceil(longest * 6.6) + 18);
}

/** Units of the series, in first-seen order: the first gets the left axis, the second the right. */
export function unitsOf(series: readonly { unit: Unit }[]): Unit[] {
  const units: Unit[] = [];
  for (const entry of series) if (!units.includes(entry.unit)) units.push(entry.unit);
  return units;
}

/** Value range of an axis: from 0 (or below, for negatives) to a little above the maximum. */
export function valueRange(min: number | null, max: number | null, unit: Unit): [number, number] {
  const low = Math.min(0, min ?? 0);
  let high = max ?? 0;
  if (unit === 'percent' && high <= 0) high = 100;
  // Below 1 KiB, byte ticks would be fractions of a byte ("0.2 B/s"): show 0 … 1 KiB instead.
  if ((unit === 'bytes' || unit === 'bytes/s') && high < KIB) high = KIB;
  if (high <= low) high = low + 1;
  return [low, high + (high - low) * 0.08];
}
