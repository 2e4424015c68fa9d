import { type Overview, ZOverviewSchema } from '@berth/api-contract';
import type { ApiClient } from './api-client';

/** GET /api/v1/overview — fleet totals (hosts by status, containers by state and health). */
export function getOverview(api: ApiClient, signal?: AbortSignal): Promise<Overview> {
  return api.request({ path: '/api/v1/overview', schema: ZOverviewSchema, signal });
}
