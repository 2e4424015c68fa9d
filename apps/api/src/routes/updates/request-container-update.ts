import {
  errorResponses,
  ZContainerParamsSchema,
  ZContainerUpdateRequestSchema,
  ZContainerUpdateResponseSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { requestContainerUpdate } from '../../services/updates/request-container-update.js';

/**
 * POST /api/v1/hosts/:hostId/containers/:containerId/update — pull and recreate the container
 * (docs/image-updates.md). 409 when its policy blocks it, or warns and `confirm` is not true.
 */
export function registerRequestContainerUpdate(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/hosts/:hostId/containers/:containerId/update',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Update a container to a new image',
        tags: ['updates'],
        params: ZContainerParamsSchema,
        body: ZContainerUpdateRequestSchema,
        response: { 202: ZContainerUpdateResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const update = await requestContainerUpdate(
        ctx,
        principalOf(request),
        request,
        request.params,
        request.body,
      );
      return reply.status(202).send(update);
    },
  );
}
