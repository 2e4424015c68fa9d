import { ZHostParamsSchema, ZHostSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { revokeHost } from '../../../services/fleet/revoke-host.js';

/** POST /api/v1/hosts/:hostId/revoke — the agent is disconnected and refused from now on. */
export function registerRevokeHost(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/hosts/:hostId/revoke',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Revoke a host's credential and disconnect its agent",
        tags: ['hosts'],
        params: ZHostParamsSchema,
        response: { 200: ZHostSchema },
      },
    },
    async (request) => revokeHost(ctx, principalOf(request), request, request.params.hostId),
  );
}
