import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createInvite } from '../../../services/identity/invites/create-invite.js';
import { errorResponses, ZEmailSchema, ZRoleSchema } from '../schemas.js';
import { ZInviteSchema } from './invite-schemas.js';

export const ZNewInviteSchema = z.object({
  email: ZEmailSchema,
  role: ZRoleSchema,
  /** How long the link works: 1 hour to 30 days, 72 hours by default. */
  expiresInHours: z.int().min(1).max(720).default(72),
});

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
          201: z.object({ invite: ZInviteSchema, url: z.url(), mailed: z.boolean() }),
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
