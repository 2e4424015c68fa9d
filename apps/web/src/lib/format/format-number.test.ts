import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatBytesPerSecond,
  formatCount,
  formatPercent,
  formatPerSecond,
  formatSignificant,
  MISSING,
} from './format-number';
import { formatValue } from './format-value';

describe('formatSignificant', () => {
  it('keeps three significant digits and drops trailing zeros', () => {
    expect(formatSignificant(0.12345)).toBe('0.123');
    expect(formatSignificant(1.234)).toBe('1.23');
    expect(formatSignificant(12.34)).toBe('12.3');
    expect(formatSignificant(123.4)).toBe('123');
    expect(formatSignificant(1234.5)).toBe('1235');
    expect(formatSignificant(2)).toBe('2');
    expect(formatSignificant(0)).toBe('0');
  });
});

describe('formatPercent', () => {
  it('shows percentages with the % sign, including above 100 for multi-core containers', () => {
    expect(formatPercent(12.345)).toBe('12.3%');
    expect(formatPercent(250)).toBe('250%');
    expect(formatPercent(0)).toBe('0%');
  });
  it('shows tiny non-zero values as <0.01% rather than 0%', () => {
    expect(formatPercent(0.001)).toBe('<0.01%');
  });
  it('shows a dash for missing values', () => {
    expect(formatPercent(null)).toBe(MISSING);
    expect(formatPercent(undefined)).toBe(MISSING);
    expect(formatPercent(Number.NaN)).toBe(MISSING);
  });
});

describe('formatBytes', () => {
  it('uses binary units like docker stats', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3 TiB');
  });
  it('keeps the sign of negative deltas', () => {
    expect(formatBytes(-2048)).toBe('-2 KiB');
  });
});

describe('formatBytesPerSecond', () => {
  it('uses decimal units for throughput', () => {
    expect(formatBytesPerSecond(999)).toBe('999 B/s');
    expect(formatBytesPerSecond(1000)).toBe('1 kB/s');
    expect(formatBytesPerSecond(1_234_567)).toBe('1.23 MB/s');
    expect(formatBytesPerSecond(12_500_000_000)).toBe('12.5 GB/s');
  });
});

describe('formatCount and formatPerSecond', () => {
  it('groups thousands and rounds counts', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatPerSecond(3.456)).toBe('3.46/s');
  });
});

describe('formatValue', () => {
  it('formats by unit', () => {
    expect(formatValue(50, 'percent')).toBe('50%');
    expect(formatValue(2 * 1024 ** 2, 'bytes')).toBe('2 MiB');
    expect(formatValue(2_000_000, 'bytes/s')).toBe('2 MB/s');
    expect(formatValue(12, 'count')).toBe('12');
    expect(formatValue(null, 'bytes')).toBe(MISSING);
  });
});
