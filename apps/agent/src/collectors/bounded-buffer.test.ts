import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.js';
import { BoundedBuffer } from './bounded-buffer.js';
import { mapWithConcurrency } from './map-with-concurrency.js';

describe('bounded buffer', () => {
  it('keeps the newest items up to capacity and counts the dropped ones until drained', () => {
    const buffer = new BoundedBuffer<number>(3);
    for (let i = 1; i <= 10; i += 1) buffer.push(i);
    expect(buffer.drain()).toEqual({ items: [8, 9, 10], dropped: 7 });
    expect(buffer.drain()).toEqual({ items: [], dropped: 0 });
  });
});

describe('bounded concurrency', () => {
  it('never runs more than the limit at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0, 2], 3, async (ms) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return ms * 10;
    });
    expect(peak).toBe(3);
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 20]);
  });
});

describe('reconnect backoff', () => {
  it('doubles from the initial delay up to the cap, with 50–100 % jitter', () => {
    const backoff = { initialMs: 500, maxMs: 30_000 };
    expect([0, 1, 2, 10].map((attempt) => backoffDelay(attempt, backoff, () => 1))).toEqual([
      500, 1000, 2000, 30_000,
    ]);
    expect(backoffDelay(0, backoff, () => 0)).toBe(250);
  });
});
