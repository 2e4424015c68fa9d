import {
  type Alert,
  type AlertCounts,
  type AlertCountsByHost,
  type AlertDetail,
  type AlertListQuery,
  type Page,
  ZAlertCountsByHostSchema,
  ZAlertCountsSchema,
  ZAlertDetailSchema,
  ZAlertPageSchema,
  ZAlertSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';

/** Alerts (what the evaluator found) and people's acknowledgements. Shapes are the contract's. */
export type { Alert, AlertCounts, AlertCountsByHost, AlertDetail, OpenAlertTally } from '@berth/api-contract';

type AlertFilters = {
  state?: readonly string[];
  severity?: readonly string[];
  ruleId?: string | undefined;
  hostId?: string | undefined;
  containerName?: string | undefined;
  cursor?: string | null | undefined;
  limit?: number;
};

/** GET /api/v1/alerts — open ones unless `state` says otherwise, newest first. */
export function listAlerts(api: ApiClient, filters: AlertFilters = {}): Promise<Page<Alert>> {
  const query: Record<string, string | number | undefined> = {
    state: filters.state?.length ? filters.state.join(',') : undefined,
    severity: filters.severity?.length ? filters.severity.join(',') : undefined,
    ruleId: filters.ruleId,
    hostId: filters.hostId,
    containerName: filters.containerName,
    cursor: filters.cursor ?? undefined,
    limit: filters.limit ?? 100,
  } satisfies Partial<Record<keyof AlertListQuery, unknown>>;
  return api.request({ path: '/api/v1/alerts', query, schema: ZAlertPageSchema });
}

/** GET /api/v1/alerts/:id — with its history. */
export function getAlert(api: ApiClient, alertId: string): Promise<AlertDetail> {
  return api.request({ path: `/api/v1/alerts/${encodeURIComponent(alertId)}`, schema: ZAlertDetailSchema });
}

/** GET /api/v1/alerts/counts — the bell. */
export function countAlerts(api: ApiClient, signal?: AbortSignal): Promise<AlertCounts> {
  return api.request({ path: '/api/v1/alerts/counts', schema: ZAlertCountsSchema, signal });
}

/** GET /api/v1/alerts/counts/by-host — the badges: every visible host, or only `hostId`. */
export function countAlertsByHost(
  api: ApiClient,
  hostId?: string,
  signal?: AbortSignal,
): Promise<AlertCountsByHost> {
  return api.request({
    path: '/api/v1/alerts/counts/by-host',
    query: { hostId },
    schema: ZAlertCountsByHostSchema,
    signal,
  });
}

/** POST /api/v1/alerts/:id/ack (operators and up). */
export function acknowledgeAlert(api: ApiClient, alertId: string, comment?: string): Promise<Alert> {
  return api.request({
    method: 'POST',
    path: `/api/v1/alerts/${encodeURIComponent(alertId)}/ack`,
    body: comment ? { comment } : {},
    schema: ZAlertSchema,
  });
}

/** DELETE /api/v1/alerts/:id/ack (operators and up). */
export function unacknowledgeAlert(api: ApiClient, alertId: string): Promise<Alert> {
  return api.request({
    method: 'DELETE',
    path: `/api/v1/alerts/${encodeURIComponent(alertId)}/ack`,
    schema: ZAlertSchema,
  });
}
