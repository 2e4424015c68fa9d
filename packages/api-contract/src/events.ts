import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZContainerIdSchema, ZHostIdSchema, ZIsoDateSchema, ZUuidSchema } from './primitives.js';
import { resolveTimeRange, timeRangeFields } from './time-range.js';

export const ZListEventsQuerySchema = z
  .object({
    ...timeRangeFields,
    hostId: ZHostIdSchema.optional(),
    containerId: ZContainerIdSchema.optional(),
    /** Exact container name (as the inventory has it): its events on every host of the filter. */
    containerName: z.string().trim().min(1).max(255).optional(),
    /** Exact Docker action (`start`, `die`, `oom`, …) or `health_check: <status>`. */
    action: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(2000).optional(),
  })
  .transform((query, ctx) => resolveTimeRange(query, ctx, 24 * 3_600_000));

/** A container event of the fleet (Docker's action verbatim: `start`, `die`, `health_status: healthy`). */
export const ZFleetEventSchema = z.object({
  ts: ZIsoDateSchema,
  hostId: ZUuidSchema,
  hostName: z.string().nullable(),
  containerId: z.string(),
  containerName: z.string().nullable(),
  action: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  /** Identical events within one batch interval are counted, not repeated. */
  count: z.number(),
});
export type FleetEvent = z.infer<typeof ZFleetEventSchema>;
export const ZFleetEventPageSchema = pageSchema(ZFleetEventSchema);
