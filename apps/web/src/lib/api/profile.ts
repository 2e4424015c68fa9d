import {
  type ChangePassword,
  type UserSession,
  ZNoContentSchema,
  ZRevokedSessionsSchema,
  ZSessionPageSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { pageQuery, readAllPages } from './pagination';

/** The signed-in user's own account: password and sessions. Shapes are the contract's. */
export type { UserSession } from '@berth/api-contract';

/** PUT /api/v1/me/password — every other session is signed out by the API. */
export async function changePassword(api: ApiClient, input: ChangePassword): Promise<void> {
  await api.request({ method: 'PUT', path: '/api/v1/me/password', body: input, schema: ZNoContentSchema });
}

/** GET /api/v1/me/sessions */
export function listMySessions(api: ApiClient): Promise<UserSession[]> {
  return readAllPages((cursor) =>
    api.request({
      path: '/api/v1/me/sessions',
      query: pageQuery({ limit: 200, cursor }),
      schema: ZSessionPageSchema,
    }),
  );
}

/** DELETE /api/v1/me/sessions/:sessionId — signs that browser out. */
export async function revokeMySession(api: ApiClient, sessionId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/me/sessions/${encodeURIComponent(sessionId)}`,
    schema: ZNoContentSchema,
  });
}

/** POST /api/v1/me/sessions/revoke-others — signs out everywhere but here. */
export function revokeOtherSessions(api: ApiClient): Promise<{ revoked: number }> {
  return api.request({
    method: 'POST',
    path: '/api/v1/me/sessions/revoke-others',
    schema: ZRevokedSessionsSchema,
  });
}
