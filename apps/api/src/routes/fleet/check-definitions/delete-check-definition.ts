import { errorResponses, ZCheckDefinitionParamsSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { deleteCheckDefinitionById } from '../../../services/checks/definitions/delete-check-definition.js';

/** DELETE /api/v1/check-definitions/:definitionId — the agents stop running it; its results stay. */
export function registerDeleteCheckDefinition(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/check-definitions/:definitionId',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Delete a check definition',
        tags: ['checks'],
        params: ZCheckDefinitionParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteCheckDefinitionById(ctx, request, principalOf(request), request.params.definitionId);
      return reply.code(204).send(null);
    },
  );
}
