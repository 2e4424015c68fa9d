import { z } from 'zod';
import { ZMetricsQuerySchema } from './metrics.js';
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
  /** From the raw runs of the last 24 h. */
  uptime24h: ZUptimeSchema,
  /** From the 1-hour rollups: the current hour and the whole hours before it, 7 and 30 days back. */
  uptime7d: ZUptimeSchema,
  uptime30d: ZUptimeSchema,
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

/** `?from&to&step&resolution` of a check's latency chart: the metric charts' query (default: the last hour). */
export const ZCheckSeriesQuerySchema = ZMetricsQuerySchema;
export type CheckSeriesQuery = z.infer<typeof ZCheckSeriesQuerySchema>;

/**
 * A check's latency chart in the metric charts' shape: raw runs up to 6 h, 1-minute rollups up to
 * 3 days, 1-hour rollups beyond (or `resolution=`); one point per bin that had runs.
 */
export const ZCheckSeriesSchema = z.object({
  resolution: z.enum(['raw', '1m', '1h']),
  /** Start of the first bin (the requested `from`, moved back to a bin boundary). */
  from: ZIsoDateSchema,
  to: ZIsoDateSchema,
  stepSeconds: z.number(),
  /** Start of each bin, epoch milliseconds. */
  t: z.array(z.number()),
  /** Runs in the bin, and how many of them were down. */
  runs: z.array(z.number()),
  down: z.array(z.number()),
  /** Latency of every run in the bin (ms): mean, fastest, slowest. */
  latencyAvg: z.array(z.number()),
  latencyMin: z.array(z.number()),
  latencyMax: z.array(z.number()),
});
export type CheckSeries = z.infer<typeof ZCheckSeriesSchema>;

export const ZCheckFailuresQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export type CheckFailuresQuery = z.infer<typeof ZCheckFailuresQuerySchema>;

/** A check's newest down runs (raw retention: 31 days), newest first, each with its error text. */
export const ZCheckFailuresSchema = z.object({
  items: z.array(ZCheckResultPointSchema.extend({ target: z.string() })),
});
export type CheckFailures = z.infer<typeof ZCheckFailuresSchema>;
