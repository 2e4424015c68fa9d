import { errorResponses, ZCheckDefinitionSchema, ZNewCheckDefinitionSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createCheckDefinition } from '../../../services/checks/definitions/create-check-definition.js';

/** POST /api/v1/check-definitions — a check on a container (host + name) or a group. */
export function registerCreateCheckDefinition(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/check-definitions',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Define a health check',
        description:
          "On a container (`hostId` + `containerName`: operators, hosts they may see) or a group (`groupId`: admins). Pushed to the hosts' agents.",
        tags: ['checks'],
        body: ZNewCheckDefinitionSchema,
        response: { 201: ZCheckDefinitionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createCheckDefinition(ctx, request, principalOf(request), request.body);
      return reply.code(201).send(created);
    },
  );
}
