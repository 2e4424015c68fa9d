import type { ContainerMetrics, HostMetrics } from '@berth/api-contract';
import type { ChartData, SeriesColumn, Unit } from '@/lib/chart-data';
import { memoryLimitDisplay } from './memory-limit';

/** One chart of a page: its key (for live tail), title, columns and a caption beside the title. */
export type ChartSpec = { key: string; title: string; data: ChartData; caption?: string };

type Values = SeriesColumn['values'];

/** A chart of one or more series in the same unit, named in order. */
function chart(key: string, title: string, t: number[], unit: Unit, series: [string, Values][]): ChartSpec {
  return { key, title, data: { t, series: series.map(([name, values]) => ({ name, values, unit })) } };
}

/** The charts hosts and containers share (same columns, same names). */
function cpuChart({ t, cpu }: { t: number[]; cpu: Values }): ChartSpec {
  return chart('cpu', 'CPU', t, 'percent', [['CPU', cpu]]);
}

function networkChart({ t, netRx, netTx }: { t: number[]; netRx: Values; netTx: Values }): ChartSpec {
  return chart('network', 'Network', t, 'bytes/s', [
    ['Received', netRx],
    ['Sent', netTx],
  ]);
}

/**
 * A container's memory: the limit is a line only near usage; otherwise the caption names it and
 * the axis (which spans the drawn series) follows usage.
 */
function containerMemoryChart({ t, memory, memoryLimit }: ContainerMetrics): ChartSpec {
  const limit = memoryLimitDisplay(memory, memoryLimit);
  const spec = chart('memory', 'Memory', t, 'bytes', [
    ['Used', memory],
    ...(limit.line ? [['Limit', memoryLimit] as [string, Values]] : []),
  ]);
  return limit.caption ? { ...spec, caption: limit.caption } : spec;
}

/** A container's metric columns as its four charts (CPU, memory with its limit, network, block I/O). */
export function containerCharts(metrics: ContainerMetrics): ChartSpec[] {
  const { t } = metrics;
  return [
    cpuChart(metrics),
    containerMemoryChart(metrics),
    networkChart(metrics),
    chart('disk', 'Block I/O', t, 'bytes/s', [
      ['Read', metrics.blkRead],
      ['Write', metrics.blkWrite],
    ]),
  ];
}

/** A host's metric columns as its five charts (CPU, load, memory, disk, network). */
export function hostCharts(metrics: HostMetrics): ChartSpec[] {
  const { t } = metrics;
  return [
    cpuChart(metrics),
    chart('load', 'Load', t, 'count', [['Load (1 min)', metrics.load1]]),
    chart('memory', 'Memory', t, 'bytes', [
      ['Used', metrics.memUsed],
      ['Total', metrics.memTotal],
    ]),
    chart('disk', 'Disk', t, 'bytes', [
      ['Used', metrics.diskUsed],
      ['Total', metrics.diskTotal],
    ]),
    networkChart(metrics),
  ];
}

/**
 * The points of `chart` newer than `after` (the live tail's next append), one column per name of
 * `names` (the drawn chart's series): a fresh window may carry a series the chart does not draw
 * (the memory limit line), or lack one it draws (then null).
 */
export function pointsAfter(
  chart: ChartData,
  after: number,
  names: readonly string[] = chart.series.map((series) => series.name),
): { t: number[]; values: (number | null)[][] } {
  let start = chart.t.length;
  while (start > 0 && (chart.t[start - 1] ?? -Infinity) > after) start--;
  const t = chart.t.slice(start);
  return {
    t,
    values: names.map(
      (name) => chart.series.find((series) => series.name === name)?.values.slice(start) ?? t.map(() => null),
    ),
  };
}
