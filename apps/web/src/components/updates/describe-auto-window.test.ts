import { describe, expect, it } from 'vitest';
import { describeWindow, rolloutProgress, shortDigest, windowState } from './describe-auto-window';

const SUNDAY_NIGHT = {
  enabled: true,
  timeZone: 'Europe/Berlin',
  weekdays: [0],
  startMinute: 120,
  durationMinutes: 120,
};

describe('the automatic-update window in words', () => {
  it('names the days, the times and the zone', () => {
    expect(describeWindow(SUNDAY_NIGHT)).toBe('Sundays 02:00–04:00 Europe/Berlin');
    expect(describeWindow({ ...SUNDAY_NIGHT, weekdays: [6, 0, 3] })).toBe(
      'Sundays, Wednesdays and Saturdays 02:00–04:00 Europe/Berlin',
    );
    expect(
      describeWindow({
        ...SUNDAY_NIGHT,
        weekdays: [0, 1, 2, 3, 4, 5, 6],
        startMinute: 1380,
        timeZone: 'UTC',
      }),
    ).toBe('Every day 23:00–01:00 (next day) UTC');
    expect(describeWindow({ ...SUNDAY_NIGHT, durationMinutes: 1560 })).toBe(
      'Sundays from 02:00 for 1 d 2 h Europe/Berlin',
    );
  });

  it('says whether it is open and when it next opens or closes, on the zone’s wall clock', () => {
    // Sunday 2026-12-06 02:30 in Berlin (UTC+1) = 01:30Z.
    expect(windowState(SUNDAY_NIGHT, new Date('2026-12-06T01:30:00Z'))).toBe(
      'open now, closes in 1 h 30 min',
    );
    // Saturday 23:00 Berlin: opens in 3 h.
    expect(windowState(SUNDAY_NIGHT, new Date('2026-12-05T22:00:00Z'))).toBe('next opens in 3 h');
    // Sunday 04:00 Berlin: just closed, a week less nothing.
    expect(windowState(SUNDAY_NIGHT, new Date('2026-12-06T03:00:00Z'))).toBe('next opens in 6 d 22 h');
    expect(windowState({ ...SUNDAY_NIGHT, enabled: false }, new Date())).toBe('automatic updates are off');
  });

  it('counts a rollout’s containers done against its total', () => {
    const base = { currentActionId: null, dispatched: ['h1/web', 'h2/web'], remaining: 1 };
    expect(rolloutProgress({ ...base, status: 'running', currentActionId: 'a' })).toEqual({
      done: 1,
      total: 3,
    });
    expect(rolloutProgress({ ...base, status: 'failed', remaining: 0 })).toEqual({ done: 1, total: 2 });
    expect(rolloutProgress({ ...base, status: 'succeeded', remaining: 0 })).toEqual({ done: 2, total: 2 });
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('abababababab');
  });
});
