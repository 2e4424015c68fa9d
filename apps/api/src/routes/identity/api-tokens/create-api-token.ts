import { errorResponses, ZCreatedApiTokenSchema, ZNewApiTokenSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createApiToken } from '../../../services/identity/api-tokens/create-api-token.js';

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
        response: { 201: ZCreatedApiTokenSchema, ...errorResponses },
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
