import { describe, expect, it } from 'vitest';
import { digestBody, isValidInternalSignature, signInternalRequest } from './internal-request.js';

describe('internal request signature', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const body = JSON.stringify({ userId: '7d0c6c1e-4f4a-4b8e-9a51-0d3c2f6b9e10' });
  const now = 1_800_000_000_000;
  const header = signInternalRequest(secret, { method: 'post', path: '/api/v1/auth/sessions', body }, now);
  const request = { method: 'POST', path: '/api/v1/auth/sessions', bodyDigest: digestBody(body) };

  it('is accepted for the exact method, path and body within 60 s', () => {
    expect(header).toMatch(/^v1,t=\d+,sig=[0-9a-f]{64}$/);
    expect(isValidInternalSignature(secret, header, request, now + 59_000)).toBe(true);
  });

  it('is refused for another body, path, secret, or after 60 s', () => {
    expect(isValidInternalSignature(secret, header, { ...request, bodyDigest: digestBody('{}') }, now)).toBe(
      false,
    );
    expect(
      isValidInternalSignature(secret, header, { ...request, path: '/api/v1/auth/oidc-link' }, now),
    ).toBe(false);
    expect(isValidInternalSignature(`${secret}x`, header, request, now)).toBe(false);
    expect(isValidInternalSignature(secret, header, request, now + 61_000)).toBe(false);
    expect(isValidInternalSignature(secret, undefined, request, now)).toBe(false);
  });

  it('matches the vector the console and the API were recorded with', () => {
    const recorded = signInternalRequest(
      '0123456789abcdef0123456789abcdef-test-secret',
      {
        method: 'post',
        path: '/api/v1/auth/sessions',
        body: '{"userId":"3f0e8a52-4a8f-4a43-9d7e-0d2f5c1b2a10"}',
      },
      1_764_000_000_123,
    );
    expect(recorded).toBe(
      'v1,t=1764000000,sig=93a59b2ece6312e87a971b7a38c4b3e08d8e062f93e92e0ffa4898ead4f15dbe',
    );
  });
});
