import type { ApiApp, ApiContext } from '../context.js';

/** Liveness (the process answers) and readiness (the database answers) for orchestrators. */
export function registerHealth(app: ApiApp, ctx: ApiContext): void {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.db.$queryRaw`SELECT 1`;
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
}
