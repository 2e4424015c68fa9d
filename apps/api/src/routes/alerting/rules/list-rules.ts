import { errorResponses, ZAlertRulePageSchema, ZPageQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listRules } from '../../../services/alerting/rules/list-rules.js';

/** GET /api/v1/alert-rules — the organisation's rules, each with its open alert counts. */
export function registerListRules(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alert-rules',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List alert rules with their firing and pending counts',
        tags: ['alert-rules'],
        querystring: ZPageQuerySchema,
        response: { 200: ZAlertRulePageSchema, ...errorResponses },
      },
    },
    async (request) => listRules(ctx, principalOf(request), request.query),
  );
}
