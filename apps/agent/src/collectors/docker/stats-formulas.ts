import type { ContainerSample } from '@berth/protocol';
import { MAX_CONTAINER_CPU_PCT, MAX_CONTAINER_CPU_SECONDS } from '@berth/protocol';
import type {
  DockerBlkioStats,
  DockerCpuStats,
  DockerMemoryStats,
  DockerNetworks,
  DockerStats,
} from './docker-stats-schema.js';
import { nsToIso, parseDockerTimeNs } from './docker-time.js';

/**
 * Docker CLI formulas (docker/cli `cli/command/container/stats_helpers.go`), kept in the same
 * shape so a reader can check them line by line against `docker stats`.
 */

export type CpuReading = { totalUsage: number; systemUsage: number; onlineCpus: number };

/** The counters CPU% needs, or null when the engine reported none (container not running). */
export function toCpuReading(cpu: DockerCpuStats | null | undefined): CpuReading | null {
  if (!cpu?.system_cpu_usage) return null;
  const onlineCpus = cpu.online_cpus || (cpu.cpu_usage.percpu_usage?.length ?? 0);
  return { totalUsage: cpu.cpu_usage.total_usage, systemUsage: cpu.system_cpu_usage, onlineCpus };
}

/** calculateCPUPercentUnix: Δcontainer / Δsystem × online CPUs × 100; 0 when either delta is not positive. */
export function calculateCpuPercent(previous: CpuReading, current: CpuReading): number {
  const cpuDelta = current.totalUsage - previous.totalUsage;
  const systemDelta = current.systemUsage - previous.systemUsage;
  if (systemDelta > 0 && cpuDelta > 0) return (cpuDelta / systemDelta) * current.onlineCpus * 100;
  return 0;
}

/**
 * calculateMemUsageUnixNoCache: usage − total_inactive_file on cgroup v1 (when below usage), else
 * usage − inactive_file (cgroup v2; a missing key reads as 0 like Go's map), else usage. Docker
 * 19.03 and older subtracted `cache`; the CLI no longer does (moby/moby#40727).
 */
export function calculateMemUsageNoCache(memory: DockerMemoryStats): number {
  const usage = memory.usage ?? 0;
  const stats = memory.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file ?? 0;
  if (v2 < usage) return usage - v2;
  return usage;
}

/** calculateBlockIO: io_service_bytes_recursive entries whose op starts with r/R or w/W. */
export function calculateBlockIo(blkio: DockerBlkioStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of blkio?.io_service_bytes_recursive ?? []) {
    const op = entry.op.charAt(0);
    if (op === 'r' || op === 'R') read += entry.value;
    else if (op === 'w' || op === 'W') write += entry.value;
  }
  return { read, write };
}

/** calculateNetwork: rx/tx bytes summed over every interface. */
export function calculateNetwork(networks: DockerNetworks): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const network of Object.values(networks ?? {})) {
    rx += network.rx_bytes;
    tx += network.tx_bytes;
  }
  return { rx, tx };
}

const toCount = (value: number): number => Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.round(value)));

/**
 * `cpu_usage.total_usage` (ns since the container started) in seconds, the unit of cAdvisor's
 * `container_cpu_usage_seconds_total`. It restarts from 0 with the container, which a Prometheus
 * counter may do (rate() treats a drop as a reset).
 */
export function toCpuSeconds(totalUsageNs: number): number {
  return Math.min(MAX_CONTAINER_CPU_SECONDS, Math.max(0, totalUsageNs / 1e9));
}

export type SampleResult = {
  /** Null when no CPU% can be computed yet: the reading only becomes the next baseline. */
  sample: ContainerSample | null;
  /** The baseline for the next reading of this container (null: container not running). */
  reading: CpuReading | null;
};

/**
 * One sample from one stats reading. CPU% is against the daemon's own previous reading when it
 * sent one (`stream=false` without one-shot, older engines), otherwise against our `previous`
 * reading of the same container. Without either, or when the counters went backwards (the
 * container restarted), there is no sample: we never report a made-up 0%.
 */
export function buildContainerSample(
  shortId: string,
  stats: DockerStats,
  previous: CpuReading | undefined,
): SampleResult {
  const readNs = parseDockerTimeNs(stats.read);
  const reading = toCpuReading(stats.cpu_stats);
  if (readNs === null || reading === null) return { sample: null, reading: null };
  const baseline = toCpuReading(stats.precpu_stats) ?? previous;
  if (!baseline || reading.totalUsage < baseline.totalUsage || reading.systemUsage <= baseline.systemUsage) {
    return { sample: null, reading };
  }
  const net = calculateNetwork(stats.networks);
  const blk = calculateBlockIo(stats.blkio_stats);
  const sample: ContainerSample = {
    containerId: shortId,
    ts: nsToIso(readNs),
    cpuPct: Math.min(MAX_CONTAINER_CPU_PCT, calculateCpuPercent(baseline, reading)),
    memBytes: toCount(calculateMemUsageNoCache(stats.memory_stats)),
    memLimit: toCount(stats.memory_stats.limit ?? 0),
    netRx: toCount(net.rx),
    netTx: toCount(net.tx),
    blkRead: toCount(blk.read),
    blkWrite: toCount(blk.write),
    pids: toCount(stats.pids_stats?.current ?? 0),
    cpuSeconds: toCpuSeconds(reading.totalUsage),
  };
  return { sample, reading };
}
