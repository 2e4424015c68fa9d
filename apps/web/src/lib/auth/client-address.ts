import {
  CLIENT_ADDRESS_HEADER,
  resolveClientAddress,
  signClientAddress,
  type TrustProxy,
} from '@berth/config';
import { peerAddressOf } from './peer-stamp';

/**
 * The browser's address under this console's TRUST_PROXY (the same rule as the API and the
 * gateway): the stamped socket peer, or the right-most untrusted X-Forwarded-For hop.
 * Undefined when the peer is unknown — then nothing is vouched for.
 */
export function clientAddressOf(headers: Pick<Headers, 'get'>, trust: TrustProxy): string | undefined {
  return resolveClientAddress({
    peer: peerAddressOf(headers),
    forwardedFor: headers.get('x-forwarded-for'),
    trust,
  });
}

export type Vouch = (request: { method: string; path: string }) => Record<string, string>;

/**
 * Headers for an API request made on the browser's behalf: its address, signed with
 * AUTH_SECRET for that method and path (@berth/config signClientAddress), which the API
 * believes over its own peer. Nothing when the address is unknown.
 */
export function vouchFor(address: string | undefined, authSecret: string): Vouch {
  return ({ method, path }): Record<string, string> => {
    if (!address) return {};
    const signed = signClientAddress(authSecret, address, { method, path: path.split('?')[0] ?? path });
    return { [CLIENT_ADDRESS_HEADER]: signed };
  };
}
