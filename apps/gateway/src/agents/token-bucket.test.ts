import { describe, expect, it } from 'vitest';
import { createTokenBucket, takeToken } from './token-bucket.js';

describe('token bucket', () => {
  it('allows a burst of capacity, then refills at the rate', () => {
    const bucket = createTokenBucket(3, 0);
    expect([1, 2, 3, 4].map(() => takeToken(bucket, 3, 0.5, 0))).toEqual([true, true, true, false]);
    expect(takeToken(bucket, 3, 0.5, 1000)).toBe(false); // half a token
    expect(takeToken(bucket, 3, 0.5, 2000)).toBe(true);
    expect(takeToken(bucket, 3, 0.5, 1_000_000)).toBe(true); // refills only up to capacity
    expect(bucket.tokens).toBe(2);
  });
});
