/** Units the console knows how to format (axes, tooltips, tables). */
export type Unit = 'percent' | 'bytes' | 'bytes/s' | 'count' | 'count/s' | 'ms';

export type SeriesColumn = { name: string; values: (number | null)[]; unit: Unit };

/** Columnar time series: `t` in epoch milliseconds, every series as long as `t`. */
export type ChartData = { t: number[]; series: SeriesColumn[] };

export const TIME_RANGES = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const TIME_RANGE_MS: Record<TimeRange, number> = {
  '15m': 15 * MINUTE,
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

export const TIME_RANGE_LABELS: Record<TimeRange, string> = {
  '15m': '15 min',
  '1h': '1 h',
  '6h': '6 h',
  '24h': '24 h',
  '7d': '7 d',
  '30d': '30 d',
};

export function isTimeRange(value: unknown): value is TimeRange {
  return typeof value === 'string' && (TIME_RANGES as readonly string[]).includes(value);
}
