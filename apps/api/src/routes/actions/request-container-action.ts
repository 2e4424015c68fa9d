import { ZActionSchema, ZContainerActionRequestSchema, ZContainerParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { queueAction } from '../../services/actions/queue-action.js';

/** POST /api/v1/hosts/:hostId/containers/:containerId/actions — start, stop, restart, pause, unpause, kill. */
export function registerRequestContainerAction(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/hosts/:hostId/containers/:containerId/actions',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Run an action on a container',
        tags: ['actions'],
        params: ZContainerParamsSchema,
        body: ZContainerActionRequestSchema,
        response: { 202: ZActionSchema },
      },
    },
    async (request, reply) => {
      const { verb, timeoutS, signal, deadlineS } = request.body;
      const action = await queueAction(ctx, principalOf(request), request, {
        hostId: request.params.hostId,
        containerId: request.params.containerId,
        verb,
        params: { timeoutS, signal },
        // Docker's own stop timeout must fit inside the deadline.
        deadlineS: deadlineS ?? 60 + (timeoutS ?? 10),
      });
      return reply.status(202).send(action);
    },
  );
}
