import { errorResponses, ZSignInUnlockSchema, ZUnlockedSignInSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { unlockSignIn } from '../../../services/identity/auth/unlock-sign-in.js';

/**
 * POST /api/v1/auth/sign-in/unlock — spends the link of a "sign-ins are being slowed down"
 * e-mail and answers a device token for the browser that opened it (the console keeps it in
 * its `berth-device` cookie), so that browser's password sign-in is not held back by others'.
 */
export function registerUnlockSignIn(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/auth/sign-in/unlock',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        summary: 'Trust this browser for sign-in, with an e-mailed link',
        tags: ['auth'],
        security: [],
        body: ZSignInUnlockSchema,
        response: { 200: ZUnlockedSignInSchema, ...errorResponses },
      },
    },
    async (request) => unlockSignIn(ctx, request, request.body.token),
  );
}
