import type { ContainerMetrics, HostMetrics } from '@berth/api-contract';
import { describe, expect, it } from 'vitest';
import { containerCharts, hostCharts, pointsAfter } from './metrics-charts';

const metrics: ContainerMetrics = {
  resolution: 'raw',
  from: '1970-01-01T00:00:00.000Z',
  to: '1970-01-01T00:00:04.000Z',
  stepSeconds: 10,
  t: [1000, 2000, 3000],
  cpu: [1, 2, 3],
  cpuMax: [1, 2, 3],
  memory: [10, 20, 30],
  memoryMax: [10, 20, 30],
  memoryLimit: [100, 100, 100],
  netRx: [null, 5, 6],
  netTx: [null, 7, 8],
  blkRead: [null, 0, 0],
  blkWrite: [null, 1, 1],
};

describe('containerCharts', () => {
  it('makes CPU, memory against limit, network and block I/O charts with units', () => {
    const charts = containerCharts(metrics);
    expect(charts.map((chart) => chart.key)).toEqual(['cpu', 'memory', 'network', 'disk']);
    expect(charts[1]?.data.series.map((s) => [s.name, s.unit])).toEqual([
      ['Used', 'bytes'],
      ['Limit', 'bytes'],
    ]);
    expect(charts[2]?.data.series[0]).toEqual({ name: 'Received', values: [null, 5, 6], unit: 'bytes/s' });
  });
});

describe('hostCharts', () => {
  it('makes CPU, load, memory, disk and network charts, each series with its column and unit', () => {
    const t = [1000, 2000];
    const host: HostMetrics = {
      resolution: 'raw',
      from: '1970-01-01T00:00:00.000Z',
      to: '1970-01-01T00:00:03.000Z',
      stepSeconds: 10,
      t,
      cpu: [1, 2],
      cpuMax: [1, 2],
      load1: [0.5, 0.7],
      memUsed: [10, 11],
      memUsedMax: [10, 11],
      memTotal: [100, 100],
      diskUsed: [20, 21],
      diskTotal: [200, 200],
      netRx: [3, 4],
      netTx: [5, 6],
    };
    const charts = hostCharts(host);
    expect(charts.map((chart) => [chart.key, chart.title])).toEqual([
      ['cpu', 'CPU'],
      ['load', 'Load'],
      ['memory', 'Memory'],
      ['disk', 'Disk'],
      ['network', 'Network'],
    ]);
    expect(charts.every((chart) => chart.data.t === t)).toBe(true);
    expect(charts.map((chart) => chart.data.series.map((s) => [s.name, s.values, s.unit]))).toEqual([
      [['CPU', [1, 2], 'percent']],
      [['Load (1 min)', [0.5, 0.7], 'count']],
      [
        ['Used', [10, 11], 'bytes'],
        ['Total', [100, 100], 'bytes'],
      ],
      [
        ['Used', [20, 21], 'bytes'],
        ['Total', [200, 200], 'bytes'],
      ],
      [
        ['Received', [3, 4], 'bytes/s'],
        ['Sent', [5, 6], 'bytes/s'],
      ],
    ]);
  });
});

describe('pointsAfter', () => {
  it('returns only the points newer than the chart’s newest, for the live tail', () => {
    const memory = containerCharts(metrics)[1];
    expect(memory && pointsAfter(memory.data, 1000)).toEqual({
      t: [2000, 3000],
      values: [
        [20, 30],
        [100, 100],
      ],
    });
    expect(memory && pointsAfter(memory.data, 3000)).toEqual({ t: [], values: [[], []] });
  });
});

describe('pointsAfter with the drawn series’ names', () => {
  it('keeps the drawn columns in order: a series not drawn is left out, one missing is null', () => {
    const memory = containerCharts(metrics)[1];
    expect(memory && pointsAfter(memory.data, 2000, ['Used'])).toEqual({ t: [3000], values: [[30]] });
    expect(memory && pointsAfter(memory.data, 2000, ['Limit', 'Gone'])).toEqual({
      t: [3000],
      values: [[100], [null]],
    });
  });
});
