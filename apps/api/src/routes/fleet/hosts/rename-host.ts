import { ZHostParamsSchema, ZHostSchema, ZRenameHostSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateHost } from '../../../services/fleet/update-host.js';

/** PATCH /api/v1/hosts/:hostId — the display name (the agent's hostname stays as reported). */
export function registerRenameHost(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/hosts/:hostId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Rename a host',
        tags: ['hosts'],
        params: ZHostParamsSchema,
        body: ZRenameHostSchema,
        response: { 200: ZHostSchema },
      },
    },
    async (request) =>
      updateHost(ctx, principalOf(request), request, {
        hostId: request.params.hostId,
        data: { name: request.body.name },
        action: 'host.rename',
        details: { name: request.body.name },
      }),
  );
}
