import { describe, expect, it } from 'vitest';
import { parseRateLimit, parseRetryAfter } from './rate-limit.js';
import { redact } from './redact.js';

describe('rate limit headers', () => {
  it("parses Docker Hub's quota headers", () => {
    const headers = new Headers({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600' });
    expect(parseRateLimit(headers)).toEqual({ limit: 100, remaining: 76, windowSeconds: 21600 });
    expect(parseRateLimit(new Headers())).toBeUndefined();
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': '120' }), now)?.toISOString()).toBe(
      '2026-01-01T00:02:00.000Z',
    );
    expect(
      parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 01:00:00 GMT' }), now)?.toISOString(),
    ).toBe('2026-01-01T01:00:00.000Z');
  });
});

describe('redact', () => {
  it('masks given secrets, URL userinfo and authorization values', () => {
    expect(redact('pw=hunter2 at https://u:hunter2@reg/ Bearer eyJ.abc Basic dTpw', ['hunter2'])).toBe(
      'pw=*** at https://***@reg/ Bearer *** Basic ***',
    );
  });
});
