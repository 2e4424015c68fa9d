import { describe, expect, it } from 'vitest';
import { computeBackoffDelay, DEFAULT_BACKOFF } from './compute-backoff-delay.js';

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

  it('draws its jitter from Math.random when no source is given (the Docker events watcher)', () => {
    const backoff = { baseMs: 50, capMs: 200 };
    const delays = Array.from({ length: 200 }, () => computeBackoffDelay(10, backoff));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(100);
      expect(delay).toBeLessThanOrEqual(200);
    }
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('serves a short test-sized backoff the same way as the default one (cap below the doubling)', () => {
    const backoff = { baseMs: 50, capMs: 200 };
    expect([0, 1, 2, 3, 10].map((attempt) => computeBackoffDelay(attempt, backoff, () => 1))).toEqual([
      50, 100, 200, 200, 200,
    ]);
    expect(computeBackoffDelay(0, backoff, () => 0)).toBe(25);
  });
});
