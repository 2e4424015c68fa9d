import { ZDeletedHostSchema, ZHostParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { deleteHost } from '../../../services/fleet/delete-host.js';

/** DELETE /api/v1/hosts/:hostId — the host and all its data, time series included. */
export function registerDeleteHost(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/hosts/:hostId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Delete a host with its containers, samples, events and logs',
        tags: ['hosts'],
        params: ZHostParamsSchema,
        response: { 200: ZDeletedHostSchema },
      },
    },
    async (request) => deleteHost(ctx, principalOf(request), request, request.params.hostId),
  );
}
