import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './connect-redis.js';

describe('reconnectDelay', () => {
  it('backs off exponentially from 100 ms up to the cap, with under 100 ms of jitter', () => {
    const base = [1, 2, 3, 4, 10, 1000].map((attempt) => reconnectDelay(attempt, 2000));
    const expected = [100, 200, 400, 800, 2000, 2000];
    base.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(expected[i] ?? 0);
      expect(delay).toBeLessThan((expected[i] ?? 0) + 100);
    });
  });
});
