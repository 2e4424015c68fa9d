import { ZActionSchema, ZHostActionRequestSchema, ZHostParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { queueAction } from '../../services/actions/queue-action.js';

/** POST /api/v1/hosts/:hostId/actions — refresh (re-inventory now), ping (round trip), update (agent). */
export function registerRequestHostAction(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/hosts/:hostId/actions',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Run a host-level action',
        tags: ['actions'],
        params: ZHostParamsSchema,
        body: ZHostActionRequestSchema,
        response: { 202: ZActionSchema },
      },
    },
    async (request, reply) => {
      const action = await queueAction(ctx, principalOf(request), request, {
        hostId: request.params.hostId,
        containerId: null,
        verb: request.body.verb,
        params: {},
        deadlineS: request.body.deadlineS ?? 60,
      });
      return reply.status(202).send(action);
    },
  );
}
