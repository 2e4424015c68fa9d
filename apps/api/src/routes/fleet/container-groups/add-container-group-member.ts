import { errorResponses, ZContainerGroupMemberParamsSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { addContainerGroupMember } from '../../../services/fleet/container-groups/add-container-group-member.js';

/** PUT /api/v1/container-groups/:groupId/members/:hostId/:containerName — idempotent. */
export function registerAddContainerGroupMember(app: ApiApp, ctx: ApiContext): void {
  app.put(
    '/api/v1/container-groups/:groupId/members/:hostId/:containerName',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Add a container (host + name) to a group',
        description:
          'The member follows the container across recreation (same host and name). Only hosts the caller may see.',
        tags: ['container-groups'],
        params: ZContainerGroupMemberParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await addContainerGroupMember(ctx, request, principalOf(request), request.params);
      return reply.code(204).send(null);
    },
  );
}
