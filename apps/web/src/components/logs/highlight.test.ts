import { describe, expect, it } from 'vitest';
import { findMatches, markSegments } from './highlight';

describe('findMatches', () => {
  it('finds every non-overlapping occurrence', () => {
    expect(findMatches('aaaa', 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(findMatches('error: disk error', 'error')).toHaveLength(2);
    expect(findMatches('abc', '')).toEqual([]);
  });
});

describe('markSegments', () => {
  it('marks a match that spans two differently coloured segments', () => {
    const red = { fg: { palette: 1 } };
    const pieces = markSegments(
      [
        { text: 'disk err', style: red },
        { text: 'or here', style: {} },
      ],
      [{ start: 5, end: 10 }],
    );
    expect(pieces).toEqual([
      { text: 'disk ', style: red, match: false },
      { text: 'err', style: red, match: true },
      { text: 'or', style: {}, match: true },
      { text: ' here', style: {}, match: false },
    ]);
  });

  it('returns the segments unmarked without matches', () => {
    expect(markSegments([{ text: 'x', style: {} }], [])).toEqual([{ text: 'x', style: {}, match: false }]);
  });
});
