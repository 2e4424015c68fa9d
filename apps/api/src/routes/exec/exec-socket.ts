import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { EXEC_SOCKET_PROTOCOL, EXEC_TICKET_PROTOCOL_PREFIX, MAX_EXEC_INPUT_BYTES } from '@berth/api-contract';
import { WebSocketServer } from 'ws';
import type { ApiApp, ApiContext } from '../../context.js';
import { ExecRelays } from '../../services/exec/exec-relays.js';
import { redeemExecTicket } from '../../services/exec/exec-ticket.js';
import { claimExecSession } from '../../services/exec/finish-exec-session.js';
import { relayExecSocket } from '../../services/exec/relay-exec-socket.js';

const SOCKET_PATH = /^\/api\/v1\/exec-sessions\/([0-9a-f-]{36})\/socket$/;

/**
 * `GET /api/v1/exec-sessions/:id/socket` (WebSocket): the terminal of a session granted by
 * `POST …/exec-sessions`. The one-time ticket comes as a subprotocol (`ticket.<ticket>`, beside
 * `berth.exec.v1`), not in the URL, where proxies would log it; it was issued to a signed-in user
 * who passed every check, so redeeming it is the authentication. The browser's `Origin` must be
 * the console's: no other page may drive a terminal even with a stolen ticket.
 *
 * Taken from the HTTP server's upgrade event, as the gateway does, not through a Fastify route.
 */
export function registerExecSocket(app: ApiApp, ctx: ApiContext): void {
  const server = new WebSocketServer({
    noServer: true,
    clientTracking: true,
    // An input message is at most 64 KiB of text; JSON escaping can double it.
    maxPayload: MAX_EXEC_INPUT_BYTES * 4,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(EXEC_SOCKET_PROTOCOL) ? EXEC_SOCKET_PROTOCOL : false),
  });

  const relays = new ExecRelays();

  async function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const match = SOCKET_PATH.exec(path);
    if (!match || request.method !== 'GET') return refuse(socket, 404, `no route ${request.method} ${path}`);
    if (request.headers.origin !== ctx.settings.consoleOrigin)
      return refuse(socket, 403, 'cross-site socket refused (Origin does not match the console)');
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const ticket = offered
      .find((p) => p.startsWith(EXEC_TICKET_PROTOCOL_PREFIX))
      ?.slice(EXEC_TICKET_PROTOCOL_PREFIX.length);
    const grant = ticket ? await redeemExecTicket(ctx.bus, ticket) : null;
    if (!grant || grant.sessionId !== match[1])
      return refuse(socket, 401, 'the exec ticket is missing, used or expired: open the terminal again');
    if (!(await claimExecSession(ctx, grant)))
      return refuse(
        socket,
        401,
        'the exec session expired before its socket opened: open the terminal again',
      );
    server.handleUpgrade(request, socket, head, (ws) => {
      relayExecSocket(ctx, ws, grant, relays).catch((error: unknown) => {
        ctx.log.error({ err: error, sessionId: grant.sessionId }, 'exec socket failed');
        ws.terminate();
      });
    });
  }

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    onUpgrade(request, socket, head).catch((error: unknown) => {
      ctx.log.error({ err: error }, 'exec socket upgrade failed');
      socket.destroy();
    });
  });
  // Open terminals end, and their ends are recorded, before the API's database pool closes.
  app.addHook('preClose', async () => {
    await relays.shutdown('the API is restarting');
    for (const ws of server.clients) ws.terminate();
  });
}

function refuse(socket: Duplex, status: 401 | 403 | 404, message: string): void {
  const code = { 401: 'unauthorised', 403: 'forbidden', 404: 'not_found' }[status];
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
