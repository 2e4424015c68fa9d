import { ZActionParamsSchema, ZActionSchema } from '@berth/api-contract';
import { AppError } from '@berth/http';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { toActionView } from '../../services/actions/action-view.js';
import { visibleHostFilter } from '../../services/identity/visible-host-filter.js';
import { inOrg } from '../../services/in-org.js';

/** GET /api/v1/actions/:actionId — status, output and timings. */
export function registerGetAction(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/actions/:actionId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'One action',
        tags: ['actions'],
        params: ZActionParamsSchema,
        response: { 200: ZActionSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const action = await inOrg(ctx, principal, async (tx) =>
        tx.action.findFirst({
          where: { id: request.params.actionId, host: await visibleHostFilter(tx, principal) },
        }),
      );
      if (!action) throw new AppError('not_found', 'no such action');
      return toActionView(action);
    },
  );
}
