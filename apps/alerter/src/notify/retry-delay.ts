/** Exponential backoff for a delivery's next attempt: 5 s doubling, capped, with jitter. */
export const RETRY_BASE_MS = 5_000;
export const RETRY_CAP_MS = 15 * 60_000;

/**
 * The delay before attempt `attempts + 1`: the receiver's Retry-After when it gave one (capped
 * like our own), else 5 s · 2^(attempts−1) with ±20 % jitter so receivers coming back are not
 * hit by every queued delivery at once.
 */
export function retryDelayMs(attempts: number, retryAfterMs: number | null, random = Math.random): number {
  if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, 0), RETRY_CAP_MS);
  const base = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_CAP_MS);
  return Math.round(Math.min(RETRY_CAP_MS, base * (0.8 + 0.4 * random())));
}
