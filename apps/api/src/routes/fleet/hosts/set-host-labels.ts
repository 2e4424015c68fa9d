import { ZHostParamsSchema, ZHostSchema, ZSetHostLabelsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateHost } from '../../../services/fleet/update-host.js';

/** PUT /api/v1/hosts/:hostId/labels — replaces the host's labels (teams may be limited by them). */
export function registerSetHostLabels(app: ApiApp, ctx: ApiContext): void {
  app.put(
    '/api/v1/hosts/:hostId/labels',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Replace a host's labels",
        tags: ['hosts'],
        params: ZHostParamsSchema,
        body: ZSetHostLabelsSchema,
        response: { 200: ZHostSchema },
      },
    },
    async (request) =>
      updateHost(ctx, principalOf(request), request, {
        hostId: request.params.hostId,
        data: { labels: request.body.labels },
        action: 'host.set_labels',
        details: { labels: request.body.labels },
      }),
  );
}
