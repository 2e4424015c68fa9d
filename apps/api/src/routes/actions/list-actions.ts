import { ZActionPageSchema, ZListActionsQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { listActions } from '../../services/actions/list-actions.js';

/** GET /api/v1/actions — newest first, filtered by host, container, status or verb. */
export function registerListActions(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/actions',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List actions',
        tags: ['actions'],
        querystring: ZListActionsQuerySchema,
        response: { 200: ZActionPageSchema },
      },
    },
    async (request) => listActions(ctx, principalOf(request), request.query),
  );
}
