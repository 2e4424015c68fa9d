import { errorResponses, ZInviteOfferSchema, ZInviteTokenSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { inspectInvite } from '../../../services/identity/invites/inspect-invite.js';

/** POST /api/v1/invites/inspect — what an invite link offers (for the console's invite page). */
export function registerInspectInvite(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/invites/inspect',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        summary: 'Show what an invite link offers',
        tags: ['members'],
        security: [],
        body: ZInviteTokenSchema,
        response: {
          200: ZInviteOfferSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => inspectInvite(ctx, request.body.token),
  );
}
