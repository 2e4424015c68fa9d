import { errorResponses, ZContainerParamsSchema, ZResolvedUpdatePolicySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { inOrg } from '../../services/in-org.js';
import { resolveContainerPolicy } from '../../services/updates/resolve-container-policy.js';

/** GET /api/v1/hosts/:hostId/containers/:containerId/update-policy — the policy that applies, and why. */
export function registerGetContainerUpdatePolicy(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId/containers/:containerId/update-policy',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "A container's image update policy",
        tags: ['updates'],
        params: ZContainerParamsSchema,
        response: { 200: ZResolvedUpdatePolicySchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { resolved } = await inOrg(ctx, principal, (tx) =>
        resolveContainerPolicy(tx, principal, request.params),
      );
      return resolved;
    },
  );
}
