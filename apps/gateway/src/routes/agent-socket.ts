import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CLOSE_CODES } from '@berth/protocol';
import type { FastifyInstance } from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import { AgentSession } from '../agents/agent-session.js';
import { type AgentAuthResult, authenticateAgent } from '../agents/authenticate-agent.js';
import type { GatewayContext } from '../context.js';

const AGENT_PATH = '/agent/v1';

/**
 * `/agent/v1`: the agent's one outbound WebSocket. The credential is checked during the
 * upgrade; a refused agent still gets the documented close code (4001/4003) so it can
 * tell "stop retrying" from a network fault.
 *
 * The upgrade is taken from the HTTP server directly, not through a Fastify route
 * (@fastify/websocket): that plugin keeps the route's request, reply, raw request and a
 * response object alive for the socket's whole life (its per-socket error listener closes
 * over them), about a third of what a gateway held per agent (docs/benchmarks.md).
 */
export function registerAgentSocket(
  app: FastifyInstance,
  ctx: GatewayContext,
  isDraining: () => boolean,
): void {
  // Twice the frame limit: frames in between get the protocol's 4000; beyond it ws closes
  // with 1009 without buffering them. UTF-8 is checked by the protocol decoder (→ 4000,
  // the documented code) instead of by ws (→ 1007). No client tracking: the session
  // registry knows every socket past authentication.
  const server = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: ctx.settings.limits.maxFrameBytes * 2,
    skipUTF8Validation: true,
    perMessageDeflate: false,
  });

  async function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', destroyOnError);
    const path = (request.url ?? '').split('?')[0];
    if (path !== AGENT_PATH || request.method !== 'GET')
      return refuseUpgrade(socket, 404, 'not_found', `no route ${request.method} ${path}`);
    if (isDraining()) return refuseUpgrade(socket, 503, 'unavailable', 'gateway draining');
    let auth: AgentAuthResult;
    try {
      auth = await authenticateAgent(ctx.db, request.headers.authorization);
    } catch (error) {
      ctx.log.error({ err: error }, 'agent authentication failed');
      return refuseUpgrade(socket, 500, 'internal', 'internal server error');
    }
    socket.removeListener('error', destroyOnError);
    server.handleUpgrade(request, socket, head, (agentSocket) => {
      if (auth.ok) {
        ctx.sessions.track(new AgentSession(agentSocket, auth.identity, ctx));
        return;
      }
      const code = auth.reason === 'revoked' ? CLOSE_CODES.revoked : CLOSE_CODES.unauthorised;
      ctx.metrics.rejects.inc({ reason: String(code) });
      agentSocket.on('error', ignoreError);
      agentSocket.close(code, auth.reason);
    });
  }

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(request, socket, head).catch((error: unknown) => {
      ctx.log.error({ err: error }, 'agent upgrade failed');
      socket.destroy();
    });
  });
  // The HTTP server's close waits for every socket it accepted, upgraded ones included.
  app.addHook('preClose', (done) => {
    for (const session of ctx.sessions.all()) session.socket.close();
    done();
  });
  ctx.writer.onPressure((paused) => {
    for (const session of ctx.sessions.all()) {
      if (paused) session.socket.pause();
      else session.socket.resume();
    }
  });
}

function destroyOnError(this: Duplex): void {
  this.destroy();
}

function ignoreError(this: WebSocket): void {}

/** An HTTP answer on the socket that asked to upgrade (`{ error: { code, message } }`, as the routes). */
function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  const reason = { 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' }[status] ?? '';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
