/** Capped exponential backoff: `baseMs × 2^attempt`, never above `capMs`. */
export type Backoff = { baseMs: number; capMs: number };

/** Both retry loops of the agent (gateway reconnects, the Docker events stream) start here. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, capMs: 30_000 };

/**
 * The wait before retry `attempt` (0 for the first), with "equal jitter": half of the capped step
 * is fixed, half is random. The delay still grows with every failure, and a fleet that lost its
 * gateway (or engines restarted by one upgrade) at the same moment does not come back in step.
 */
export function computeBackoffDelay(
  attempt: number,
  backoff: Backoff,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
