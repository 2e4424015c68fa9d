import { describe, expect, it } from 'vitest';
import { classifyClose } from './classify-close.js';

describe('classifyClose', () => {
  it.each([
    [4001, 'unauthorised'],
    [4003, 'revoked'],
    [4002, 'version unsupported'],
  ])('stops for good on %i (%s)', (code, words) => {
    const decision = classifyClose(code, 'because');
    expect(decision.kind).toBe('fatal');
    expect(decision.kind === 'fatal' && decision.message).toContain(words);
    expect(decision.kind === 'fatal' && decision.message).toContain('because');
  });

  it('treats an HTTP 401 on upgrade like 4001', () => {
    expect(classifyClose(1006, '', 401)).toMatchObject({ kind: 'fatal', code: 4001 });
  });

  it('retries everything else, with the policy the code asks for', () => {
    expect(classifyClose(4008, '')).toEqual({ kind: 'retry', policy: 'rate_limited' });
    expect(classifyClose(1012, '')).toEqual({ kind: 'retry', policy: 'restart' });
    expect(classifyClose(1001, '')).toEqual({ kind: 'retry', policy: 'restart' });
    expect(classifyClose(4000, '')).toEqual({ kind: 'retry', policy: 'normal' });
    expect(classifyClose(1006, '')).toEqual({ kind: 'retry', policy: 'normal' });
    expect(classifyClose(1006, '', 502)).toEqual({ kind: 'retry', policy: 'normal' });
  });
});
