import { z } from 'zod';

/**
 * The parts of `GET /containers/{id}/stats` we read. Lenient on purpose: engines differ by cgroup
 * version and API version (fields appear, disappear or are null), and a missing counter must
 * read as 0, not fail the whole sample.
 */
const count = z.number().nonnegative().catch(0);

const ZCpuStatsSchema = z.object({
  cpu_usage: z
    .object({ total_usage: count.default(0), percpu_usage: z.array(z.number()).nullish() })
    .default({ total_usage: 0 }),
  system_cpu_usage: count.optional(),
  online_cpus: count.optional(),
});

const ZBlkioEntrySchema = z.object({ op: z.string().catch(''), value: count.default(0) });

export const ZDockerStatsSchema = z.object({
  read: z.string(),
  pids_stats: z.object({ current: count.optional() }).nullish(),
  blkio_stats: z.object({ io_service_bytes_recursive: z.array(ZBlkioEntrySchema).nullish() }).nullish(),
  cpu_stats: ZCpuStatsSchema,
  precpu_stats: ZCpuStatsSchema.nullish(),
  memory_stats: z
    .object({
      usage: count.optional(),
      limit: count.optional(),
      stats: z.record(z.string(), z.number()).nullish(),
    })
    .default({}),
  networks: z
    .record(z.string(), z.object({ rx_bytes: count.default(0), tx_bytes: count.default(0) }))
    .nullish(),
});
export type DockerStats = z.infer<typeof ZDockerStatsSchema>;
export type DockerCpuStats = z.infer<typeof ZCpuStatsSchema>;
export type DockerMemoryStats = DockerStats['memory_stats'];
export type DockerBlkioStats = DockerStats['blkio_stats'];
export type DockerNetworks = DockerStats['networks'];
