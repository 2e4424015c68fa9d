import { type Backoff, DEFAULT_BACKOFF } from '../shared/compute-backoff-delay.js';

export type ConnectionTiming = {
  connectTimeoutMs: number;
  welcomeTimeoutMs: number;
  /** Unset: use `welcome.intervals.pingMs`. */
  pingIntervalMs: number | undefined;
  maxMissedPongs: number;
  /** A connection that streamed this long resets the backoff. */
  stableAfterMs: number;
  backoff: Backoff;
  rateLimitedMinMs: number;
  restartJitterMs: number;
  /** 4000 closes on the same batch before it is moved to `rejected/` (K). */
  badFrameThreshold: number;
  shutdownAckWaitMs: number;
  closeTimeoutMs: number;
};

export const DEFAULT_CONNECTION_TIMING: ConnectionTiming = {
  connectTimeoutMs: 15_000,
  welcomeTimeoutMs: 10_000,
  pingIntervalMs: undefined,
  maxMissedPongs: 3,
  stableAfterMs: 30_000,
  backoff: DEFAULT_BACKOFF,
  rateLimitedMinMs: 10_000,
  restartJitterMs: 2_000,
  badFrameThreshold: 3,
  shutdownAckWaitMs: 5_000,
  closeTimeoutMs: 2_000,
};

export function resolveTiming(overrides: Partial<ConnectionTiming> = {}): ConnectionTiming {
  return { ...DEFAULT_CONNECTION_TIMING, ...overrides };
}
