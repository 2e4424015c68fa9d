import type { PrometheusHostRow } from '@berth/db/queries';

/** Host metrics named as node-exporter names them where the meaning is the same (docs/prometheus.md). */
export type HostFamily = {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  source: 'sample' | 'inventory';
  value: (row: PrometheusHostRow) => number | null;
};

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

export const HOST_FAMILIES: readonly HostFamily[] = [
  {
    name: 'berth_host_up',
    type: 'gauge',
    help: "1 when the host's agent is connected (status online), else 0.",
    source: 'inventory',
    value: (row) => (row.online ? 1 : 0),
  },
  {
    name: 'berth_host_cpu_percent',
    type: 'gauge',
    help: 'Busy share of all CPUs since the previous sample, 0-100.',
    source: 'sample',
    value: (row) => row.cpuPct,
  },
  {
    name: 'node_load1',
    type: 'gauge',
    help: '1m load average.',
    source: 'sample',
    value: (row) => row.load1,
  },
  {
    name: 'node_load5',
    type: 'gauge',
    help: '5m load average.',
    source: 'sample',
    value: (row) => row.load5,
  },
  {
    name: 'node_load15',
    type: 'gauge',
    help: '15m load average.',
    source: 'sample',
    value: (row) => row.load15,
  },
  {
    name: 'node_memory_MemTotal_bytes',
    type: 'gauge',
    help: 'MemTotal of /proc/meminfo in bytes.',
    source: 'sample',
    value: (row) => row.memTotal,
  },
  {
    name: 'node_memory_MemAvailable_bytes',
    type: 'gauge',
    help: 'MemAvailable of /proc/meminfo in bytes.',
    source: 'sample',
    value: (row) => minus(row.memTotal, row.memUsed),
  },
  {
    name: 'node_memory_SwapTotal_bytes',
    type: 'gauge',
    help: 'SwapTotal of /proc/meminfo in bytes.',
    source: 'sample',
    value: (row) => row.swapTotal,
  },
  {
    name: 'node_memory_SwapFree_bytes',
    type: 'gauge',
    help: 'SwapFree of /proc/meminfo in bytes.',
    source: 'sample',
    value: (row) => minus(row.swapTotal, row.swapUsed),
  },
  {
    name: 'berth_host_network_receive_bytes_total',
    type: 'counter',
    help: 'Bytes received, summed over the host network interfaces.',
    source: 'sample',
    value: (row) => row.netRx,
  },
  {
    name: 'berth_host_network_transmit_bytes_total',
    type: 'counter',
    help: 'Bytes transmitted, summed over the host network interfaces.',
    source: 'sample',
    value: (row) => row.netTx,
  },
];

/** Series per host before its filesystems (two each: size and free). */
export const SERIES_PER_HOST = HOST_FAMILIES.length;
export const SERIES_PER_FILESYSTEM = 2;
