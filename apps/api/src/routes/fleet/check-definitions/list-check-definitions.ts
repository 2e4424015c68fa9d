import {
  errorResponses,
  ZCheckDefinitionListSchema,
  ZListCheckDefinitionsQuerySchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listCheckDefinitionsFor } from '../../../services/checks/definitions/list-check-definitions.js';

/** GET /api/v1/check-definitions — checks defined in the API / console (pushed to the agents). */
export function registerListCheckDefinitions(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/check-definitions',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List check definitions',
        description:
          "Per-container definitions on hosts the caller may see, and every group's; filter by `hostId` + `containerName` or `groupId`.",
        tags: ['checks'],
        querystring: ZListCheckDefinitionsQuerySchema,
        response: { 200: ZCheckDefinitionListSchema, ...errorResponses },
      },
    },
    async (request) => listCheckDefinitionsFor(ctx, principalOf(request), request.query),
  );
}
