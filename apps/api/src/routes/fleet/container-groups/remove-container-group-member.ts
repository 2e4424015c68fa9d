import { errorResponses, ZContainerGroupMemberParamsSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { removeContainerGroupMember } from '../../../services/fleet/container-groups/remove-container-group-member.js';

/** DELETE /api/v1/container-groups/:groupId/members/:hostId/:containerName */
export function registerRemoveContainerGroupMember(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/container-groups/:groupId/members/:hostId/:containerName',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Remove a container (host + name) from a group',
        tags: ['container-groups'],
        params: ZContainerGroupMemberParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeContainerGroupMember(ctx, request, principalOf(request), request.params);
      return reply.code(204).send(null);
    },
  );
}
