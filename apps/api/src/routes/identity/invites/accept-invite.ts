import { errorResponses, ZAcceptedInviteSchema, ZInviteTokenSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { acceptInvite } from '../../../services/identity/invites/accept-invite.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';

/** POST /api/v1/invites/accept — I join the organisation of an invite addressed to my e-mail. */
export function registerAcceptInvite(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/invites/accept',
    {
      config: { access: 'signed-in', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        summary: 'Accept an invite',
        tags: ['members'],
        body: ZInviteTokenSchema,
        response: {
          200: ZAcceptedInviteSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => acceptInvite(ctx, request, signedInCallerOf(request), request.body.token),
  );
}
