import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listEvents } from '../../../services/fleet/list-events.js';
import { pageSchema } from '../../../services/pagination.js';
import { ZContainerIdSchema, ZHostIdSchema } from '../schemas/common-schemas.js';
import { resolveTimeRange, timeRangeFields } from '../schemas/time-range.js';

export const ZListEventsQuerySchema = z
  .object({
    ...timeRangeFields,
    hostId: ZHostIdSchema.optional(),
    containerId: ZContainerIdSchema.optional(),
    /** Exact Docker action (`start`, `die`, `oom`, …) or `health_check: <status>`. */
    action: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(2000).optional(),
  })
  .transform((query, ctx) => resolveTimeRange(query, ctx, 24 * 3_600_000));

const ZEventSchema = z.object({
  ts: z.iso.datetime(),
  hostId: z.uuid(),
  hostName: z.string().nullable(),
  containerId: z.string(),
  containerName: z.string().nullable(),
  action: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  /** Identical events within one batch interval are counted, not repeated. */
  count: z.number(),
});

/** GET /api/v1/events — container events across the fleet, newest first. */
export function registerListEvents(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/events',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Container events (filters: host, container, action, time range), newest first',
        tags: ['events'],
        querystring: ZListEventsQuerySchema,
        response: { 200: pageSchema(ZEventSchema) },
      },
    },
    async (request) => listEvents(ctx, principalOf(request), request.query),
  );
}
