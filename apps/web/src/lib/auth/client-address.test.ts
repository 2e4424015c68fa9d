// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_ADDRESS_HEADER, parseTrustProxy, verifyClientAddress } from '@berth/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressOf, vouchFor } from './client-address';
import { PEER_HEADER, peerAddressOf, stampPeerAddresses } from './peer-stamp';

/**
 * A real Node HTTP server (what `next start` runs on) with the peer stamp subscribed: the
 * handler sees the headers a route handler would, and resolves the client from them.
 */
let server: Server;
let url: string;
let resolved: { none?: string; oneHop?: string; peer?: string } = {};

beforeAll(async () => {
  stampPeerAddresses();
  server = createServer((request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    resolved = {
      none: clientAddressOf(headers, parseTrustProxy('')),
      oneHop: clientAddressOf(headers, parseTrustProxy('1')),
      peer: peerAddressOf(headers),
    };
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the browser’s address in the console', () => {
  it('is the socket peer, whatever the browser claims, when no proxy is trusted', async () => {
    await fetch(url, { headers: { 'x-forwarded-for': '6.6.6.6', [PEER_HEADER]: 'forged 6.6.6.7' } });
    expect(resolved).toEqual({ none: '127.0.0.1', oneHop: '6.6.6.6', peer: '127.0.0.1' });
  });

  it('is the socket peer without any header too', async () => {
    await fetch(url);
    expect(resolved.none).toBe('127.0.0.1');
  });

  it('is unknown from headers this process did not stamp (a forged stamp)', () => {
    const forged = new Headers({ [PEER_HEADER]: `${'00'.repeat(16)} 6.6.6.6`, 'x-forwarded-for': '6.6.6.6' });
    expect(peerAddressOf(forged)).toBeUndefined();
    expect(clientAddressOf(forged, parseTrustProxy('1'))).toBeUndefined();
  });

  it('is vouched for with a signature the API accepts for that method and path only', () => {
    const secret = 'v'.repeat(40);
    const headers = vouchFor('203.0.113.7', secret)({ method: 'POST', path: '/api/v1/auth/sign-in?x=1' });
    const header = headers[CLIENT_ADDRESS_HEADER];
    expect(verifyClientAddress(secret, header, { method: 'POST', path: '/api/v1/auth/sign-in' })).toBe(
      '203.0.113.7',
    );
    expect(
      verifyClientAddress(secret, header, { method: 'POST', path: '/api/v1/auth/sign-up' }),
    ).toBeUndefined();
    expect(vouchFor(undefined, secret)({ method: 'GET', path: '/' })).toEqual({});
  });
});
