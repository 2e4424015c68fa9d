import { errorResponses, ZContainerGroupParamsSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { deleteContainerGroup } from '../../../services/fleet/container-groups/delete-container-group.js';

/** DELETE /api/v1/container-groups/:groupId — the group and its memberships; containers are untouched. */
export function registerDeleteContainerGroup(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/container-groups/:groupId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Delete a container group',
        tags: ['container-groups'],
        params: ZContainerGroupParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteContainerGroup(ctx, request, principalOf(request), request.params.groupId);
      return reply.code(204).send(null);
    },
  );
}
