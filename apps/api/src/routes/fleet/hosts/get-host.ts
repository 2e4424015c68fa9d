import { ZHostDetailSchema, ZHostParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getHostView } from '../../../services/fleet/get-host.js';

/** GET /api/v1/hosts/:hostId */
export function registerGetHost(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'One host with its facts, container counts, newest reading and checks config state',
        tags: ['hosts'],
        params: ZHostParamsSchema,
        response: { 200: ZHostDetailSchema },
      },
    },
    async (request) => getHostView(ctx, principalOf(request), request.params.hostId),
  );
}
