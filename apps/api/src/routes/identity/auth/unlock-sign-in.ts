import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { unlockSignIn } from '../../../services/identity/auth/unlock-sign-in.js';
import { errorResponses } from '../schemas.js';
import { ZDeviceSchema } from './sign-in.js';

export const ZSignInUnlockSchema = z.object({ token: z.string().regex(/^berth_unlock_[A-Za-z0-9_-]{43}$/) });

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
        response: { 200: z.object({ email: z.string(), device: ZDeviceSchema }), ...errorResponses },
      },
    },
    async (request) => unlockSignIn(ctx, request, request.body.token),
  );
}
