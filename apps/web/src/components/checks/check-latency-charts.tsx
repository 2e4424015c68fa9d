'use client';

import { MetricsCharts } from '@/components/chart/metrics-charts';
import { browserApi } from '@/lib/api/browser-api';
import { getCheckSeries } from '@/lib/api/checks';
import type { TimeRange } from '@/lib/chart-data';
import { checkCharts } from '@/lib/fleet/check-charts';
import type { ChartSpec } from '@/lib/fleet/metrics-charts';

/** A check's latency chart with the metric pages' range picker and live tail (on its host's `checks` events). */
export function CheckLatencyCharts({
  check,
  initialRange,
  initial,
}: {
  check: { id: string; hostId: string; label: string };
  initialRange: TimeRange;
  initial: ChartSpec[] | null;
}) {
  return (
    <MetricsCharts
      subject={check.label}
      heading="Latency"
      initialRange={initialRange}
      initial={initial}
      load={async (window, signal) => checkCharts(await getCheckSeries(browserApi, check.id, window, signal))}
      isFresh={(event) => event.type === 'checks' && event.hostId === check.hostId}
    />
  );
}
