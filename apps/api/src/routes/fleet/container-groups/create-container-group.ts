import { errorResponses, ZContainerGroupSchema, ZNewContainerGroupSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createContainerGroup } from '../../../services/fleet/container-groups/create-container-group.js';

/** POST /api/v1/container-groups — a new, empty group (name unique in the organisation). */
export function registerCreateContainerGroup(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/container-groups',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create a container group',
        tags: ['container-groups'],
        body: ZNewContainerGroupSchema,
        response: { 201: ZContainerGroupSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const group = await createContainerGroup(ctx, request, principalOf(request), request.body);
      return reply.code(201).send(group);
    },
  );
}
