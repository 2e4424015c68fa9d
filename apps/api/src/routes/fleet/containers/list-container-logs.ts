import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listContainerLogs } from '../../../services/fleet/list-container-logs.js';
import { pageSchema } from '../../../services/pagination.js';
import { followContainerLogs } from '../../live/follow-container-logs.js';
import { ZContainerParamsSchema, ZFlagSchema } from '../schemas/common-schemas.js';
import { resolveTimeRange, timeRangeFields } from '../schemas/time-range.js';

/** Stored-page filters that mean nothing for live lines (which have no history to search or page). */
const STORED_ONLY = ['from', 'to', 'q', 'cursor'] as const;

export const ZListLogsQuerySchema = z
  .object({
    ...timeRangeFields,
    stream: z.enum(['stdout', 'stderr']).optional(),
    /** Case-insensitive substring (no wildcards); dropped-line markers always show. */
    q: z.string().min(1).max(200).optional(),
    order: z.enum(['desc', 'asc']).default('desc'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: z.string().max(1000).optional(),
    follow: ZFlagSchema.describe('1: stream live lines from the agent as Server-Sent Events'),
    tail: z.coerce
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .describe('with follow=1: lines of history sent first (default 100)'),
  })
  .superRefine((query, ctx) => {
    if (!query.follow) {
      if (query.tail !== undefined)
        ctx.addIssue({ code: 'custom', path: ['tail'], message: 'tail applies only with follow=1' });
      return;
    }
    for (const field of STORED_ONLY) {
      if (query[field] === undefined) continue;
      ctx.addIssue({ code: 'custom', path: [field], message: `${field} applies only to stored lines` });
    }
  })
  .transform((query, ctx) => resolveTimeRange(query, ctx, 24 * 3_600_000));

const ZLogLineSchema = z.object({
  ts: z.iso.datetime(),
  stream: z.enum(['stdout', 'stderr']),
  line: z.string(),
  /** > 0 marks that many lines dropped by the agent's rate cap here (line is empty). */
  dropped: z.number(),
});

const SSE_DESCRIPTION =
  'With follow=1: `lines` events (`{"lines":[{"ts","stream","line"}]}`) as the agent sends them, ' +
  'then `end` (`{"error":string|null}`) when its stream is over. 409 when the host is offline.';

/**
 * GET /api/v1/hosts/:hostId/containers/:containerId/logs — stored lines (searchable, paginated),
 * or with `follow=1` live lines from the agent as Server-Sent Events.
 */
export function registerListContainerLogs(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId/containers/:containerId/logs',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "A container's log lines: stored (time range, stream, text search) or live with follow=1",
        description:
          'Without follow: a page of stored lines, newest first by default. With follow=1 (plus ' +
          'optional tail and stream): a text/event-stream of live lines until the caller leaves.',
        tags: ['containers'],
        params: ZContainerParamsSchema,
        querystring: ZListLogsQuerySchema,
        response: {
          200: {
            description: 'Stored lines (application/json) or, with follow=1, live lines (text/event-stream)',
            content: {
              'application/json': { schema: pageSchema(ZLogLineSchema) },
              'text/event-stream': { schema: z.string().describe(SSE_DESCRIPTION) },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { follow, tail, ...query } = request.query;
      if (follow) {
        const input = { ...request.params, tail: tail ?? 100, stream: query.stream };
        return followContainerLogs(ctx, request, reply, input);
      }
      return listContainerLogs(ctx, principalOf(request), { ...request.params, ...query });
    },
  );
}
