import type { ContainerMetric, HostMetric } from './alert-rules.js';

/**
 * How a threshold rule reads its metric from stored samples: ONE implementation, used by the
 * alerter on the newest samples and by the rule preview replaying the last day. Numbers arrive
 * as node-postgres gives bigints (strings) or as numbers; both read the same.
 */

type Num = number | string;

/** Readings are current while younger than this many agent batch intervals (then: no data). */
export const FRESH_INTERVALS = 3;

/** A container sample (a raw row, or a 1-minute rollup row read as its means). */
export type ContainerSampleReading = {
  ts: Date;
  cpu_pct: Num;
  mem_bytes: Num;
  mem_limit: Num;
  net_rx: Num;
  net_tx: Num;
  blk_read: Num;
  blk_write: Num;
};

const COUNTERS = {
  net_rx_bps: 'net_rx',
  net_tx_bps: 'net_tx',
  blk_read_bps: 'blk_read',
  blk_write_bps: 'blk_write',
} as const;

/** The metric from the newest samples (newest first); null when it cannot be computed. */
export function containerMetricValue(
  metric: Exclude<ContainerMetric, 'restarts'>,
  samples: readonly ContainerSampleReading[],
): number | null {
  const [latest, previous] = samples;
  if (!latest) return null;
  switch (metric) {
    case 'cpu_pct':
      return Number(latest.cpu_pct);
    case 'mem_bytes':
      return Number(latest.mem_bytes);
    case 'mem_pct': {
      const limit = Number(latest.mem_limit);
      return limit > 0 ? (Number(latest.mem_bytes) / limit) * 100 : null;
    }
    default: {
      if (!previous) return null;
      const column = COUNTERS[metric];
      const seconds = (latest.ts.getTime() - previous.ts.getTime()) / 1000;
      const delta = Number(latest[column]) - Number(previous[column]);
      // A counter that went backwards restarted with the container: no rate this time.
      return seconds > 0 && delta >= 0 ? delta / seconds : null;
    }
  }
}

/** A host sample as the threshold rules read it. */
export type HostSampleReading = {
  cpu_pct: Num;
  load1: Num;
  load5: Num;
  load15: Num;
  mem_used: Num;
  mem_total: Num;
  swap_used: Num;
  swap_total: Num;
  disks: { mount: string; used: number; total: number }[] | null;
};

function pct(used: number, total: number): number | null {
  return total > 0 ? (used / total) * 100 : null;
}

/** The metric's readings of one host sample: one, none, or (disk_pct) one per mount. */
export function hostMetricReadings(
  metric: HostMetric,
  row: HostSampleReading,
  mount: string | undefined,
): { value: number; mount?: string }[] {
  const one = (value: number | null) => (value === null ? [] : [{ value }]);
  switch (metric) {
    case 'cpu_pct':
      return one(Number(row.cpu_pct));
    case 'mem_pct':
      return one(pct(Number(row.mem_used), Number(row.mem_total)));
    case 'swap_pct':
      return one(pct(Number(row.swap_used), Number(row.swap_total)));
    case 'load1':
      return one(Number(row.load1));
    case 'load5':
      return one(Number(row.load5));
    case 'load15':
      return one(Number(row.load15));
    case 'disk_pct':
      return (row.disks ?? [])
        .filter((disk) => mount === undefined || disk.mount === mount)
        .flatMap((disk) => {
          const value = pct(disk.used, disk.total);
          return value === null ? [] : [{ value, mount: disk.mount }];
        });
  }
}
