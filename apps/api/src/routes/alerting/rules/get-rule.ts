import { errorResponses, ZAlertRuleParamsSchema, ZAlertRuleSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getRule } from '../../../services/alerting/rules/list-rules.js';

/** GET /api/v1/alert-rules/:ruleId */
export function registerGetRule(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alert-rules/:ruleId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Get an alert rule',
        tags: ['alert-rules'],
        params: ZAlertRuleParamsSchema,
        response: { 200: ZAlertRuleSchema, ...errorResponses },
      },
    },
    async (request) => getRule(ctx, principalOf(request), request.params.ruleId),
  );
}
