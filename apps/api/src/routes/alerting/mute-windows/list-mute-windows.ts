import { errorResponses, ZMuteWindowPageSchema, ZPageQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listMuteWindows } from '../../../services/alerting/mute-windows/list-mute-windows.js';

/** GET /api/v1/alert-mute-windows — maintenance windows and quiet hours, each saying if it mutes now. */
export function registerListMuteWindows(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alert-mute-windows',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List mute windows (maintenance, quiet hours)',
        tags: ['alert-mute-windows'],
        querystring: ZPageQuerySchema,
        response: { 200: ZMuteWindowPageSchema, ...errorResponses },
      },
    },
    async (request) => listMuteWindows(ctx, principalOf(request), request.query),
  );
}
