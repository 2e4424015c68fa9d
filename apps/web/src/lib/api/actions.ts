import { type Action, type ContainerVerb, ZActionSchema } from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type ContainerRef, containerPath } from './containers';
import { hostPath } from './hosts';

/** POST …/actions — queues a verb (202 with the action, `queued`). */
export function requestContainerAction(
  api: ApiClient,
  ref: ContainerRef,
  verb: ContainerVerb,
): Promise<Action> {
  return api.request({
    method: 'POST',
    path: `${containerPath(ref)}/actions`,
    body: { verb },
    schema: ZActionSchema,
  });
}

/** POST /api/v1/hosts/:hostId/actions — `update` installs the agent version Berth ships. */
export function requestAgentUpdate(api: ApiClient, hostId: string): Promise<Action> {
  return api.request({
    method: 'POST',
    path: hostPath(hostId, '/actions'),
    body: { verb: 'update' },
    schema: ZActionSchema,
  });
}

/** GET /api/v1/actions/:id */
export function getAction(api: ApiClient, actionId: string, signal?: AbortSignal): Promise<Action> {
  return api.request({
    path: `/api/v1/actions/${encodeURIComponent(actionId)}`,
    schema: ZActionSchema,
    signal,
  });
}
