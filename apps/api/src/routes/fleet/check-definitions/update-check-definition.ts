import {
  errorResponses,
  ZCheckDefinitionChangeSchema,
  ZCheckDefinitionParamsSchema,
  ZCheckDefinitionSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateCheckDefinitionById } from '../../../services/checks/definitions/update-check-definition.js';

/** PATCH /api/v1/check-definitions/:definitionId — a new spec, or enable / disable it. */
export function registerUpdateCheckDefinition(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/check-definitions/:definitionId',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Change a check definition',
        tags: ['checks'],
        params: ZCheckDefinitionParamsSchema,
        body: ZCheckDefinitionChangeSchema,
        response: { 200: ZCheckDefinitionSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateCheckDefinitionById(
        ctx,
        request,
        principalOf(request),
        request.params.definitionId,
        request.body,
      ),
  );
}
