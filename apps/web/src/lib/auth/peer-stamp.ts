import { randomBytes, timingSafeEqual } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Next.js hands route handlers and server actions the request's headers but never its
 * socket, and fills in X-Forwarded-For from the socket only when the client sent none — so
 * a client that sends one hides its real address from the console. Node announces every
 * incoming request on the `http.server.request.start` diagnostics channel before any handler
 * sees it; there the socket's peer is written into a header of our own, next to a random
 * per-process token. A client cannot forge that header: whatever it sent is overwritten, and
 * a request that arrived before the subscription carries no valid token and is treated as
 * having no known peer (the API then falls back to this server's own address, never to a
 * claimed one).
 */
export const PEER_HEADER = 'x-berth-peer';

type PeerStamp = { token: Buffer };
const KEY = Symbol.for('berth.peer-stamp');
// Shared through globalThis: the instrumentation hook and the route bundles are separate module graphs.
const registry = globalThis as typeof globalThis & { [KEY]?: PeerStamp };

/** Called once per server process, from instrumentation.ts. */
export function stampPeerAddresses(): void {
  if (registry[KEY]) return;
  const token = randomBytes(16);
  const text = token.toString('hex');
  // The module-level subscribe keeps the channel alive for as long as it has subscribers.
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = `${text} ${socket.remoteAddress ?? ''}`;
  });
  registry[KEY] = { token };
}

/** The socket peer of the request these headers came with, if this process stamped it. */
export function peerAddressOf(headers: Pick<Headers, 'get'>): string | undefined {
  const stamp = registry[KEY];
  const [token = '', address] = headers.get(PEER_HEADER)?.split(' ') ?? [];
  if (!stamp || !address) return undefined;
  const given = Buffer.from(token, 'hex');
  return given.length === stamp.token.length && timingSafeEqual(given, stamp.token) ? address : undefined;
}
