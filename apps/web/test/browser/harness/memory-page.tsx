import type { ContainerMetrics } from '@berth/api-contract';
import { MetricsCharts } from '@/components/chart/metrics-charts';
import { containerCharts } from '@/lib/fleet/metrics-charts';

const KIB = 1024;
const GIB = 1024 ** 3;
const STEP_MS = 10_000;
const POINTS = 360;

/** An hour of one container's metrics: memory between `low` and `high` bytes under `limit`. */
function metricsOf(low: number, high: number, limit: number): ContainerMetrics {
  const end = Date.UTC(2026, 10, 23, 12);
  const t = Array.from({ length: POINTS }, (_, i) => end - (POINTS - 1 - i) * STEP_MS);
  const memory = t.map((_, i) => low + ((high - low) * (i % 60)) / 59);
  const zeros = t.map(() => 0);
  return {
    resolution: 'raw',
    from: new Date(end - 3_600_000).toISOString(),
    to: new Date(end).toISOString(),
    stepSeconds: 10,
    t,
    cpu: zeros,
    cpuMax: zeros,
    memory,
    memoryMax: memory,
    memoryLimit: t.map(() => limit),
    netRx: zeros,
    netTx: zeros,
    blkRead: zeros,
    blkWrite: zeros,
  };
}

/** A container far under its limit (the host's memory, as Docker reports "no limit") and one near it. */
export function MemoryPage() {
  const subjects = [
    { name: 'tiny-1', charts: containerCharts(metricsOf(700 * KIB, 776 * KIB, 23.5 * GIB)) },
    {
      name: 'tight-1',
      charts: containerCharts(metricsOf(300 * 1024 * KIB, 400 * 1024 * KIB, 512 * 1024 * KIB)),
    },
  ];
  return (
    <main>
      {subjects.map(({ name, charts }) => (
        <MetricsCharts
          key={name}
          subject={name}
          initial={charts}
          load={() => Promise.resolve(charts)}
          isFresh={() => false}
        />
      ))}
    </main>
  );
}
