'use client';

import { MetricsCharts } from '@/components/chart/metrics-charts';
import { browserApi } from '@/lib/api/browser-api';
import { getHostMetrics } from '@/lib/api/metrics';
import { hostCharts } from '@/lib/fleet/metrics-charts';

/** CPU, load, memory, disk and network of one host, live. */
export function HostCharts({ hostId, hostName }: { hostId: string; hostName: string }) {
  return (
    <MetricsCharts
      subject={hostName}
      load={async (window, signal) => hostCharts(await getHostMetrics(browserApi, hostId, window, signal))}
      isFresh={(event) => event.type === 'samples' && event.hostId === hostId && event.host !== null}
    />
  );
}
