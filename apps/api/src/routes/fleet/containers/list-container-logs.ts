import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listContainerLogs } from '../../../services/fleet/list-container-logs.js';
import { pageSchema } from '../../../services/pagination.js';
import { ZContainerParamsSchema } from '../schemas/common-schemas.js';
import { resolveTimeRange, timeRangeFields } from '../schemas/time-range.js';

export const ZListLogsQuerySchema = z
  .object({
    ...timeRangeFields,
    stream: z.enum(['stdout', 'stderr']).optional(),
    /** Case-insensitive substring (no wildcards); dropped-line markers always show. */
    q: z.string().min(1).max(200).optional(),
    order: z.enum(['desc', 'asc']).default('desc'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: z.string().max(1000).optional(),
  })
  .transform((query, ctx) => resolveTimeRange(query, ctx, 24 * 3_600_000));

const ZLogLineSchema = z.object({
  ts: z.iso.datetime(),
  stream: z.enum(['stdout', 'stderr']),
  line: z.string(),
  /** > 0 marks that many lines dropped by the agent's rate cap here (line is empty). */
  dropped: z.number(),
});

/** GET /api/v1/hosts/:hostId/containers/:containerId/logs — stored lines, searchable, paginated. */
export function registerListContainerLogs(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId/containers/:containerId/logs',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "A container's stored log lines (time range, stream, text search), newest first by default",
        tags: ['containers'],
        params: ZContainerParamsSchema,
        querystring: ZListLogsQuerySchema,
        response: { 200: pageSchema(ZLogLineSchema) },
      },
    },
    async (request) => listContainerLogs(ctx, principalOf(request), { ...request.params, ...request.query }),
  );
}
