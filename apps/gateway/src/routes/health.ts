import type { FastifyInstance } from 'fastify';
import type { GatewayContext } from '../context.js';

/** Liveness, readiness (database reachable, not draining) and Prometheus metrics. */
export function registerHealth(app: FastifyInstance, ctx: GatewayContext, isDraining: () => boolean): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (isDraining()) return reply.status(503).send({ status: 'draining' });
    try {
      await ctx.pool.query('SELECT 1');
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
    return { status: 'ready', agents: ctx.sessions.size() };
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics()),
  );
}
