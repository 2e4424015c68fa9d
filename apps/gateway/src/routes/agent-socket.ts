import { CLOSE_CODES } from '@berth/protocol';
import type { FastifyInstance } from 'fastify';
import { AgentSession } from '../agents/agent-session.js';
import { type AgentAuthResult, authenticateAgent } from '../agents/authenticate-agent.js';
import type { GatewayContext } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    agentAuth: AgentAuthResult | null;
  }
}

/**
 * `/agent/v1`: the agent's one outbound WebSocket. The credential is checked during the
 * upgrade; a refused agent still gets the documented close code (4001/4003) so it can
 * tell "stop retrying" from a network fault.
 */
export function registerAgentSocket(
  app: FastifyInstance,
  ctx: GatewayContext,
  isDraining: () => boolean,
): void {
  app.decorateRequest('agentAuth', null);
  app.get(
    '/agent/v1',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        if (isDraining())
          return reply.status(503).send({ error: { code: 'unavailable', message: 'gateway draining' } });
        request.agentAuth = await authenticateAgent(ctx.db, request.headers.authorization);
      },
    },
    (socket, request) => {
      const auth = request.agentAuth;
      if (!auth?.ok) {
        const code = auth?.reason === 'revoked' ? CLOSE_CODES.revoked : CLOSE_CODES.unauthorised;
        ctx.metrics.rejects.inc({ reason: String(code) });
        socket.close(code, auth?.reason ?? 'unauthorised');
        return;
      }
      ctx.sessions.track(new AgentSession(socket, auth.identity, ctx));
    },
  );
  ctx.writer.onPressure((paused) => {
    for (const session of ctx.sessions.all()) {
      if (paused) session.socket.pause();
      else session.socket.resume();
    }
  });
}
