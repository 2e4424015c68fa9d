import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline-path';

describe('sparklinePath', () => {
  it('draws a line across the width, scaled from zero for positive data', () => {
    const path = sparklinePath([0, 50, 100], 100, 20, 0);
    expect(path).toBe('M0 20L50 10L100 0');
  });

  it('breaks the line at nulls', () => {
    const path = sparklinePath([1, null, 1, 1], 30, 10, 0);
    expect(path.match(/M/g)?.length).toBe(2);
  });

  it('is empty without values', () => {
    expect(sparklinePath([], 80, 20)).toBe('');
    expect(sparklinePath([null, null], 80, 20)).toBe('');
  });

  it('keeps a single spike visible when reducing thousands of values to pixel columns', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i === 5_123 ? 100 : 1));
    const path = sparklinePath(values, 80, 20, 0);
    const ys = [...path.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((match) => Number(match[1]));
    expect(Math.min(...ys)).toBe(0);
    expect(ys.length).toBeLessThanOrEqual(160);
  });
});
