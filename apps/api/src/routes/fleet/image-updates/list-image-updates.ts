import { ZImageUpdateListSchema, ZListImageUpdatesQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listImageUpdates } from '../../../services/image-updates/list-image-updates.js';

/** GET /api/v1/image-updates — per image reference: its check, newest versions and containers. */
export function registerListImageUpdates(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/image-updates',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'Image references the fleet runs: update status, semver class and newest versions, containers and hosts, last check, registry quota',
        tags: ['image-updates'],
        querystring: ZListImageUpdatesQuerySchema,
        response: { 200: ZImageUpdateListSchema },
      },
    },
    async (request) => listImageUpdates(ctx, principalOf(request), request.query),
  );
}
