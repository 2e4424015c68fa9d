import { errorResponses, ZRuleHistoryRequestSchema, ZRuleHistorySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { previewRuleHistory } from '../../../services/alerting/rules/preview-rule-history.js';

/**
 * POST /api/v1/alert-rules/preview/history — what an unsaved rule would have done over the
 * last 24 h of stored data. A bounded read (nothing is written): anyone who may read rules.
 */
export function registerPreviewRuleHistory(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/alert-rules/preview/history',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Replay a rule over the last 24 h: how often it would have fired, on what, and when',
        tags: ['alert-rules'],
        body: ZRuleHistoryRequestSchema,
        response: { 200: ZRuleHistorySchema, ...errorResponses },
      },
    },
    async (request) => previewRuleHistory(ctx, principalOf(request), request.body),
  );
}
