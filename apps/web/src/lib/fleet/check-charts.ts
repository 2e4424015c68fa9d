import type { CheckSeries } from '@berth/api-contract';
import type { ChartSpec } from './metrics-charts';

/** A check's latency chart: the mean and the slowest run of each bin, in milliseconds. */
export function checkCharts(series: CheckSeries): ChartSpec[] {
  return [
    {
      key: 'latency',
      title: 'Latency',
      data: {
        t: series.t,
        series: [
          { name: 'Average', values: series.latencyAvg, unit: 'ms' },
          { name: 'Slowest', values: series.latencyMax, unit: 'ms' },
        ],
      },
    },
  ];
}
