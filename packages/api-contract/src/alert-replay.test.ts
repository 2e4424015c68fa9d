import { describe, expect, it } from 'vitest';
import { replayAlert, stepsFromReadings, stepsFromWindowedCounts } from './alert-replay.js';

const S = 1000;
const window = { from: 0, to: 1000 * S };
/** Readings every 10 s from 0: `hot` lists the seconds at which the condition holds. */
function readings(until: number, hot: (t: number) => boolean) {
  const out: { at: number; holds: boolean }[] = [];
  for (let t = 0; t < until; t += 10) out.push({ at: t * S, holds: hot(t) });
  return stepsFromReadings(out, 30 * S);
}

describe('replaying an alert over a condition history', () => {
  it('fires at once without `for`, and resolves at the first calm reading without keep-firing', () => {
    const steps = readings(300, (t) => t >= 100 && t < 150);
    expect(replayAlert(steps, { forS: 0, keepFiringForS: 0 }, window)).toEqual([
      { firedAt: 100 * S, resolvedAt: 150 * S },
    ]);
  });

  it('fires once the condition held for `for`; a shorter run resolves pending and tells nobody', () => {
    const steps = readings(400, (t) => (t >= 50 && t < 70) || (t >= 200 && t < 300));
    expect(replayAlert(steps, { forS: 60, keepFiringForS: 0 }, window)).toEqual([
      { firedAt: 260 * S, resolvedAt: 300 * S },
    ]);
  });

  it('a run exactly as long as `for` does not fire: the calm reading at its end is evaluated instead', () => {
    const steps = readings(200, (t) => t >= 100 && t < 160);
    expect(replayAlert(steps, { forS: 60, keepFiringForS: 0 }, window)).toEqual([]);
  });

  it('keeps firing across a calm gap shorter than keep-firing, and resolves keep-firing after the last hold', () => {
    const steps = readings(500, (t) => (t >= 100 && t < 150) || (t >= 180 && t < 200));
    expect(replayAlert(steps, { forS: 0, keepFiringForS: 60 }, window)).toEqual([
      { firedAt: 100 * S, resolvedAt: 260 * S },
    ]);
  });

  it('no data (readings stopped) is not a breach: the alert resolves once the last reading is stale', () => {
    const steps = stepsFromReadings([{ at: 100 * S, holds: true }], 30 * S);
    expect(replayAlert(steps, { forS: 0, keepFiringForS: 0 }, window)).toEqual([
      { firedAt: 100 * S, resolvedAt: 130 * S },
    ]);
  });

  it('a firing still open at the end has no resolution; a condition holding as the window opens starts then', () => {
    const steps = readings(1000, (t) => t < 50 || t >= 900);
    expect(replayAlert(steps, { forS: 0, keepFiringForS: 0 }, { from: 10 * S, to: 1000 * S })).toEqual([
      { firedAt: 10 * S, resolvedAt: 50 * S },
      { firedAt: 900 * S, resolvedAt: null },
    ]);
  });

  it('counts events in a trailing window: an event leaves it exactly one window later', () => {
    const steps = stepsFromWindowedCounts(
      [
        { at: 100 * S, count: 1 },
        { at: 150 * S, count: 2 },
      ],
      60 * S,
      (n) => n >= 3,
    );
    expect(steps).toEqual([
      { at: 100 * S, holds: false },
      { at: 150 * S, holds: true },
      { at: 160 * S, holds: false },
      { at: 210 * S, holds: false },
    ]);
    expect(replayAlert(steps, { forS: 0, keepFiringForS: 0 }, window)).toEqual([
      { firedAt: 150 * S, resolvedAt: 160 * S },
    ]);
  });
});
