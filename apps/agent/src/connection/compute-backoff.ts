export type BackoffPolicy = { baseMs: number; capMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/** How the next reconnect is delayed, decided from the close that ended the last connection. */
export type RetryPolicy = 'normal' | 'rate_limited' | 'restart';

export type RetryTiming = {
  backoff: BackoffPolicy;
  /** 4008: the gateway asked us to slow down, so the wait starts here rather than at `baseMs`. */
  rateLimitedMinMs: number;
  /** 1012: the gateway is redeploying; reconnect within this window, spread out by jitter. */
  restartJitterMs: number;
};

/**
 * Exponential backoff with "equal jitter": half of `base × 2^attempt` (capped) is fixed, half is
 * random. The delay still grows with every failure, and a fleet that lost its gateway at the
 * same moment does not come back at the same moment.
 */
export function computeBackoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

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
