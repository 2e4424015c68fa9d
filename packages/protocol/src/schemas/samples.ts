import * as z from 'zod/mini';
import { LIMITS } from '../limits.js';
import {
  boundedNumber,
  boundedText,
  COUNT_BOUNDS,
  type NumberBounds,
  numberSchema,
  ZCountSchema,
  ZShortContainerIdSchema,
  ZTimestampSchema,
} from './primitives.js';

/** Docker CLI's CPU% is per core summed, so 100 × CPUs; 4096 CPUs is a generous ceiling. */
export const MAX_CONTAINER_CPU_PCT = 100 * 4096;

/** CPU time ceiling: 4096 cores busy for 100 years, far above any real container's counter. */
export const MAX_CONTAINER_CPU_SECONDS = 4096 * 100 * 365.25 * 86_400;

/** The numeric fields of a container sample; the row schema and the columnar form both check these. */
export const CONTAINER_SAMPLE_NUMBERS = {
  cpuPct: { int: false, min: 0, max: MAX_CONTAINER_CPU_PCT },
  memBytes: COUNT_BOUNDS,
  memLimit: COUNT_BOUNDS,
  netRx: COUNT_BOUNDS,
  netTx: COUNT_BOUNDS,
  blkRead: COUNT_BOUNDS,
  blkWrite: COUNT_BOUNDS,
  pids: COUNT_BOUNDS,
  cpuSeconds: { int: false, min: 0, max: MAX_CONTAINER_CPU_SECONDS },
} as const satisfies Record<string, NumberBounds>;

const N = CONTAINER_SAMPLE_NUMBERS;

/**
 * One `docker stats` reading. Byte and I/O counters are cumulative since the container started
 * (the database derives rates); memory follows the Docker CLI (usage − inactive file cache).
 */
export const ZContainerSampleSchema = z.object({
  containerId: ZShortContainerIdSchema,
  ts: ZTimestampSchema,
  cpuPct: numberSchema(N.cpuPct),
  memBytes: numberSchema(N.memBytes),
  /** 0 or the host's memory when the container has no limit, as Docker reports it. */
  memLimit: numberSchema(N.memLimit),
  netRx: numberSchema(N.netRx),
  netTx: numberSchema(N.netTx),
  blkRead: numberSchema(N.blkRead),
  blkWrite: numberSchema(N.blkWrite),
  pids: numberSchema(N.pids),
  /**
   * CPU time used since the container started, in seconds (Docker's cumulative
   * `cpu_stats.cpu_usage.total_usage`, nanoseconds / 1e9): what cAdvisor exports as
   * `container_cpu_usage_seconds_total`. Added within v1, so optional: agents before it omit it.
   */
  cpuSeconds: z.optional(numberSchema(N.cpuSeconds)),
});
export type ContainerSample = z.infer<typeof ZContainerSampleSchema>;

export const ZDiskUsageSchema = z.object({
  mount: boundedText(1024, 1),
  used: ZCountSchema,
  total: ZCountSchema,
});
export type DiskUsage = z.infer<typeof ZDiskUsageSchema>;

/** Host-wide reading; cpuPct is of the whole machine (0–100), network counters are cumulative. */
export const ZHostSampleSchema = z.object({
  ts: ZTimestampSchema,
  cpuPct: boundedNumber(100),
  load1: boundedNumber(1e9),
  load5: boundedNumber(1e9),
  load15: boundedNumber(1e9),
  memUsed: ZCountSchema,
  memTotal: ZCountSchema,
  swapUsed: ZCountSchema,
  swapTotal: ZCountSchema,
  netRx: ZCountSchema,
  netTx: ZCountSchema,
  disks: z.array(ZDiskUsageSchema).check(z.maxLength(LIMITS.maxDisksPerHost)),
});
export type HostSample = z.infer<typeof ZHostSampleSchema>;
