import { errorResponses, ZCreatedSessionSchema, ZNewSessionSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import {
  digestRawBody,
  INTERNAL_HEADER,
  verifyInternalRequest,
} from '../../../services/identity/internal-request.js';
import { createUserSession } from '../../../services/identity/sessions/create-user-session.js';

/**
 * POST /api/v1/auth/sessions — server to server, from the console's Auth.js `jwt` callback
 * at sign-in: registers the session whose id the console puts in the JWT as `sid`.
 */
export function registerCreateUserSession(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/auth/sessions',
    {
      config: { access: 'public', rateLimit: false },
      preParsing: digestRawBody,
      // Before body validation: an unsigned caller learns nothing about the body's shape.
      preValidation: async (request) => verifyInternalRequest(request, ctx.settings.authSecret),
      schema: {
        summary: 'Register a console session (console back end only)',
        description: `Requires the ${INTERNAL_HEADER} request signature.`,
        tags: ['auth'],
        security: [],
        body: ZNewSessionSchema,
        response: {
          201: ZCreatedSessionSchema,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const session = await createUserSession(ctx, request, {
        ...rest,
        expiresAt: expiresAt ? new Date(expiresAt) : undefined,
      });
      return reply
        .code(201)
        .send({ sessionId: session.sessionId, expiresAt: session.expiresAt.toISOString() });
    },
  );
}
