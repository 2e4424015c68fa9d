import { isIP, SocketAddress } from 'node:net';

const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED_IPV6 = /^\[([^\]]+)\](?::\d{1,5})?$/;
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * One textual form per address, or undefined for anything that is not one: a port
 * (`1.2.3.4:5678`, `[2001:db8::1]:443`) and an IPv6 zone are dropped, IPv4-mapped IPv6 becomes
 * IPv4, IPv6 is written as RFC 5952 says (lower case, longest zero run compressed). Without
 * this, `2001:DB8::1` and `2001:db8:0::1` would be two clients to every per-address limit.
 */
export function normaliseAddress(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  let value = raw.trim();
  if (value.length > 100) return undefined;
  const bracketed = BRACKETED_IPV6.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else {
    const withPort = IPV4_WITH_PORT.exec(value);
    if (withPort?.[1]) value = withPort[1];
  }
  value = value.split('%')[0] ?? '';
  const mapped = IPV4_MAPPED.exec(value);
  if (mapped?.[1]) value = mapped[1];
  const family = isIP(value);
  if (family === 4) return value;
  if (family === 6) return new SocketAddress({ address: value, family: 'ipv6' }).address;
  return undefined;
}

/**
 * The unit a per-address limit counts: an IPv4 address, or an IPv6 /64 — one subscriber
 * usually holds a whole /64, so counting single IPv6 addresses would hand out 2^64 budgets.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}
