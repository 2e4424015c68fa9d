import { errorResponses, ZAlertRuleSchema, ZNewAlertRuleSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createRule } from '../../../services/alerting/rules/create-rule.js';

/** POST /api/v1/alert-rules — params validated per kind; channels and groups must be the org's. */
export function registerCreateRule(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/alert-rules',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create an alert rule',
        tags: ['alert-rules'],
        body: ZNewAlertRuleSchema,
        response: { 201: ZAlertRuleSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createRule(ctx, request, principalOf(request), request.body)),
  );
}
