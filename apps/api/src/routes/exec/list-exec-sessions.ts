import { errorResponses, ZExecSessionListQuerySchema, ZExecSessionPageSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { listExecSessions } from '../../services/exec/list-exec-sessions.js';

/** GET /api/v1/exec-sessions — who opened which terminal, when, and what it moved; newest first. */
export function registerListExecSessions(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/exec-sessions',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List exec sessions',
        tags: ['exec'],
        querystring: ZExecSessionListQuerySchema,
        response: { 200: ZExecSessionPageSchema, ...errorResponses },
      },
    },
    async (request) => listExecSessions(ctx, principalOf(request), request.query),
  );
}
