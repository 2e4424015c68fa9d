import { z } from 'zod';
import { ZIsoDateSchema } from './primitives.js';
import { resolveTimeRange, timeRangeFields } from './time-range.js';

const HOUR = 3_600_000;
export const METRIC_RESOLUTIONS = ['raw', '1m', '1h'] as const;

/** `?from&to&step&resolution` of both chart endpoints; `to` defaults to now, `from` to 1 h before. */
export const ZMetricsQuerySchema = z
  .object({
    ...timeRangeFields,
    /** Minimum seconds per point; wider ranges are binned further to stay ≤ 2,000 points. */
    step: z.coerce
      .number()
      .int()
      .min(1)
      .max(31 * 86_400)
      .optional(),
    /** Override the automatic choice (raw ≤ 6 h, 1m ≤ 3 d, 1h beyond). */
    resolution: z.enum(METRIC_RESOLUTIONS).optional(),
  })
  .transform((query, ctx) => resolveTimeRange(query, ctx, HOUR));

const windowFields = {
  resolution: z.enum(METRIC_RESOLUTIONS),
  /** Start of the first bin (the requested `from`, moved back to a bin boundary). */
  from: ZIsoDateSchema,
  to: ZIsoDateSchema,
  /** Width of each point's bin. */
  stepSeconds: z.number(),
  /** Start of each bin, epoch milliseconds; only bins with data appear. */
  t: z.array(z.number()),
};

/** null where unknown: the first point, and across a counter reset. */
const rates = z.array(z.number().nullable());

export const ZContainerMetricsSchema = z.object({
  ...windowFields,
  /** Average CPU % in the bin (Docker's: 100 per core). */
  cpu: z.array(z.number()),
  cpuMax: z.array(z.number()),
  /** Average memory bytes in the bin. */
  memory: z.array(z.number()),
  memoryMax: z.array(z.number()),
  memoryLimit: z.array(z.number()),
  /** Bytes per second. */
  netRx: rates,
  netTx: rates,
  blkRead: rates,
  blkWrite: rates,
});
export type ContainerMetrics = z.infer<typeof ZContainerMetricsSchema>;

export const ZHostMetricsSchema = z.object({
  ...windowFields,
  cpu: z.array(z.number()),
  cpuMax: z.array(z.number()),
  load1: z.array(z.number()),
  memUsed: z.array(z.number()),
  memUsedMax: z.array(z.number()),
  memTotal: z.array(z.number()),
  diskUsed: z.array(z.number()),
  diskTotal: z.array(z.number()),
  netRx: rates,
  netTx: rates,
});
export type HostMetrics = z.infer<typeof ZHostMetricsSchema>;
