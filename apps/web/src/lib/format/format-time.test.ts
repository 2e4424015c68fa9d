import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDateTime,
  formatDuration,
  formatIso,
  formatRelative,
  safeTimeZone,
} from './format-time';

const instant = Date.UTC(2025, 10, 23, 9, 32, 5, 120);

describe('formatDateTime', () => {
  it('renders the instant in the given time zone', () => {
    expect(formatDateTime(instant, 'UTC')).toBe('2025-11-23 09:32:05');
    expect(formatDateTime(instant, 'Europe/Berlin')).toBe('2025-11-23 10:32:05');
    expect(formatDateTime(instant, 'America/New_York')).toBe('2025-11-23 04:32:05');
    expect(formatDateTime(instant, 'Asia/Kolkata')).toBe('2025-11-23 15:02:05');
  });
  it('accepts ISO strings and Dates, and shows a dash for invalid input', () => {
    expect(formatDateTime('2025-11-23T09:32:05Z', 'UTC')).toBe('2025-11-23 09:32:05');
    expect(formatDateTime(new Date(instant), 'UTC')).toBe('2025-11-23 09:32:05');
    expect(formatDateTime('not a date', 'UTC')).toBe('—');
  });
  it('shows midnight as 00, not 24', () => {
    expect(formatClock(Date.UTC(2025, 0, 1, 0, 0, 0), 'UTC')).toBe('00:00:00');
  });
});

describe('formatIso', () => {
  it('is UTC with Z, for tooltips', () => {
    expect(formatIso(instant)).toBe('2025-11-23T09:32:05.120Z');
  });
});

describe('safeTimeZone', () => {
  it('falls back to UTC for unknown or missing zones', () => {
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(safeTimeZone(undefined)).toBe('UTC');
    expect(safeTimeZone('Europe/Paris')).toBe('Europe/Paris');
  });
});

describe('formatDuration', () => {
  it('shows the largest unit and the next one', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_000)).toBe('12 s');
    expect(formatDuration(5 * 60_000 + 12_000)).toBe('5 min 12 s');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 59_000)).toBe('3 d 4 h');
  });
});

describe('formatRelative', () => {
  it('describes past and future instants relative to now', () => {
    const now = instant;
    expect(formatRelative(now - 3000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelative(now + 2 * 3_600_000, now)).toBe('in 2 h');
  });
});
