import { z } from 'zod';
import { type ChartData, TIME_RANGE_MS, type TimeRange } from '@/lib/chart-data';
import type { ApiClient } from './api-client';

/**
 * Fleet endpoints (hosts, enrolment, metrics). Paths and shapes live here only: when the
 * API changes, this file does.
 */

export const ZHostSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'online', 'offline']),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  agentVersion: z.string().nullable(),
  containers: z.object({ running: z.number(), total: z.number() }),
  latest: z
    .object({ ts: z.string(), cpuPct: z.number(), memUsed: z.number(), memTotal: z.number() })
    .nullable(),
});
export type HostSummary = z.infer<typeof ZHostSummarySchema>;

/** GET /api/v1/hosts — the org's hosts with their newest sample (first page). */
export async function listHosts(api: ApiClient): Promise<HostSummary[]> {
  const page = await api.request({
    path: '/api/v1/hosts',
    query: { limit: 200 },
    schema: z.object({ items: z.array(ZHostSummarySchema), nextCursor: z.string().nullable() }),
  });
  return page.items;
}

export const ZCreatedEnrolmentSchema = z.object({
  token: z.object({ id: z.string(), expiresAt: z.string() }),
  /** The one line a person pastes on the host; it embeds the token's secret (shown once). */
  installCommand: z.string(),
});
export type CreatedEnrolment = z.infer<typeof ZCreatedEnrolmentSchema>;

/** POST /api/v1/enrolment-tokens — a 24-hour token for the empty fleet's install command. */
export function createEnrolment(api: ApiClient): Promise<CreatedEnrolment> {
  return api.request({
    method: 'POST',
    path: '/api/v1/enrolment-tokens',
    body: { name: 'Console install command', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    schema: ZCreatedEnrolmentSchema,
  });
}

const column = z.array(z.number().nullable());

export const ZContainerMetricsSchema = z.object({
  resolution: z.enum(['raw', '1m', '1h']),
  stepSeconds: z.number(),
  t: z.array(z.number()),
  cpu: column,
  memory: column,
  memoryLimit: column,
  netRx: column,
  netTx: column,
  blkRead: column,
  blkWrite: column,
});
export type ContainerMetrics = z.infer<typeof ZContainerMetricsSchema>;

/** GET …/containers/:id/metrics?from&to — the API picks raw, 1-minute or 1-hour rows by span. */
export function getContainerMetrics(
  api: ApiClient,
  target: { hostId: string; containerId: string },
  range: TimeRange,
  signal?: AbortSignal,
): Promise<ContainerMetrics> {
  const to = Date.now();
  return api.request({
    path: `/api/v1/hosts/${encodeURIComponent(target.hostId)}/containers/${encodeURIComponent(target.containerId)}/metrics`,
    query: { from: new Date(to - TIME_RANGE_MS[range]).toISOString(), to: new Date(to).toISOString() },
    schema: ZContainerMetricsSchema,
    signal,
  });
}

/** The API's metric columns as chart data, one chart per unit. */
export function containerMetricsToCharts(
  metrics: ContainerMetrics,
): Record<'cpu' | 'memory' | 'network' | 'disk', ChartData> {
  const { t } = metrics;
  return {
    cpu: { t, series: [{ name: 'CPU', values: metrics.cpu, unit: 'percent' }] },
    memory: {
      t,
      series: [
        { name: 'Used', values: metrics.memory, unit: 'bytes' },
        { name: 'Limit', values: metrics.memoryLimit, unit: 'bytes' },
      ],
    },
    network: {
      t,
      series: [
        { name: 'Received', values: metrics.netRx, unit: 'bytes/s' },
        { name: 'Sent', values: metrics.netTx, unit: 'bytes/s' },
      ],
    },
    disk: {
      t,
      series: [
        { name: 'Read', values: metrics.blkRead, unit: 'bytes/s' },
        { name: 'Write', values: metrics.blkWrite, unit: 'bytes/s' },
      ],
    },
  };
}
