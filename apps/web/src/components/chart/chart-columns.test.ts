import { describe, expect, it } from 'vitest';
import { appendColumns, type Columns, MAX_POINTS, visibleWindow } from './chart-columns';

function columns(t: number[], ...values: (number | null)[][]): Columns {
  return { t: [...t], values: values.map((column) => [...column]) };
}

describe('appendColumns', () => {
  it('appends new points to every series', () => {
    const data = columns([1000, 2000], [1, 2], [10, 20]);
    expect(
      appendColumns(
        data,
        {
          t: [3000, 4000],
          values: [
            [3, 4],
            [30, null],
          ],
        },
        null,
      ),
    ).toBe(2);
    expect(data).toEqual({
      t: [1000, 2000, 3000, 4000],
      values: [
        [1, 2, 3, 4],
        [10, 20, 30, null],
      ],
    });
  });

  it('ignores points that are not newer than the last one (replays after reconnect)', () => {
    const data = columns([1000, 2000], [1, 2]);
    expect(appendColumns(data, { t: [2000, 1500, 2500], values: [[9, 9, 5]] }, null)).toBe(1);
    expect(data.t).toEqual([1000, 2000, 2500]);
    expect(data.values[0]).toEqual([1, 2, 5]);
  });

  it('drops points older than the window before the newest point', () => {
    const data = columns([0, 1000, 2000, 3000], [0, 1, 2, 3]);
    appendColumns(data, { t: [4000], values: [[4]] }, 2000);
    expect(data.t).toEqual([2000, 3000, 4000]);
    expect(data.values[0]).toEqual([2, 3, 4]);
  });

  it('fills missing values of a short series with null', () => {
    const data = columns([1], [1], [1]);
    appendColumns(data, { t: [2], values: [[2]] }, null);
    expect(data.values[1]).toEqual([1, null]);
  });

  it('bounds memory at MAX_POINTS', () => {
    const t = Array.from({ length: MAX_POINTS }, (_, i) => i);
    const data = columns(t, t);
    appendColumns(data, { t: [MAX_POINTS, MAX_POINTS + 1], values: [[1, 2]] }, null);
    expect(data.t.length).toBe(MAX_POINTS);
    expect(data.t[0]).toBe(2);
  });
});

describe('visibleWindow', () => {
  it('ends at the newest point and spans the range', () => {
    expect(visibleWindow([1000, 5000, 9000], 4000)).toEqual({ min: 5000, max: 9000 });
  });
  it('spans the data without a range, and is null without data', () => {
    expect(visibleWindow([1000, 9000], null)).toEqual({ min: 1000, max: 9000 });
    expect(visibleWindow([], 1000)).toBeNull();
  });
});
