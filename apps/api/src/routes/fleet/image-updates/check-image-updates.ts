import { ZCheckImageUpdatesResultSchema, ZCheckImageUpdatesSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { checkImageUpdates } from '../../../services/image-updates/check-image-updates.js';

/** POST /api/v1/image-updates/check — "check now" for one reference or all. */
export function registerCheckImageUpdates(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/image-updates/check',
    {
      config: { access: 'operator' },
      schema: {
        summary:
          'Make image update checks due now (one reference, or every one); hosts run them within a minute',
        tags: ['image-updates'],
        body: ZCheckImageUpdatesSchema,
        response: { 200: ZCheckImageUpdatesResultSchema },
      },
    },
    async (request) => checkImageUpdates(ctx, principalOf(request), request, request.body),
  );
}
