import { describe, expect, it } from 'vitest';
import { compareEventIds, isEventId } from './event-ids.js';

describe('event ids', () => {
  it('accepts canonical Redis stream ids only', () => {
    expect(['0-0', '1700000000000-0', '1-18446744073709551615'].every(isEventId)).toBe(true);
    const bad = ['', '1', '1-', '-1', '01-0', '1-01', '1-2-3', 'a-b', '1-18446744073709551616', ' 1-0'];
    expect(bad.filter(isEventId)).toEqual([]);
  });

  it('orders numerically by milliseconds, then sequence', () => {
    expect(compareEventIds('9-0', '10-0')).toBe(-1);
    expect(compareEventIds('10-2', '10-10')).toBe(-1);
    expect(compareEventIds('10-10', '10-2')).toBe(1);
    expect(compareEventIds('5-5', '5-5')).toBe(0);
    expect(() => compareEventIds('x', '1-0')).toThrow(TypeError);
  });
});
