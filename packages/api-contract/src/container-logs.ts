import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZFlagSchema, ZIsoDateSchema } from './primitives.js';
import { resolveTimeRange, timeRangeFields } from './time-range.js';

export const LOG_STREAMS = ['stdout', 'stderr'] as const;

/** Stored-page filters that mean nothing for live lines (which have no history to search or page). */
const STORED_ONLY = ['from', 'to', 'q', 'cursor'] as const;

export const ZListLogsQuerySchema = z
  .object({
    ...timeRangeFields,
    stream: z.enum(LOG_STREAMS).optional(),
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

export const ZLogLineSchema = z.object({
  ts: ZIsoDateSchema,
  stream: z.enum(LOG_STREAMS),
  line: z.string(),
  /** > 0 marks that many lines dropped by the agent's rate cap here (line is empty). */
  dropped: z.number(),
});
export type StoredLogLine = z.infer<typeof ZLogLineSchema>;
export const ZLogLinePageSchema = pageSchema(ZLogLineSchema);

/** The `lines` event of `…/logs?follow=1` (the agent's live lines, as the gateway relays them). */
export const ZLiveLogLinesSchema = z.object({
  lines: z.array(
    z.object({
      ts: z.string(),
      stream: z.enum(LOG_STREAMS),
      line: z.string().optional(),
      dropped: z.number().optional(),
      reason: z.string().optional(),
    }),
  ),
});
export type LiveLogLines = z.infer<typeof ZLiveLogLinesSchema>;

/** The `end` event of `…/logs?follow=1`: the agent's stream is over (error: why, if it failed). */
export const ZLiveLogEndSchema = z.object({ error: z.string().nullable() });

/** The text/event-stream answer of `…/logs?follow=1`, for the OpenAPI document. */
export const ZLiveLogStreamSchema = z
  .string()
  .describe(
    'With follow=1: `lines` events (`{"lines":[{"ts","stream","line"}]}`) as the agent sends them, ' +
      'then `end` (`{"error":string|null}`) when its stream is over. 409 when the host is offline.',
  );
