import { errorResponses, ZCreatedInviteSchema, ZNewInviteSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createInvite } from '../../../services/identity/invites/create-invite.js';

/** POST /api/v1/invites — invites an e-mail; the link is mailed and returned once. */
export function registerCreateInvite(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/invites',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Invite someone by e-mail',
        tags: ['members'],
        body: ZNewInviteSchema,
        response: {
          201: ZCreatedInviteSchema,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const created = await createInvite(ctx, request, principalOf(request), request.body);
      return reply.code(201).send(created);
    },
  );
}
