import type { ContainerMetrics, HostMetrics } from '@/lib/api/fleet';
import type { ChartData } from '@/lib/chart-data';

/** One chart of a page: its key (for live tail), title and columns. */
export type ChartSpec = { key: string; title: string; data: ChartData };

/** A container's metric columns as its four charts (CPU, memory against limit, network, block I/O). */
export function containerCharts(metrics: ContainerMetrics): ChartSpec[] {
  const { t } = metrics;
  return [
    {
      key: 'cpu',
      title: 'CPU',
      data: { t, series: [{ name: 'CPU', values: metrics.cpu, unit: 'percent' }] },
    },
    {
      key: 'memory',
      title: 'Memory',
      data: {
        t,
        series: [
          { name: 'Used', values: metrics.memory, unit: 'bytes' },
          { name: 'Limit', values: metrics.memoryLimit, unit: 'bytes' },
        ],
      },
    },
    {
      key: 'network',
      title: 'Network',
      data: {
        t,
        series: [
          { name: 'Received', values: metrics.netRx, unit: 'bytes/s' },
          { name: 'Sent', values: metrics.netTx, unit: 'bytes/s' },
        ],
      },
    },
    {
      key: 'disk',
      title: 'Block I/O',
      data: {
        t,
        series: [
          { name: 'Read', values: metrics.blkRead, unit: 'bytes/s' },
          { name: 'Write', values: metrics.blkWrite, unit: 'bytes/s' },
        ],
      },
    },
  ];
}

/** A host's metric columns as its five charts (CPU, load, memory, disk, network). */
export function hostCharts(metrics: HostMetrics): ChartSpec[] {
  const { t } = metrics;
  return [
    {
      key: 'cpu',
      title: 'CPU',
      data: { t, series: [{ name: 'CPU', values: metrics.cpu, unit: 'percent' }] },
    },
    {
      key: 'load',
      title: 'Load',
      data: { t, series: [{ name: 'Load (1 min)', values: metrics.load1, unit: 'count' }] },
    },
    {
      key: 'memory',
      title: 'Memory',
      data: {
        t,
        series: [
          { name: 'Used', values: metrics.memUsed, unit: 'bytes' },
          { name: 'Total', values: metrics.memTotal, unit: 'bytes' },
        ],
      },
    },
    {
      key: 'disk',
      title: 'Disk',
      data: {
        t,
        series: [
          { name: 'Used', values: metrics.diskUsed, unit: 'bytes' },
          { name: 'Total', values: metrics.diskTotal, unit: 'bytes' },
        ],
      },
    },
    {
      key: 'network',
      title: 'Network',
      data: {
        t,
        series: [
          { name: 'Received', values: metrics.netRx, unit: 'bytes/s' },
          { name: 'Sent', values: metrics.netTx, unit: 'bytes/s' },
        ],
      },
    },
  ];
}

/** The points of `chart` newer than `after` (the live tail's next append). */
export function pointsAfter(chart: ChartData, after: number): { t: number[]; values: (number | null)[][] } {
  let start = chart.t.length;
  while (start > 0 && (chart.t[start - 1] ?? -Infinity) > after) start--;
  return { t: chart.t.slice(start), values: chart.series.map((series) => series.values.slice(start)) };
}
