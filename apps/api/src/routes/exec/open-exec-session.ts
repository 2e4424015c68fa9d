import {
  errorResponses,
  ZContainerParamsSchema,
  ZExecSessionGrantSchema,
  ZExecSessionRequestSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { grantExecSession } from '../../services/exec/grant-exec-session.js';

/** POST /api/v1/hosts/:hostId/containers/:containerId/exec-sessions — grant a terminal (docs/exec.md). */
export function registerOpenExecSession(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/hosts/:hostId/containers/:containerId/exec-sessions',
    {
      // Operators only where the org allows it: checked by the service with the org's settings.
      config: { access: 'operator' },
      schema: {
        summary: 'Open an exec terminal in a container',
        tags: ['exec'],
        params: ZContainerParamsSchema,
        body: ZExecSessionRequestSchema,
        response: { 201: ZExecSessionGrantSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const grant = await grantExecSession(ctx, principalOf(request), request, {
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(grant);
    },
  );
}
