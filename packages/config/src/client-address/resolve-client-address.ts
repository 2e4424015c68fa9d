import { normaliseAddress } from './normalise-address.js';
import type { TrustProxy } from './trust-proxy.js';

/** Entries of X-Forwarded-For looked at, from the right; the rest was written by the client anyway. */
const MAX_FORWARDED_ENTRIES = 32;

export type ClientAddressInput = {
  /** The socket's remote address. */
  peer: string | undefined | null;
  /** The X-Forwarded-For header(s) as received. */
  forwardedFor: string | readonly string[] | undefined | null;
  trust: TrustProxy;
};

/**
 * The client's address under TRUST_PROXY: starting at the socket's peer, step left through
 * X-Forwarded-For only while the current hop is a trusted proxy (each trusted proxy vouches
 * for the entry it appended: the one to its left), and answer the first untrusted hop — the
 * right-most address nobody we trust could have been lied to about. A malformed entry stops
 * the walk at the hop that wrote it. Undefined only without a peer (a socket already gone).
 */
export function resolveClientAddress({ peer, forwardedFor, trust }: ClientAddressInput): string | undefined {
  let current = normaliseAddress(peer);
  if (!current || trust.kind === 'none') return current;
  const entries = forwardedEntries(forwardedFor);
  for (let hop = 0; ; hop += 1) {
    const trusted = trust.kind === 'hops' ? hop < trust.hops : trust.includes(current);
    if (!trusted) return current;
    const next = normaliseAddress(entries[hop]);
    if (!next) return current;
    current = next;
  }
}

/** X-Forwarded-For entries, right-most (nearest) first. */
function forwardedEntries(header: ClientAddressInput['forwardedFor']): string[] {
  if (!header) return [];
  const joined = typeof header === 'string' ? header : header.join(',');
  return joined.split(',').slice(-MAX_FORWARDED_ENTRIES).reverse();
}
