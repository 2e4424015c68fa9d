import { describe, expect, it } from 'vitest';
import { chooseResolution, MAX_POINTS, planSeriesWindow } from './plan-series-window.js';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 10) + ms);

describe('planSeriesWindow', () => {
  it('chooses raw up to 6 h, 1-minute rollups up to 3 days and 1-hour rollups beyond', () => {
    expect(chooseResolution(6 * HOUR)).toBe('raw');
    expect(chooseResolution(6 * HOUR + 1)).toBe('1m');
    expect(chooseResolution(72 * HOUR)).toBe('1m');
    expect(chooseResolution(72 * HOUR + 1)).toBe('1h');
  });

  it('keeps every range within MAX_POINTS bins aligned to the epoch', () => {
    for (const span of [HOUR, 6 * HOUR, 24 * HOUR, 72 * HOUR, 30 * 24 * HOUR, 400 * 24 * HOUR]) {
      const window = planSeriesWindow({ from: at(-span + 12_345), to: at(12_345) });
      const bins = Math.ceil((window.to.getTime() - window.from.getTime()) / (window.binSeconds * 1000));
      expect(bins, `span ${span}`).toBeLessThanOrEqual(MAX_POINTS);
      expect(window.from.getTime() % (window.binSeconds * 1000)).toBe(0);
    }
  });

  it('uses whole multiples of the resolution step and honours a coarser step', () => {
    expect(planSeriesWindow({ from: at(-24 * HOUR), to: at(0) }).binSeconds).toBe(60);
    expect(planSeriesWindow({ from: at(-30 * 24 * HOUR), to: at(0) }).binSeconds).toBe(3600);
    expect(planSeriesWindow({ from: at(-24 * HOUR), to: at(0), stepSeconds: 90 }).binSeconds).toBe(120);
    expect(planSeriesWindow({ from: at(-HOUR), to: at(0), stepSeconds: 10 }).binSeconds).toBe(10);
    expect(planSeriesWindow({ from: at(-HOUR), to: at(0) }).binSeconds).toBe(2);
    expect(planSeriesWindow({ from: at(-6 * HOUR), to: at(0) }).binSeconds).toBe(15);
    expect(planSeriesWindow({ from: at(-400 * 24 * HOUR), to: at(0) }).binSeconds).toBe(21600);
    expect(planSeriesWindow({ from: at(-2 * HOUR), to: at(0), stepSeconds: 3 * 86_400 }).binSeconds).toBe(
      259_200,
    );
  });

  it('refuses an explicit resolution beyond its retention, naming the field', () => {
    expect(() => planSeriesWindow({ from: at(-8 * 24 * HOUR), to: at(0), resolution: 'raw' })).toThrow(
      expect.objectContaining({
        code: 'bad_request',
        details: { issues: [expect.objectContaining({ field: 'resolution' })] },
      }),
    );
    expect(planSeriesWindow({ from: at(-2 * HOUR), to: at(0), resolution: '1h' }).resolution).toBe('1h');
  });
});
