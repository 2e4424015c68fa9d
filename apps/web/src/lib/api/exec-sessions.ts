import {
  type ExecSessionGrant,
  type ExecSettings,
  ZExecSessionGrantSchema,
  ZExecSettingsSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type ContainerRef, containerPath } from './containers';

/** POST …/exec-sessions — grants a terminal: the socket path and its one-time ticket. */
export function openExecSession(
  api: ApiClient,
  ref: ContainerRef,
  body: { cmd: string[]; cols: number; rows: number },
): Promise<ExecSessionGrant> {
  return api.request({
    method: 'POST',
    path: `${containerPath(ref)}/exec-sessions`,
    body,
    schema: ZExecSessionGrantSchema,
  });
}

/** GET /api/v1/exec-settings — whether operators may open terminals, whether they are recorded. */
export function getExecSettings(api: ApiClient): Promise<ExecSettings> {
  return api.request({ path: '/api/v1/exec-settings', schema: ZExecSettingsSchema });
}
