import { errorResponses, ZMuteWindowParamsSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { deleteMuteWindow } from '../../../services/alerting/mute-windows/delete-mute-window.js';

/** DELETE /api/v1/alert-mute-windows/:windowId (admins) */
export function registerDeleteMuteWindow(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/alert-mute-windows/:windowId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Delete a mute window',
        tags: ['alert-mute-windows'],
        params: ZMuteWindowParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteMuteWindow(ctx, request, principalOf(request), request.params.windowId);
      return reply.code(204).send(null);
    },
  );
}
