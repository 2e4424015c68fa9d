import {
  type CheckDefinition,
  type CheckDefinitionChange,
  type NewCheckDefinition,
  ZCheckDefinitionListSchema,
  ZCheckDefinitionSchema,
  ZNoContentSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';

/** Checks defined in the console (pushed to the agents). Shapes are the contract's. */
export type { CheckDefinition } from '@berth/api-contract';

const definitionPath = (id: string) => `/api/v1/check-definitions/${encodeURIComponent(id)}`;

/** GET /api/v1/check-definitions — one container's (host + name) or one group's. */
export async function listCheckDefinitions(
  api: ApiClient,
  query: { hostId?: string; containerName?: string; groupId?: string },
): Promise<CheckDefinition[]> {
  const page = await api.request({
    path: '/api/v1/check-definitions',
    query,
    schema: ZCheckDefinitionListSchema,
  });
  return page.items;
}

/** POST /api/v1/check-definitions */
export function createCheckDefinition(api: ApiClient, input: NewCheckDefinition): Promise<CheckDefinition> {
  return api.request({
    method: 'POST',
    path: '/api/v1/check-definitions',
    body: input,
    schema: ZCheckDefinitionSchema,
  });
}

/** PATCH /api/v1/check-definitions/:id */
export function updateCheckDefinition(
  api: ApiClient,
  id: string,
  change: CheckDefinitionChange,
): Promise<CheckDefinition> {
  return api.request({
    method: 'PATCH',
    path: definitionPath(id),
    body: change,
    schema: ZCheckDefinitionSchema,
  });
}

/** DELETE /api/v1/check-definitions/:id */
export async function deleteCheckDefinition(api: ApiClient, id: string): Promise<void> {
  await api.request({ method: 'DELETE', path: definitionPath(id), schema: ZNoContentSchema });
}
