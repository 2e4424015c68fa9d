import type { ContainerMetrics } from '@berth/api-contract';
import { describe, expect, it } from 'vitest';
import { valueRange } from '@/components/chart/axis-format';
import { memoryLimitDisplay } from './memory-limit';
import { containerCharts } from './metrics-charts';

const KIB = 1024;
const GIB = 1024 ** 3;

function metricsOf(memory: number[], memoryLimit: number[]): ContainerMetrics {
  const t = memory.map((_, i) => 1000 * (i + 1));
  const zeros = memory.map(() => 0);
  return {
    resolution: 'raw',
    from: '1970-01-01T00:00:00.000Z',
    to: '1970-01-01T00:01:00.000Z',
    stepSeconds: 10,
    t,
    cpu: zeros,
    cpuMax: zeros,
    memory,
    memoryMax: memory,
    memoryLimit,
    netRx: zeros,
    netTx: zeros,
    blkRead: zeros,
    blkWrite: zeros,
  };
}

/** The value axis uPlot draws for a chart: `valueRange` over every drawn series. */
function axisOf(metrics: ContainerMetrics): [number, number] {
  const memory = containerCharts(metrics)[1];
  const values = (memory?.data.series ?? []).flatMap((series) => series.values).filter((v) => v !== null);
  return valueRange(Math.min(...values), Math.max(...values), 'bytes');
}

describe('memoryLimitDisplay', () => {
  it('draws the limit as a line when it is within 4× of the highest usage', () => {
    expect(memoryLimitDisplay([100, 300], [1200, 1200])).toEqual({ line: true, caption: null });
  });

  it('names the limit in the caption instead when it is further above usage', () => {
    expect(memoryLimitDisplay([776 * KIB, null], [23.5 * GIB, 23.5 * GIB])).toEqual({
      line: false,
      caption: 'limit 23.5 GiB',
    });
    expect(memoryLimitDisplay([100, 300], [1201, 1201]).line).toBe(false);
  });

  it('names the limit when nothing was used yet, and says nothing without a limit', () => {
    expect(memoryLimitDisplay([0, null], [GIB, GIB])).toEqual({ line: false, caption: 'limit 1 GiB' });
    expect(memoryLimitDisplay([100], [0])).toEqual({ line: false, caption: null });
    expect(memoryLimitDisplay([100], [null])).toEqual({ line: false, caption: null });
  });
});

describe('container memory chart axis', () => {
  it('scales to usage with headroom when the limit is far above it (776 KiB under 23.5 GiB)', () => {
    const metrics = metricsOf([700 * KIB, 776 * KIB, 750 * KIB], [23.5 * GIB, 23.5 * GIB, 23.5 * GIB]);
    const memory = containerCharts(metrics)[1];
    expect(memory?.data.series.map((series) => series.name)).toEqual(['Used']);
    expect(memory?.caption).toBe('limit 23.5 GiB');
    const [low, high] = axisOf(metrics);
    expect(low).toBe(0);
    expect(high).toBeGreaterThan(776 * KIB);
    expect(high).toBeLessThan(1.1 * 776 * KIB);
  });

  it('spans the limit line when the limit is near usage', () => {
    const metrics = metricsOf([300 * KIB, 400 * KIB], [512 * KIB, 512 * KIB]);
    const memory = containerCharts(metrics)[1];
    expect(memory?.data.series.map((series) => series.name)).toEqual(['Used', 'Limit']);
    expect(memory?.caption).toBeUndefined();
    expect(axisOf(metrics)[1]).toBeGreaterThan(512 * KIB);
  });
});
