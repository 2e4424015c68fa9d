import { errorResponses, ZSetUpdatePolicyRequestSchema, ZUpdatePolicyRuleSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { setUpdatePolicy } from '../../services/updates/set-update-policy.js';

/** PUT /api/v1/update-policies — set the policy of one scope (default, category, pattern, group, container). */
export function registerSetUpdatePolicy(app: ApiApp, ctx: ApiContext): void {
  app.put(
    '/api/v1/update-policies',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Set an image update policy',
        tags: ['updates'],
        body: ZSetUpdatePolicyRequestSchema,
        response: { 200: ZUpdatePolicyRuleSchema, ...errorResponses },
      },
    },
    async (request) => setUpdatePolicy(ctx, request, principalOf(request), request.body),
  );
}
