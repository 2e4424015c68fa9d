import { ZContainerDetailSchema, ZContainerParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getContainerView } from '../../../services/fleet/get-container.js';

/** GET /api/v1/hosts/:hostId/containers/:containerId */
export function registerGetContainer(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId/containers/:containerId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'One container: inventory and newest sample',
        tags: ['containers'],
        params: ZContainerParamsSchema,
        response: { 200: ZContainerDetailSchema },
      },
    },
    async (request) => getContainerView(ctx, principalOf(request), request.params),
  );
}
