export type Backoff = { initialMs: number; maxMs: number };

/** Capped exponential backoff with jitter (50–100 % of the step), so many agents do not retry in step. */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const step = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(step * (0.5 + random() / 2));
}
