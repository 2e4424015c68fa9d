import { errorResponses, ZAlertRuleParamsSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { deleteRule } from '../../../services/alerting/rules/delete-rule.js';

/** DELETE /api/v1/alert-rules/:ruleId — its alerts and their history go with it. */
export function registerDeleteRule(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/alert-rules/:ruleId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Delete an alert rule and its alerts',
        tags: ['alert-rules'],
        params: ZAlertRuleParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteRule(ctx, request, principalOf(request), request.params.ruleId);
      return reply.code(204).send(null);
    },
  );
}
