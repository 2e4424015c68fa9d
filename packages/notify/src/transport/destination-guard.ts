import { BlockList, isIP } from 'node:net';

/**
 * Addresses a hosted Berth must not post to on a tenant's behalf: loopback, private, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved ranges.
 * Checked on the address actually connected to (after DNS), so a name that resolves to one of
 * them — or starts to, between checks — is refused too. Self-hosted installs that notify
 * services on their own network turn the guard off (NOTIFY_ALLOW_PRIVATE_TARGETS).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return false;
}

export class BlockedDestinationError extends Error {
  readonly code = 'EBERTH_BLOCKED_DESTINATION';
  constructor(host: string) {
    super(`${host} resolves to a private or reserved address, which this Berth does not notify`);
  }
}
