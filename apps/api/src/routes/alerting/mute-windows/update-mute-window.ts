import {
  errorResponses,
  ZMuteWindowChangeSchema,
  ZMuteWindowParamsSchema,
  ZMuteWindowSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateMuteWindow } from '../../../services/alerting/mute-windows/update-mute-window.js';

/** PATCH /api/v1/alert-mute-windows/:windowId (admins) */
export function registerUpdateMuteWindow(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/alert-mute-windows/:windowId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change a mute window (enable, disable, edit); its kind stays',
        tags: ['alert-mute-windows'],
        params: ZMuteWindowParamsSchema,
        body: ZMuteWindowChangeSchema,
        response: { 200: ZMuteWindowSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateMuteWindow(ctx, request, principalOf(request), request.params.windowId, request.body),
  );
}
