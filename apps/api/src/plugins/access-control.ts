import { AppError } from '@berth/http';
import { type Access, checkAccess, checkCsrf } from '../auth/check-access.js';
import { type Caller, resolveCaller } from '../auth/resolve-principal.js';
import type { ApiApp, ApiContext } from '../context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; every /api route must say. */
    access?: Access;
  }
  interface FastifyRequest {
    caller: Caller;
  }
}

/**
 * Registers the access rule of every route in one place: a route without `config.access`
 * fails at start-up, and each request resolves its caller and is checked before the handler.
 */
export function registerAccessControl(app: ApiApp, ctx: ApiContext): void {
  // Set by the preHandler below on every /api request before any handler runs.
  app.decorateRequest('caller', null as never);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    // The docs page's static assets are public by nature and belong to the swagger plugin.
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/v1/docs')) return;
    if (route.method === 'HEAD') return;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat())
      ctx.routes.push({ method, url: route.url, access, schema: route.schema });
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    request.caller = await resolveCaller(ctx.db, request, ctx.settings.authSecret);
    checkAccess(request.caller, access);
    checkCsrf(request.caller, request, ctx.settings.consoleOrigin);
  });
}

/** The caller's org principal inside a handler of a role-guarded route. */
export function principalOf(request: { caller: Caller }) {
  const caller = request.caller;
  const principal = caller.kind === 'token' || caller.kind === 'user' ? caller.principal : null;
  if (!principal) throw new AppError('forbidden', 'no organisation selected');
  return principal;
}
