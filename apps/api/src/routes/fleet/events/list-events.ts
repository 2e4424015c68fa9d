import { ZFleetEventPageSchema, ZListEventsQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listEvents } from '../../../services/fleet/list-events.js';

/** GET /api/v1/events — container events across the fleet, newest first. */
export function registerListEvents(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/events',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Container events (filters: host, container id or name, action, time range), newest first',
        tags: ['events'],
        querystring: ZListEventsQuerySchema,
        response: { 200: ZFleetEventPageSchema },
      },
    },
    async (request) => listEvents(ctx, principalOf(request), request.query),
  );
}
