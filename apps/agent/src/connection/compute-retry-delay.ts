import { type Backoff, computeBackoffDelay } from '../shared/compute-backoff-delay.js';

/** How the next reconnect is delayed, decided from the close that ended the last connection. */
export type RetryPolicy = 'normal' | 'rate_limited' | 'restart';

export type RetryTiming = {
  backoff: Backoff;
  /** 4008: the gateway asked us to slow down, so the wait starts here rather than at `baseMs`. */
  rateLimitedMinMs: number;
  /** 1012: the gateway is redeploying; reconnect within this window, spread out by jitter. */
  restartJitterMs: number;
};

export function computeRetryDelay(
  policy: RetryPolicy,
  attempt: number,
  timing: RetryTiming,
  random: () => number,
): number {
  if (policy === 'restart') return Math.round(random() * timing.restartJitterMs);
  const delay = computeBackoffDelay(attempt, timing.backoff, random);
  if (policy === 'normal') return delay;
  return Math.min(timing.backoff.capMs * 2, timing.rateLimitedMinMs + delay);
}
