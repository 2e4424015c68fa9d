import { describe, expect, it } from 'vitest';
import { axisWidth, BYTE_INCREMENTS, formatTick, unitsOf, valueRange } from './axis-format';

describe('axis formatting', () => {
  it('labels ticks with their unit', () => {
    expect(formatTick(40, 'percent')).toBe('40%');
    expect(formatTick(512 * 1024 ** 2, 'bytes')).toBe('512 MiB');
    expect(formatTick(1_500_000, 'bytes/s')).toBe('1.5 MB/s');
    // Load averages: fractional counts keep their decimals.
    expect([0, 0.25, 0.5].map((value) => formatTick(value, 'count'))).toEqual(['0', '0.25', '0.5']);
    expect(formatTick(2000, 'count')).toBe('2,000');
  });

  it('offers power-of-two byte increments so ticks land on round binary sizes', () => {
    expect(BYTE_INCREMENTS).toContain(256 * 1024 ** 2);
    expect(BYTE_INCREMENTS).toContain(1024 ** 3);
    expect([...BYTE_INCREMENTS].sort((a, b) => a - b)).toEqual(BYTE_INCREMENTS);
  });

  it('sizes an axis to its longest label', () => {
    expect(axisWidth(['1 GiB', '512 MiB'])).toBeGreaterThan(axisWidth(['1%']));
    expect(axisWidth([])).toBe(40);
  });

  it('lists each unit once in order of appearance', () => {
    expect(unitsOf([{ unit: 'bytes/s' }, { unit: 'percent' }, { unit: 'bytes/s' }])).toEqual([
      'bytes/s',
      'percent',
    ]);
  });

  it('starts value axes at zero with headroom above the maximum', () => {
    expect(valueRange(5, 50, 'percent')).toEqual([0, 54]);
    expect(valueRange(-10, 10, 'count')).toEqual([-10, 11.6]);
    expect(valueRange(null, null, 'percent')).toEqual([0, 108]);
    expect(valueRange(0, 0, 'bytes')).toEqual([0, 1105.92]);
    expect(valueRange(0, 3, 'bytes/s')).toEqual([0, 1105.92]);
    expect(valueRange(0, 0.4, 'count')[1]).toBeCloseTo(0.432);
  });
});
