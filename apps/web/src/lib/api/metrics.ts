import {
  type ContainerMetrics,
  type HostMetrics,
  ZContainerMetricsSchema,
  ZHostMetricsSchema,
} from '@berth/api-contract';
import { TIME_RANGE_MS, type TimeRange } from '@/lib/chart-data';
import type { ApiClient } from './api-client';
import { type ContainerRef, containerPath } from './containers';
import { hostPath } from './hosts';

/**
 * The query of a chart request: the last `range` ending now, or (live tail) raw rows since
 * `since` (epoch ms, exclusive on the caller's side).
 */
export type MetricsWindow = { range: TimeRange } | { since: number };

/** `from`/`to` (and raw rows for a live tail) of a chart request, shared by every chart endpoint. */
export function metricsQuery(window: MetricsWindow): Record<string, string> {
  const to = Date.now();
  if ('since' in window) {
    return { from: new Date(window.since).toISOString(), to: new Date(to).toISOString(), resolution: 'raw' };
  }
  return { from: new Date(to - TIME_RANGE_MS[window.range]).toISOString(), to: new Date(to).toISOString() };
}

/** GET …/containers/:id/metrics — the API picks raw, 1-minute or 1-hour rows by span. */
export function getContainerMetrics(
  api: ApiClient,
  ref: ContainerRef,
  window: MetricsWindow,
  signal?: AbortSignal,
): Promise<ContainerMetrics> {
  return api.request({
    path: `${containerPath(ref)}/metrics`,
    query: metricsQuery(window),
    schema: ZContainerMetricsSchema,
    signal,
  });
}

/** GET /api/v1/hosts/:id/metrics */
export function getHostMetrics(
  api: ApiClient,
  hostId: string,
  window: MetricsWindow,
  signal?: AbortSignal,
): Promise<HostMetrics> {
  return api.request({
    path: hostPath(hostId, '/metrics'),
    query: metricsQuery(window),
    schema: ZHostMetricsSchema,
    signal,
  });
}
