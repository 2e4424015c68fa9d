import { errorResponses, ZSilenceParamsSchema, ZSilenceSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { expireSilence } from '../../../services/alerting/silences/expire-silence.js';

/** DELETE /api/v1/alert-silences/:silenceId — ends it now; the record stays (operators and up). */
export function registerExpireSilence(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/alert-silences/:silenceId',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Expire a silence now (it stays listed as expired)',
        tags: ['alert-silences'],
        params: ZSilenceParamsSchema,
        response: { 200: ZSilenceSchema, ...errorResponses },
      },
    },
    async (request) => expireSilence(ctx, request, principalOf(request), request.params.silenceId),
  );
}
