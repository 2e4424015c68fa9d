import { formatBytes } from '@/lib/format/format-number';

type Values = readonly (number | null)[];

/**
 * A limit line is drawn only while it is at most this many times the highest usage: further
 * up, scaling the axis to it would flatten usage into the baseline (776 KiB under 23.5 GiB).
 */
export const LIMIT_LINE_MAX_RATIO = 4;

/** How a container's memory limit shows on its chart: as a line, or named in the caption. */
export type MemoryLimitDisplay = { line: boolean; caption: string | null };

function maxOf(values: Values): number | null {
  let max: number | null = null;
  for (const value of values) if (value !== null && (max === null || value > max)) max = value;
  return max;
}

function lastOf(values: Values): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/**
 * Whether the limit is drawn (so the axis, which spans every drawn series, includes it) or only
 * stated as "limit 23.5 GiB" (so the axis follows usage). No limit reported: neither.
 */
export function memoryLimitDisplay(used: Values, limit: Values): MemoryLimitDisplay {
  const highestLimit = maxOf(limit);
  if (highestLimit === null || highestLimit <= 0) return { line: false, caption: null };
  const highestUsed = maxOf(used) ?? 0;
  if (highestUsed > 0 && highestLimit <= highestUsed * LIMIT_LINE_MAX_RATIO)
    return { line: true, caption: null };
  const current = lastOf(limit);
  return {
    line: false,
    caption: `limit ${formatBytes(current !== null && current > 0 ? current : highestLimit)}`,
  };
}
