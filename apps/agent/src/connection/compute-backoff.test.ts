import { describe, expect, it } from 'vitest';
import {
  computeBackoffDelay,
  computeRetryDelay,
  DEFAULT_BACKOFF,
  type RetryTiming,
} from './compute-backoff.js';

const timing: RetryTiming = { backoff: DEFAULT_BACKOFF, rateLimitedMinMs: 10_000, restartJitterMs: 2_000 };

describe('computeBackoffDelay', () => {
  it('doubles with each attempt, from half the base with no jitter to the full base with full jitter', () => {
    const low = [0, 1, 2, 3, 4].map((attempt) => computeBackoffDelay(attempt, DEFAULT_BACKOFF, () => 0));
    const high = [0, 1, 2, 3, 4].map((attempt) => computeBackoffDelay(attempt, DEFAULT_BACKOFF, () => 1));
    expect(low).toEqual([250, 500, 1_000, 2_000, 4_000]);
    expect(high).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
  });

  it('stays within [ceiling/2, ceiling] for any random value', () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const ceiling = Math.min(30_000, 500 * 2 ** attempt);
      for (const r of [0, 0.13, 0.5, 0.77, 0.999]) {
        const delay = computeBackoffDelay(attempt, DEFAULT_BACKOFF, () => r);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('is capped at 30 s however many attempts failed', () => {
    expect(computeBackoffDelay(7, DEFAULT_BACKOFF, () => 1)).toBe(30_000);
    expect(computeBackoffDelay(1_000, DEFAULT_BACKOFF, () => 1)).toBe(30_000);
    expect(computeBackoffDelay(1_000, DEFAULT_BACKOFF, () => 0)).toBe(15_000);
  });

  it('spreads a fleet out: different random draws give different delays', () => {
    const draws = [0.1, 0.4, 0.9];
    const delays = draws.map((r) => computeBackoffDelay(5, DEFAULT_BACKOFF, () => r));
    expect(new Set(delays).size).toBe(3);
  });
});

describe('computeRetryDelay', () => {
  it('waits at least rateLimitedMinMs after 4008, capped at twice the normal cap', () => {
    expect(computeRetryDelay('rate_limited', 0, timing, () => 0)).toBe(10_250);
    expect(computeRetryDelay('rate_limited', 20, timing, () => 1)).toBe(40_000);
  });

  it('reconnects within the jitter window after 1012, whatever the attempt count', () => {
    expect(computeRetryDelay('restart', 10, timing, () => 0)).toBe(0);
    expect(computeRetryDelay('restart', 10, timing, () => 0.5)).toBe(1_000);
    expect(computeRetryDelay('restart', 10, timing, () => 0.999)).toBeLessThan(2_000);
  });

  it('uses the plain backoff otherwise', () => {
    expect(computeRetryDelay('normal', 3, timing, () => 0.5)).toBe(
      computeBackoffDelay(3, DEFAULT_BACKOFF, () => 0.5),
    );
  });
});
