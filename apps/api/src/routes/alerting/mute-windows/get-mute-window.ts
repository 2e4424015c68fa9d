import { errorResponses, ZMuteWindowParamsSchema, ZMuteWindowSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getMuteWindow } from '../../../services/alerting/mute-windows/list-mute-windows.js';

/** GET /api/v1/alert-mute-windows/:windowId */
export function registerGetMuteWindow(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alert-mute-windows/:windowId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Get a mute window',
        tags: ['alert-mute-windows'],
        params: ZMuteWindowParamsSchema,
        response: { 200: ZMuteWindowSchema, ...errorResponses },
      },
    },
    async (request) => getMuteWindow(ctx, principalOf(request), request.params.windowId),
  );
}
