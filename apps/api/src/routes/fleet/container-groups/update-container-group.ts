import {
  errorResponses,
  ZContainerGroupChangeSchema,
  ZContainerGroupParamsSchema,
  ZContainerGroupSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateContainerGroup } from '../../../services/fleet/container-groups/update-container-group.js';

/** PATCH /api/v1/container-groups/:groupId — rename, recolour or redescribe a group. */
export function registerUpdateContainerGroup(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/container-groups/:groupId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change a container group',
        tags: ['container-groups'],
        params: ZContainerGroupParamsSchema,
        body: ZContainerGroupChangeSchema,
        response: { 200: ZContainerGroupSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateContainerGroup(ctx, request, principalOf(request), request.params.groupId, request.body),
  );
}
