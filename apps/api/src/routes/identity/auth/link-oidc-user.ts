import { errorResponses, ZOidcLinkedSchema, ZOidcLinkSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { linkOidcUser } from '../../../services/identity/auth/link-oidc-user.js';
import {
  digestRawBody,
  INTERNAL_HEADER,
  verifyInternalRequest,
} from '../../../services/identity/internal-request.js';

/**
 * POST /api/v1/auth/oidc-link — server to server, from the console's OIDC callback: finds
 * the user of a known identity, or links / creates the user of its verified e-mail. Public to access control, but refused without
 * a valid `x-berth-internal` signature (see services/identity/internal-request.ts).
 */
export function registerLinkOidcUser(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/auth/oidc-link',
    {
      config: { access: 'public', rateLimit: false },
      preParsing: digestRawBody,
      // Before body validation: an unsigned caller learns nothing about the body's shape.
      preValidation: async (request) => verifyInternalRequest(request, ctx.settings.authSecret),
      schema: {
        summary: 'Find, link or create the user of an OIDC identity (console back end only)',
        description: `Requires the ${INTERNAL_HEADER} request signature.`,
        tags: ['auth'],
        security: [],
        body: ZOidcLinkSchema,
        response: {
          200: ZOidcLinkedSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      return linkOidcUser(ctx, request, request.body);
    },
  );
}
