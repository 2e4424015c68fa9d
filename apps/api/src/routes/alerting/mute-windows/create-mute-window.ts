import { errorResponses, ZMuteWindowSchema, ZNewMuteWindowSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createMuteWindow } from '../../../services/alerting/mute-windows/create-mute-window.js';

/** POST /api/v1/alert-mute-windows (admins) */
export function registerCreateMuteWindow(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/alert-mute-windows',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create a recurring mute window in a time zone',
        tags: ['alert-mute-windows'],
        body: ZNewMuteWindowSchema,
        response: { 201: ZMuteWindowSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createMuteWindow(ctx, request, principalOf(request), request.body)),
  );
}
