/** Up to `capacity` events at once, refilled at `perSecond`. */
export type TokenBucket = { tokens: number; updatedAt: number };

export function createTokenBucket(capacity: number, now: number): TokenBucket {
  return { tokens: capacity, updatedAt: now };
}

export function takeToken(bucket: TokenBucket, capacity: number, perSecond: number, now: number): boolean {
  bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
