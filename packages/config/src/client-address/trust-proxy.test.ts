import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../parse-env.js';
import { ZServerEnvSchema } from '../schemas.js';
import { signClientAddress, verifyClientAddress } from './sign-client-address.js';
import { parseTrustProxy } from './trust-proxy.js';

const server = { DATABASE_URL: 'postgres://berth_app@127.0.0.1:5432/berth', AUTH_SECRET: 'x'.repeat(32) };

describe('TRUST_PROXY', () => {
  it('defaults to trusting nobody', () => {
    expect(parseEnv(ZServerEnvSchema, server).TRUST_PROXY).toEqual({ kind: 'none' });
    expect(parseEnv(ZServerEnvSchema, { ...server, TRUST_PROXY: '' }).TRUST_PROXY).toEqual({ kind: 'none' });
  });

  it('reads a hop count and a list of addresses, CIDRs and names', () => {
    expect(parseTrustProxy('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(parseTrustProxy('0')).toEqual({ kind: 'none' });
    const list = parseTrustProxy('10.0.0.0/8, 192.0.2.1 ,loopback,2001:db8::/32');
    if (list.kind !== 'addresses') throw new Error('expected a list');
    expect(list.ranges).toEqual(['10.0.0.0/8', '192.0.2.1', '127.0.0.0/8', '::1/128', '2001:db8::/32']);
    expect(['10.9.9.9', '192.0.2.1', '127.0.0.1', '::1', '2001:db8:5::1'].every(list.includes)).toBe(true);
    expect(['11.0.0.1', '192.0.2.2', '2001:db9::1', 'garbage'].some(list.includes)).toBe(false);
  });

  it('refuses `true`, bad entries and absurd hop counts, naming the variable', () => {
    for (const [value, message] of [
      ['true', /any client/],
      ['10.0.0.0/33', /prefix/],
      ['proxy.internal', /not an address/],
      ['11', /at most 10/],
    ] as const) {
      try {
        parseEnv(ZServerEnvSchema, { ...server, TRUST_PROXY: value });
        throw new Error(`accepted ${value}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).issues[0]).toMatch(/^TRUST_PROXY: /);
        expect((error as ConfigError).issues[0]).toMatch(message);
      }
    }
  });
});

describe('the console-signed client address', () => {
  const secret = 's'.repeat(40);
  const request = { method: 'POST', path: '/api/v1/auth/sign-in' };
  const now = 1_800_000_000_000;

  it('verifies for the same method and path within 60 s', () => {
    const header = signClientAddress(secret, '203.0.113.7', request, now);
    expect(verifyClientAddress(secret, header, request, now + 59_000)).toBe('203.0.113.7');
    expect(
      verifyClientAddress(secret, signClientAddress(secret, '2001:db8::7', request, now), request, now),
    ).toBe('2001:db8::7');
  });

  it('refuses another secret, address, method or path, a stale or future time, and junk', () => {
    const header = signClientAddress(secret, '203.0.113.7', request, now);
    expect(verifyClientAddress('t'.repeat(40), header, request, now)).toBeUndefined();
    expect(
      verifyClientAddress(secret, header.replace('203.0.113.7', '203.0.113.8'), request, now),
    ).toBeUndefined();
    expect(verifyClientAddress(secret, header, { ...request, method: 'GET' }, now)).toBeUndefined();
    expect(
      verifyClientAddress(secret, header, { ...request, path: '/api/v1/auth/sign-up' }, now),
    ).toBeUndefined();
    expect(verifyClientAddress(secret, header, request, now + 61_000)).toBeUndefined();
    expect(verifyClientAddress(secret, header, request, now - 61_000)).toBeUndefined();
    for (const junk of [undefined, '', 'v1,t=1,a=1.2.3.4,sig=00', [header, header], `${header},x`]) {
      expect(verifyClientAddress(secret, junk, request, now)).toBeUndefined();
    }
  });

  it('refuses an address that is not in its one normal form', () => {
    const header = signClientAddress(secret, '2001:DB8::7', request, now);
    expect(verifyClientAddress(secret, header, request, now)).toBeUndefined();
  });
});
