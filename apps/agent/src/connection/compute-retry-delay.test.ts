import { describe, expect, it } from 'vitest';
import { computeBackoffDelay, DEFAULT_BACKOFF } from '../shared/compute-backoff-delay.js';
import { computeRetryDelay, type RetryTiming } from './compute-retry-delay.js';

const timing: RetryTiming = { backoff: DEFAULT_BACKOFF, rateLimitedMinMs: 10_000, restartJitterMs: 2_000 };

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
