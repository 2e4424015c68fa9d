import {
  errorResponses,
  ZAlertRuleChangeSchema,
  ZAlertRuleParamsSchema,
  ZAlertRuleSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateRule } from '../../../services/alerting/rules/update-rule.js';

/** PATCH /api/v1/alert-rules/:ruleId — any subset; the result is validated whole. */
export function registerUpdateRule(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/alert-rules/:ruleId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change an alert rule (enable, disable, edit); its kind stays',
        tags: ['alert-rules'],
        params: ZAlertRuleParamsSchema,
        body: ZAlertRuleChangeSchema,
        response: { 200: ZAlertRuleSchema, ...errorResponses },
      },
    },
    async (request) => updateRule(ctx, request, principalOf(request), request.params.ruleId, request.body),
  );
}
