import { errorResponses, ZApiTokenParamsSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { revokeApiToken } from '../../../services/identity/api-tokens/revoke-api-token.js';

/** DELETE /api/v1/api-tokens/:tokenId — revokes a token (my own, or any as admin). */
export function registerRevokeApiToken(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/api-tokens/:tokenId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Revoke an API token',
        tags: ['api-tokens'],
        params: ZApiTokenParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, request, principalOf(request), request.params.tokenId);
      return reply.code(204).send(null);
    },
  );
}
