import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createApiToken } from '../../../services/identity/api-tokens/create-api-token.js';
import { errorResponses, ZRoleSchema } from '../schemas.js';
import { ZApiTokenSchema } from './api-token-schemas.js';

export const ZNewApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** At most the creator's own role. */
  role: ZRoleSchema,
  expiresAt: z.iso.datetime().optional(),
});

/** POST /api/v1/api-tokens — a token, its secret shown once in `secret` (berth_api_…). */
export function registerCreateApiToken(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/api-tokens',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Create an API token',
        tags: ['api-tokens'],
        body: ZNewApiTokenSchema,
        response: { 201: z.object({ token: ZApiTokenSchema, secret: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const created = await createApiToken(ctx, request, principalOf(request), {
        ...rest,
        expiresAt: expiresAt ? new Date(expiresAt) : undefined,
      });
      return reply.code(201).send(created);
    },
  );
}
