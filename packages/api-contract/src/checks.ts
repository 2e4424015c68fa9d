import { z } from 'zod';
import { pageSchema } from './paging.js';
import { ZHostIdSchema, ZIsoDateSchema, ZUuidSchema } from './primitives.js';
import { resolveTimeRange, timeRangeFields } from './time-range.js';

/**
 * Health checks (issue 16, docs/checks.md): checks defined by containers' `berth.check.*` labels,
 * run by the agent; a check is its host + container name + check name, with a stable id.
 */

export const CHECK_RESULT_STATUSES = ['up', 'pending', 'down'] as const;
export const ZCheckResultStatusSchema = z.enum(CHECK_RESULT_STATUSES);
export type CheckResultStatus = z.infer<typeof ZCheckResultStatusSchema>;

export const ZListChecksQuerySchema = z.object({
  hostId: ZHostIdSchema.optional(),
  /** Exact container name: its checks on every host of the filter. */
  containerName: z.string().trim().min(1).max(256).optional(),
  /** Only checks whose latest run has this status. */
  status: ZCheckResultStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2000).optional(),
});
export type ListChecksQuery = z.infer<typeof ZListChecksQuerySchema>;

/** Share of runs that were not down (pending counts as up, as in Uptime Kuma), 0–100; null with no runs. */
const ZUptimeSchema = z.number().min(0).max(100).nullable();

/**
 * A check's id: derived from its host, container name and check name (md5 as a uuid), so it is
 * the same check across agent restarts and container recreates. Not an RFC 9562 version, hence
 * `guid` (any 8-4-4-4-12 hex) rather than `uuid`.
 */
export const ZCheckIdSchema = z.guid();

export const ZCheckSummarySchema = z.object({
  id: ZCheckIdSchema,
  hostId: ZUuidSchema,
  hostName: z.string().nullable(),
  containerName: z.string(),
  /** The container the latest run found (null when it found none). */
  containerId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(['http', 'tcp']).nullable(),
  /** The latest run. */
  status: ZCheckResultStatusSchema,
  lastCheckedAt: ZIsoDateSchema,
  latencyMs: z.number(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
  target: z.string(),
  certExpiresAt: ZIsoDateSchema.nullable(),
  certExpiring: z.boolean(),
  uptime24h: ZUptimeSchema,
  uptime7d: ZUptimeSchema,
  /** Latency percentiles of the last 24 h's successful runs (null when none). */
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
});
export type CheckSummary = z.infer<typeof ZCheckSummarySchema>;
export const ZCheckPageSchema = pageSchema(ZCheckSummarySchema);

export const ZCheckParamsSchema = z.object({ checkId: ZCheckIdSchema });

export const ZCheckResultsQuerySchema = z
  .object({
    ...timeRangeFields,
    limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
  })
  .transform((query, ctx) => resolveTimeRange(query, ctx, 24 * 3_600_000));
export type CheckResultsQuery = z.infer<typeof ZCheckResultsQuerySchema>;

/** One run of a check. */
export const ZCheckResultPointSchema = z.object({
  ts: ZIsoDateSchema,
  status: ZCheckResultStatusSchema,
  latencyMs: z.number(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
  certExpiresAt: ZIsoDateSchema.nullable(),
});
export type CheckResultPoint = z.infer<typeof ZCheckResultPointSchema>;

/** The check and its runs in the range, oldest first (at most `limit`: the newest ones). */
export const ZCheckResultsSchema = z.object({
  check: ZCheckSummarySchema,
  from: ZIsoDateSchema,
  to: ZIsoDateSchema,
  results: z.array(ZCheckResultPointSchema),
  /** More runs fell in the range than `limit`; the oldest were left out. */
  truncated: z.boolean(),
});
export type CheckResults = z.infer<typeof ZCheckResultsSchema>;
