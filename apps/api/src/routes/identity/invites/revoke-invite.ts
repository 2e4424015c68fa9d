import { errorResponses, ZInviteParamsSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { revokeInvite } from '../../../services/identity/invites/revoke-invite.js';

/** DELETE /api/v1/invites/:inviteId — revokes a pending invite. */
export function registerRevokeInvite(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/invites/:inviteId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Revoke an invite',
        tags: ['members'],
        params: ZInviteParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeInvite(ctx, request, principalOf(request), request.params.inviteId);
      return reply.code(204).send(null);
    },
  );
}
