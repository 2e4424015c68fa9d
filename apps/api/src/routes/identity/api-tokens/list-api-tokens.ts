import { errorResponses, ZApiTokenPageSchema, ZPageQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listApiTokens } from '../../../services/identity/api-tokens/list-api-tokens.js';

/** GET /api/v1/api-tokens — tokens with their last use (all for admins, else my own); never secrets. */
export function registerListApiTokens(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/api-tokens',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List API tokens',
        tags: ['api-tokens'],
        querystring: ZPageQuerySchema,
        response: { 200: ZApiTokenPageSchema, ...errorResponses },
      },
    },
    async (request) => listApiTokens(ctx, principalOf(request), request.query),
  );
}
