/** Shown wherever a value is missing (no sample, gap, unknown). */
export const MISSING = '—';

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/**
 * Three significant digits at most, never exponent notation: 0.123, 1.23, 12.3, 123, 1234.
 * Trailing zeros are dropped ("2", not "2.00").
 */
export function formatSignificant(value: number): string {
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return String(Number(value.toFixed(digits)));
}

/** Integers with thousands separators: 12,345. */
export function formatCount(value: number | null | undefined): string {
  if (isMissing(value)) return MISSING;
  return Math.round(value).toLocaleString('en-US');
}

/** CPU and other ratios already in percent: 12.3%, 0.05%, 250% (multi-core containers exceed 100). */
export function formatPercent(value: number | null | undefined): string {
  if (isMissing(value)) return MISSING;
  if (value !== 0 && Math.abs(value) < 0.01) return value > 0 ? '<0.01%' : '>-0.01%';
  return `${formatSignificant(value)}%`;
}

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;
const SI_RATE = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'] as const;

function scaled(value: number, base: number, units: readonly string[]): string {
  let magnitude = Math.abs(value);
  let index = 0;
  while (magnitude >= base && index < units.length - 1) {
    magnitude /= base;
    index += 1;
  }
  const shown = index === 0 ? String(Math.round(magnitude)) : formatSignificant(magnitude);
  return `${value < 0 ? '-' : ''}${shown} ${units[index]}`;
}

/** Memory and disk sizes in binary units, as `docker stats` shows them: 512 MiB, 1.5 GiB. */
export function formatBytes(value: number | null | undefined): string {
  if (isMissing(value)) return MISSING;
  return scaled(value, 1024, IEC);
}

/** Network and disk throughput in decimal units, as network tools show them: 1.2 MB/s. */
export function formatBytesPerSecond(value: number | null | undefined): string {
  if (isMissing(value)) return MISSING;
  return scaled(value, 1000, SI_RATE);
}

/** Event rates: 3.5/s. */
export function formatPerSecond(value: number | null | undefined): string {
  if (isMissing(value)) return MISSING;
  return `${formatSignificant(value)}/s`;
}
