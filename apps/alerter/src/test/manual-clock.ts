import type { Clock } from '../clock.js';

/** A clock tests move by hand: `for`, keep-firing, group timing and retries without sleeping. */
export function manualClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(at: Date) {
      now = at.getTime();
    },
  } satisfies Clock & Record<string, unknown>;
}
export type ManualClock = ReturnType<typeof manualClock>;
