import type { PrometheusContainerRow } from '@berth/db/queries';

/**
 * The container metrics, named as cAdvisor names them where the meaning is the same (so the
 * community's Docker dashboards read them unchanged) and `berth_…` where it is not. The
 * mapping, and what is deliberately not exported, is in docs/prometheus.md.
 */
export type ContainerFamily = {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  /** From the newest sample (timestamped with it, absent without one) or from the inventory. */
  source: 'sample' | 'inventory';
  value: (row: PrometheusContainerRow) => number | null;
};

export const CONTAINER_FAMILIES: readonly ContainerFamily[] = [
  {
    name: 'berth_container_up',
    type: 'gauge',
    help: '1 when the container is running, else 0.',
    source: 'inventory',
    value: (row) => (row.state === 'running' ? 1 : 0),
  },
  {
    name: 'berth_container_restarts_total',
    type: 'counter',
    help: "Docker's restart count of the container.",
    source: 'inventory',
    value: (row) => row.restarts,
  },
  {
    name: 'berth_container_cpu_percent',
    type: 'gauge',
    help: 'CPU use as docker stats shows it: percent of one core, summed over cores (200 = two cores busy).',
    source: 'sample',
    value: (row) => row.cpuPct,
  },
  {
    name: 'container_memory_working_set_bytes',
    type: 'gauge',
    help: 'Current working set in bytes: usage minus inactive file cache (what docker stats shows).',
    source: 'sample',
    value: (row) => row.memBytes,
  },
  {
    name: 'container_spec_memory_limit_bytes',
    type: 'gauge',
    help: "Memory limit in bytes (Docker reports the host's memory when the container has no limit).",
    source: 'sample',
    value: (row) => row.memLimit,
  },
  {
    name: 'container_network_receive_bytes_total',
    type: 'counter',
    help: 'Bytes received, summed over the container network interfaces.',
    source: 'sample',
    value: (row) => row.netRx,
  },
  {
    name: 'container_network_transmit_bytes_total',
    type: 'counter',
    help: 'Bytes transmitted, summed over the container network interfaces.',
    source: 'sample',
    value: (row) => row.netTx,
  },
  {
    name: 'container_fs_reads_bytes_total',
    type: 'counter',
    help: 'Bytes read from block devices (blkio).',
    source: 'sample',
    value: (row) => row.blkRead,
  },
  {
    name: 'container_fs_writes_bytes_total',
    type: 'counter',
    help: 'Bytes written to block devices (blkio).',
    source: 'sample',
    value: (row) => row.blkWrite,
  },
  {
    name: 'container_processes',
    type: 'gauge',
    help: 'Number of processes (pids) in the container.',
    source: 'sample',
    value: (row) => row.pids,
  },
  {
    name: 'container_last_seen',
    type: 'gauge',
    help: 'Time of the newest sample of the container, in seconds since the epoch.',
    source: 'sample',
    value: (row) => (row.ts === null ? null : Math.floor(row.ts / 1000)),
  },
];

/** Series per container at most (the families above and one berth_container_health). */
export const SERIES_PER_CONTAINER = CONTAINER_FAMILIES.length + 1;
