import {
  type BulkUpdateRequest,
  type BulkUpdateResponse,
  type ContainerUpdateRequest,
  type ContainerUpdateResponse,
  type ResolvedUpdatePolicy,
  ZBulkUpdateResponseSchema,
  ZContainerUpdateResponseSchema,
  ZResolvedUpdatePolicySchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type ContainerRef, containerPath } from './containers';

/** GET …/update-policy — whether this container may be updated, and which rule says so. */
export function getContainerUpdatePolicy(api: ApiClient, ref: ContainerRef): Promise<ResolvedUpdatePolicy> {
  return api.request({ path: `${containerPath(ref)}/update-policy`, schema: ZResolvedUpdatePolicySchema });
}

/** POST …/update — pull and recreate the container (202 with the queued action). */
export function requestContainerUpdate(
  api: ApiClient,
  ref: ContainerRef,
  body: ContainerUpdateRequest,
): Promise<ContainerUpdateResponse> {
  return api.request({
    method: 'POST',
    path: `${containerPath(ref)}/update`,
    body,
    schema: ZContainerUpdateResponseSchema,
  });
}

/** POST /api/v1/image-updates/apply — the Updates page's bulk apply: one result per item. */
export function applyBulkUpdates(api: ApiClient, body: BulkUpdateRequest): Promise<BulkUpdateResponse> {
  return api.request({
    method: 'POST',
    path: '/api/v1/image-updates/apply',
    body,
    schema: ZBulkUpdateResponseSchema,
  });
}
