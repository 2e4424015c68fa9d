import { errorResponses, ZNoContentSchema, ZUserIdParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { removeMember } from '../../../services/identity/members/remove-member.js';

/** DELETE /api/v1/members/:userId — removes a member (not the last owner); their tokens are revoked. */
export function registerRemoveMember(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/members/:userId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Remove a member',
        tags: ['members'],
        params: ZUserIdParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeMember(ctx, request, principalOf(request), request.params.userId);
      return reply.code(204).send(null);
    },
  );
}
