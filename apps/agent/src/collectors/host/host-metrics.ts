import { statfs } from 'node:fs/promises';
import path from 'node:path';
import type { DiskUsage, HostSample } from '@berth/protocol';
import { LIMITS } from '@berth/protocol';
import type { Logger } from '../../cli/logger.js';
import { type HostPaths, readFirst, resolveHostPaths } from './host-paths.js';
import {
  type CpuTimes,
  cpuPercent,
  type Mount,
  parseCpuTimes,
  parseLoadavg,
  parseMeminfo,
  parseMounts,
  parseNetDev,
  selectDiskMounts,
} from './parse-proc.js';

const toCount = (value: number): number => Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.round(value)));

/**
 * Host-wide metrics from /proc and statfs. CPU% is the busy share since the previous sample; the
 * first sample's is since boot (the kernel's counters start there), which is a real average
 * rather than a made-up 0.
 */
export class HostMetricsCollector {
  readonly #paths: { procRoot: string; rootFs: string };
  #previousCpu: CpuTimes = { busy: 0, total: 0 };

  constructor(
    paths: HostPaths,
    private readonly logger: Logger,
  ) {
    this.#paths = resolveHostPaths(paths);
  }

  async sample(): Promise<HostSample> {
    const proc = this.#paths.procRoot;
    const [stat, loadavg, meminfo, netDev, mounts] = await Promise.all([
      readFirst(proc, ['stat']),
      readFirst(proc, ['loadavg']),
      readFirst(proc, ['meminfo']),
      readFirst(proc, ['1/net/dev', 'net/dev']),
      readFirst(proc, ['1/mounts', 'mounts']),
    ]);
    const cpu = parseCpuTimes(stat);
    const cpuPct = cpuPercent(this.#previousCpu, cpu);
    this.#previousCpu = cpu;
    const load = parseLoadavg(loadavg);
    const memory = parseMeminfo(meminfo);
    const net = parseNetDev(netDev);
    return {
      ts: new Date().toISOString(),
      cpuPct,
      load1: load.load1,
      load5: load.load5,
      load15: load.load15,
      memUsed: toCount(memory.memUsed),
      memTotal: toCount(memory.memTotal),
      swapUsed: toCount(memory.swapUsed),
      swapTotal: toCount(memory.swapTotal),
      netRx: toCount(net.rx),
      netTx: toCount(net.tx),
      disks: await this.#disks(parseMounts(mounts)),
    };
  }

  async #disks(mounts: readonly Mount[]): Promise<DiskUsage[]> {
    const selected = selectDiskMounts(mounts)
      .filter((mount) => Buffer.byteLength(mount.target) <= 1024)
      .slice(0, LIMITS.maxDisksPerHost);
    const disks = await Promise.all(selected.map((mount) => this.#disk(mount)));
    return disks.filter((disk): disk is DiskUsage => disk !== null);
  }

  async #disk(mount: Mount): Promise<DiskUsage | null> {
    try {
      const stats = await statfs(path.join(this.#paths.rootFs, mount.target));
      const total = stats.blocks * stats.bsize;
      if (total <= 0) return null;
      return {
        mount: mount.target,
        total: toCount(total),
        used: toCount((stats.blocks - stats.bfree) * stats.bsize),
      };
    } catch (error) {
      // A mount the agent cannot see (not under rootFs, no permission) is left out, not an error.
      this.logger.debug({ mount: mount.target, err: error }, 'statfs failed');
      return null;
    }
  }
}
