import {
  type CheckFailures,
  type CheckResultStatus,
  type CheckResults,
  type CheckSeries,
  type CheckSummary,
  type Page,
  ZCheckFailuresSchema,
  ZCheckPageSchema,
  ZCheckResultsSchema,
  ZCheckSeriesSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type MetricsWindow, metricsQuery } from './metrics';

export type CheckQuery = {
  hostId?: string;
  containerName?: string;
  status?: CheckResultStatus;
  cursor?: string;
  limit?: number;
};

/** GET /api/v1/checks — health checks with their latest run, uptime and latency, one page. */
export function listChecks(
  api: ApiClient,
  query: CheckQuery = {},
  signal?: AbortSignal,
): Promise<Page<CheckSummary>> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ limit: 500, ...query })) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return api.request({ path: `/api/v1/checks?${search}`, schema: ZCheckPageSchema, signal });
}

/** GET /api/v1/checks/:checkId/results — one check's runs over a range (default: the last 24 h). */
export function getCheckResults(
  api: ApiClient,
  checkId: string,
  range: { from?: string; to?: string } = {},
): Promise<CheckResults> {
  const search = new URLSearchParams(Object.entries(range).filter(([, value]) => value !== undefined));
  return api.request({
    path: `/api/v1/checks/${encodeURIComponent(checkId)}/results?${search}`,
    schema: ZCheckResultsSchema,
  });
}

/** GET /api/v1/checks/:checkId/series — the latency chart (the API picks raw, 1-minute or 1-hour rows by span). */
export function getCheckSeries(
  api: ApiClient,
  checkId: string,
  window: MetricsWindow,
  signal?: AbortSignal,
): Promise<CheckSeries> {
  return api.request({
    path: `/api/v1/checks/${encodeURIComponent(checkId)}/series`,
    query: metricsQuery(window),
    schema: ZCheckSeriesSchema,
    signal,
  });
}

/** GET /api/v1/checks/:checkId/failures — the newest down runs with their error text. */
export function getCheckFailures(api: ApiClient, checkId: string, limit = 10): Promise<CheckFailures> {
  return api.request({
    path: `/api/v1/checks/${encodeURIComponent(checkId)}/failures`,
    query: { limit: String(limit) },
    schema: ZCheckFailuresSchema,
  });
}
