import {
  type ExecSession,
  type ExecSessionGrant,
  type ExecSettings,
  type ExecSettingsUpdate,
  ZExecSessionGrantSchema,
  ZExecSessionPageSchema,
  ZExecSettingsSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type ContainerRef, containerPath } from './containers';
import { type Page, type PageRequest, pageQuery } from './pagination';

export type { ExecSession, ExecSettings } from '@berth/api-contract';

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

/** PATCH /api/v1/exec-settings (admins) — answers the settings as saved. */
export function updateExecSettings(api: ApiClient, change: ExecSettingsUpdate): Promise<ExecSettings> {
  return api.request({
    method: 'PATCH',
    path: '/api/v1/exec-settings',
    body: change,
    schema: ZExecSettingsSchema,
  });
}

/** GET /api/v1/exec-sessions (admins) — the terminals opened in this org, newest first. */
export function listExecSessions(api: ApiClient, page: PageRequest = {}): Promise<Page<ExecSession>> {
  return api.request({
    path: '/api/v1/exec-sessions',
    query: pageQuery({ limit: page.limit ?? 50, cursor: page.cursor ?? null }),
    schema: ZExecSessionPageSchema,
  });
}

/** Where the console downloads a recorded session (the console forwards /api/v1 with the cookie). */
export function execTranscriptHref(sessionId: string): string {
  return `/api/v1/exec-sessions/${encodeURIComponent(sessionId)}/transcript`;
}
