import { errorResponses, ZNoContentSchema, ZUpdatePolicyRuleParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { deleteUpdatePolicy } from '../../services/updates/delete-update-policy.js';

/** DELETE /api/v1/update-policies/:ruleId — its scope falls back to the next level. */
export function registerDeleteUpdatePolicy(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/update-policies/:ruleId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Delete an image update policy',
        tags: ['updates'],
        params: ZUpdatePolicyRuleParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteUpdatePolicy(ctx, request, principalOf(request), request.params.ruleId);
      return reply.code(204).send(null);
    },
  );
}
