import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { normaliseAddress } from './normalise-address.js';

/**
 * Which hops in front of a service may say who the client is (X-Forwarded-For):
 * nobody (the socket's peer is the client), the N nearest hops whatever their address,
 * or hops whose address is in a list.
 */
export type TrustProxy =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'addresses'; ranges: readonly string[]; includes(address: string): boolean };

export const TRUST_NONE: TrustProxy = { kind: 'none' };

const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
};

const MAX_HOPS = 10;

/**
 * TRUST_PROXY's grammar: empty, `none` or `0` → none; a whole number → that many hops; else a
 * comma-separated list of addresses, CIDRs and the names loopback, private, linklocal.
 * `true` ("any peer") is refused: that is exactly what let anyone pick their own address.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'none' || text === 'false' || text === '0') return TRUST_NONE;
  if (text === 'true') {
    throw new Error(
      '`true` would believe X-Forwarded-For from any client; give the number of proxies in front (e.g. 1) or their addresses',
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) throw new Error(`at most ${MAX_HOPS} proxy hops`);
    return { kind: 'hops', hops };
  }
  const ranges = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part) => NAMED_RANGES[part] ?? [part]);
  const list = new BlockList();
  for (const range of ranges) addRange(list, range);
  return {
    kind: 'addresses',
    ranges,
    includes: (address) => {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

function addRange(list: BlockList, range: string): void {
  const [raw = '', prefixText] = range.split('/');
  const address = normaliseAddress(raw);
  const family = address ? isIP(address) : 0;
  if (!address || family === 0 || raw.includes('[') || raw.includes('%')) {
    throw new Error(
      `"${range}" is not an address, a CIDR, a hop count or one of loopback, private, linklocal`,
    );
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) {
    list.addAddress(address, type);
    return;
  }
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) {
    throw new Error(`"${range}" has an invalid prefix length`);
  }
  list.addSubnet(address, prefix, type);
}

/** TRUST_PROXY as every service parses it (default: trust no proxy). */
export const ZTrustProxySchema = z
  .string()
  .default('none')
  .transform((value, context): TrustProxy => {
    try {
      return parseTrustProxy(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
