import {
  type AutohealPolicy,
  type AutohealPolicyChange,
  type NewAutohealPolicy,
  ZAutohealPolicyListSchema,
  ZAutohealPolicySchema,
  ZNoContentSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';

/** Auto-restart policies defined in the console (pushed to the agents). Shapes are the contract's. */
export type { AutohealPolicy } from '@berth/api-contract';

const policyPath = (id: string) => `/api/v1/autoheal-policies/${encodeURIComponent(id)}`;

/** GET /api/v1/autoheal-policies — one container's (host + name) or one group's (at most one). */
export async function listAutohealPolicies(
  api: ApiClient,
  query: { hostId?: string; containerName?: string; groupId?: string },
): Promise<AutohealPolicy[]> {
  const page = await api.request({
    path: '/api/v1/autoheal-policies',
    query,
    schema: ZAutohealPolicyListSchema,
  });
  return page.items;
}

/** POST /api/v1/autoheal-policies */
export function createAutohealPolicy(api: ApiClient, input: NewAutohealPolicy): Promise<AutohealPolicy> {
  return api.request({
    method: 'POST',
    path: '/api/v1/autoheal-policies',
    body: input,
    schema: ZAutohealPolicySchema,
  });
}

/** PATCH /api/v1/autoheal-policies/:id */
export function updateAutohealPolicy(
  api: ApiClient,
  id: string,
  change: AutohealPolicyChange,
): Promise<AutohealPolicy> {
  return api.request({ method: 'PATCH', path: policyPath(id), body: change, schema: ZAutohealPolicySchema });
}

/** DELETE /api/v1/autoheal-policies/:id */
export async function deleteAutohealPolicy(api: ApiClient, id: string): Promise<void> {
  await api.request({ method: 'DELETE', path: policyPath(id), schema: ZNoContentSchema });
}
