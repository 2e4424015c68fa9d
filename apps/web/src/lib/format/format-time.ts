import { MISSING } from './format-number';

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withSeconds}`;
  let cached = partsCache.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
    partsCache.set(key, cached);
  }
  return cached;
}

/** A valid IANA zone, else UTC (a bad cookie must not break rendering). */
export function safeTimeZone(timeZone: string | undefined | null): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

type Fields = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

function fields(value: Date, timeZone: string, withSeconds: boolean): Fields {
  const out: Fields = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of formatter(timeZone, withSeconds).formatToParts(value)) {
    if (part.type in out) out[part.type as keyof Fields] = part.value;
  }
  return out;
}

function toDate(value: Date | number | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2025-11-23 09:32:05` in the given zone: sortable, unambiguous, locale-neutral. */
export function formatDateTime(value: Date | number | string | null | undefined, timeZone: string): string {
  const date = toDate(value);
  if (!date) return MISSING;
  const f = fields(date, timeZone, true);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}

/** `09:32:05` (log lines, tooltips within a day). */
export function formatClock(value: Date | number | string | null | undefined, timeZone: string): string {
  const date = toDate(value);
  if (!date) return MISSING;
  const f = fields(date, timeZone, true);
  return `${f.hour}:${f.minute}:${f.second}`;
}

/** ISO-8601 in UTC with `Z`, as the API stores it: the tooltip of every shown time. */
export function formatIso(value: Date | number | string | null | undefined): string {
  const date = toDate(value);
  return date ? date.toISOString() : '';
}

const UNITS: readonly [number, string][] = [
  [24 * 3_600_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/** Durations in the largest unit and the next one: `3 d 4 h`, `5 min 12 s`, `2 h`, `850 ms`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  let rest = abs;
  const counts = UNITS.map(([size, label]) => {
    const count = Math.floor(rest / size);
    rest -= count * size;
    return { count, label };
  });
  const first = counts.findIndex((entry) => entry.count > 0);
  return counts
    .slice(first, first + 2)
    .filter((entry) => entry.count > 0)
    .map((entry) => `${entry.count} ${entry.label}`)
    .join(' ');
}

/** `just now`, `5 min ago`, `in 2 h`: for "last seen" and event lists. */
export function formatRelative(value: Date | number | string | null | undefined, now: number): string {
  const date = toDate(value);
  if (!date) return MISSING;
  const delta = now - date.getTime();
  if (Math.abs(delta) < 10_000) return 'just now';
  const text = formatDuration(Math.abs(delta)).split(' ').slice(0, 2).join(' ');
  return delta > 0 ? `${text} ago` : `in ${text}`;
}
