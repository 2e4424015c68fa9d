import {
  errorResponses,
  ZContainerGroupDetailSchema,
  ZContainerGroupParamsSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getContainerGroup } from '../../../services/fleet/container-groups/get-container-group.js';

/** GET /api/v1/container-groups/:groupId — a group and its members with their current containers. */
export function registerGetContainerGroup(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/container-groups/:groupId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'One container group with its members',
        description:
          'Members are host + container name; `container` is the present container of that name (null: not present).',
        tags: ['container-groups'],
        params: ZContainerGroupParamsSchema,
        response: { 200: ZContainerGroupDetailSchema, ...errorResponses },
      },
    },
    async (request) => getContainerGroup(ctx, principalOf(request), request.params.groupId),
  );
}
