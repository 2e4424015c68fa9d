import { errorResponses, ZUpdatePolicyRuleListSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { listUpdatePolicies } from '../../services/updates/list-update-policies.js';

/** GET /api/v1/update-policies — the organisation's image update policy rules. */
export function registerListUpdatePolicies(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/update-policies',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List image update policies',
        tags: ['updates'],
        response: { 200: ZUpdatePolicyRuleListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listUpdatePolicies(ctx, principalOf(request)) }),
  );
}
