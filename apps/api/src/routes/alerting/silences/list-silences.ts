import { errorResponses, ZSilenceListQuerySchema, ZSilencePageSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listSilences } from '../../../services/alerting/silences/list-silences.js';

/** GET /api/v1/alert-silences — newest first, each with how many open alerts it holds now. */
export function registerListSilences(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alert-silences',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List silences (pending, active, expired)',
        tags: ['alert-silences'],
        querystring: ZSilenceListQuerySchema,
        response: { 200: ZSilencePageSchema, ...errorResponses },
      },
    },
    async (request) => listSilences(ctx, principalOf(request), request.query),
  );
}
