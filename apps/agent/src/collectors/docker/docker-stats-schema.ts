import * as z from 'zod/mini';

/**
 * The parts of `GET /containers/{id}/stats` we read. Lenient on purpose: engines differ by cgroup
 * version and API version (fields appear, disappear or are null), and a missing counter must
 * read as 0, not fail the whole sample.
 */
const count = z.catch(z.number().check(z.nonnegative()), 0);

const ZCpuStatsSchema = z.object({
  cpu_usage: z._default(
    z.object({ total_usage: z._default(count, 0), percpu_usage: z.nullish(z.array(z.number())) }),
    { total_usage: 0 },
  ),
  system_cpu_usage: z.optional(count),
  online_cpus: z.optional(count),
});

const ZBlkioEntrySchema = z.object({ op: z.catch(z.string(), ''), value: z._default(count, 0) });

export const ZDockerStatsSchema = z.object({
  read: z.string(),
  pids_stats: z.nullish(z.object({ current: z.optional(count) })),
  blkio_stats: z.nullish(z.object({ io_service_bytes_recursive: z.nullish(z.array(ZBlkioEntrySchema)) })),
  cpu_stats: ZCpuStatsSchema,
  precpu_stats: z.nullish(ZCpuStatsSchema),
  memory_stats: z._default(
    z.object({
      usage: z.optional(count),
      limit: z.optional(count),
      stats: z.nullish(z.record(z.string(), z.number())),
    }),
    {},
  ),
  networks: z.nullish(
    z.record(z.string(), z.object({ rx_bytes: z._default(count, 0), tx_bytes: z._default(count, 0) })),
  ),
});
export type DockerStats = z.infer<typeof ZDockerStatsSchema>;
export type DockerCpuStats = z.infer<typeof ZCpuStatsSchema>;
export type DockerMemoryStats = DockerStats['memory_stats'];
export type DockerBlkioStats = DockerStats['blkio_stats'];
export type DockerNetworks = DockerStats['networks'];
