import { describe, expect, it } from 'vitest';
import { addressBucket, normaliseAddress } from './normalise-address.js';
import { resolveClientAddress } from './resolve-client-address.js';
import { parseTrustProxy } from './trust-proxy.js';

type Case = [
  name: string,
  trust: string,
  peer: string | undefined,
  forwardedFor: string | undefined,
  client: string | undefined,
];

// The proxy in front is 10.0.0.2 (or 10.0.0.2 behind 10.0.0.3); 203.0.113.7 is the real client.
const CASES: Case[] = [
  ['no trust: the peer, whatever the header says', 'none', '198.51.100.9', '1.2.3.4', '198.51.100.9'],
  ['no trust, no header', 'none', '198.51.100.9', undefined, '198.51.100.9'],
  ['no trust, a proxy peer: still the peer', '', '10.0.0.2', '203.0.113.7', '10.0.0.2'],
  ['one hop: the right-most entry', '1', '10.0.0.2', '203.0.113.7', '203.0.113.7'],
  [
    'one hop, client-forged entries on the left are ignored',
    '1',
    '10.0.0.2',
    '6.6.6.6, 7.7.7.7, 203.0.113.7',
    '203.0.113.7',
  ],
  ['one hop, nothing forwarded: the peer', '1', '198.51.100.9', undefined, '198.51.100.9'],
  ['two hops', '2', '10.0.0.3', '6.6.6.6, 203.0.113.7, 10.0.0.2', '203.0.113.7'],
  ['two hops, only one entry: the left-most', '2', '10.0.0.3', '203.0.113.7', '203.0.113.7'],
  [
    'listed proxy: the first unlisted hop from the right',
    '10.0.0.0/8',
    '10.0.0.2',
    '6.6.6.6, 203.0.113.7',
    '203.0.113.7',
  ],
  [
    'listed proxies in a chain',
    '10.0.0.2, 10.0.0.3',
    '10.0.0.3',
    '6.6.6.6, 203.0.113.7, 10.0.0.2',
    '203.0.113.7',
  ],
  ['unlisted peer: its header is not believed', '10.0.0.2', '198.51.100.9', '203.0.113.7', '198.51.100.9'],
  ['every hop listed: the left-most', '10.0.0.0/8', '10.0.0.3', '10.0.0.1, 10.0.0.2', '10.0.0.1'],
  ['loopback by name', 'loopback', '127.0.0.1', '203.0.113.7', '203.0.113.7'],
  ['private by name, IPv4-mapped peer', 'private', '::ffff:172.18.0.5', '203.0.113.7', '203.0.113.7'],
  ['malformed entry: stop at the hop that wrote it', '1', '10.0.0.2', 'not-an-address', '10.0.0.2'],
  ['malformed entry deeper in the chain', '2', '10.0.0.3', '203.0.113.7, <script>', '10.0.0.3'],
  ['entry with a port', '1', '10.0.0.2', '203.0.113.7:51234', '203.0.113.7'],
  ['bracketed IPv6 entry with a port', '1', '10.0.0.2', '[2001:DB8::7]:443', '2001:db8::7'],
  [
    'IPv6 written the long way becomes one form',
    '1',
    '::1',
    '2001:0db8:0000:0000:0000:0000:0000:0007',
    '2001:db8::7',
  ],
  ['IPv6 proxy range', 'fd00::/8', 'fd00::2', '2001:db8::7', '2001:db8::7'],
  ['several headers joined by the server', '1', '10.0.0.2', '6.6.6.6,203.0.113.7', '203.0.113.7'],
  ['no peer (socket gone)', '1', undefined, '203.0.113.7', undefined],
];

describe('resolveClientAddress', () => {
  it.each(CASES)('%s', (_name, trust, peer, forwardedFor, client) => {
    expect(resolveClientAddress({ peer, forwardedFor, trust: parseTrustProxy(trust) })).toBe(client);
  });

  it('accepts the header as an array too', () => {
    const trust = parseTrustProxy('1');
    expect(resolveClientAddress({ peer: '10.0.0.2', forwardedFor: ['6.6.6.6', '203.0.113.7'], trust })).toBe(
      '203.0.113.7',
    );
  });

  it('looks at a bounded number of entries from the right, however long the header', () => {
    const trust = parseTrustProxy('0.0.0.0/0');
    const forged = Array.from({ length: 10_000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1`).join(', ');
    const client = resolveClientAddress({ peer: '10.0.0.2', forwardedFor: forged, trust });
    expect(client).toBe(forged.split(', ').at(-32));
  });
});

describe('normaliseAddress and addressBucket', () => {
  it('normalises or refuses', () => {
    expect(normaliseAddress(' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(normaliseAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseAddress('010.1.1.1')).toBeUndefined();
    expect(normaliseAddress('example.com')).toBeUndefined();
    expect(normaliseAddress('')).toBeUndefined();
  });

  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(addressBucket('192.0.2.1')).toBe('192.0.2.1');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});
