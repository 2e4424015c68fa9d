import { errorResponses, ZRulePreviewRequestSchema, ZRulePreviewSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { previewRule } from '../../../services/alerting/rules/preview-rule.js';

/**
 * POST /api/v1/alert-rules/preview — what an unsaved rule would watch now. A read (nothing is
 * written), so anyone who may read rules may preview; POST because the rule is a body.
 */
export function registerPreviewRule(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/alert-rules/preview',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "Preview a rule: the hosts and containers its scope matches now, with the metric's value",
        tags: ['alert-rules'],
        body: ZRulePreviewRequestSchema,
        response: { 200: ZRulePreviewSchema, ...errorResponses },
      },
    },
    async (request) => previewRule(ctx, principalOf(request), request.body),
  );
}
