import { errorResponses, ZBulkUpdateRequestSchema, ZBulkUpdateResponseSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { applyBulkUpdates } from '../../services/updates/apply-bulk-updates.js';

/**
 * POST /api/v1/image-updates/apply — update many containers (the Updates page's bulk apply):
 * 200 with one result per item, accepted (its action) or refused (why), after the whole body
 * was validated (400 naming the field and index).
 */
export function registerApplyBulkUpdates(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/image-updates/apply',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Update several containers, each gated by its update policy',
        tags: ['updates'],
        body: ZBulkUpdateRequestSchema,
        response: { 200: ZBulkUpdateResponseSchema, ...errorResponses },
      },
    },
    async (request) => applyBulkUpdates(ctx, principalOf(request), request, request.body),
  );
}
