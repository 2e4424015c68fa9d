import { z } from 'zod';
import type { ApiClient } from './api-client';
import { pageQuery, pageSchema, readAllPages } from './pagination';

/** The signed-in user's own account: password and sessions. Paths and shapes live here only. */

/** PUT /api/v1/me/password — every other session is signed out by the API. */
export async function changePassword(
  api: ApiClient,
  input: { currentPassword?: string; newPassword: string },
): Promise<void> {
  await api.request({ method: 'PUT', path: '/api/v1/me/password', body: input, schema: z.unknown() });
}

export const ZSessionSchema = z.object({
  id: z.string(),
  /** The session of the request that listed them (this browser). */
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
});
export type UserSession = z.infer<typeof ZSessionSchema>;

/** GET /api/v1/me/sessions */
export function listMySessions(api: ApiClient): Promise<UserSession[]> {
  return readAllPages((cursor) =>
    api.request({
      path: '/api/v1/me/sessions',
      query: pageQuery({ limit: 200, cursor }),
      schema: pageSchema(ZSessionSchema),
    }),
  );
}

/** DELETE /api/v1/me/sessions/:sessionId — signs that browser out. */
export async function revokeMySession(api: ApiClient, sessionId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/me/sessions/${encodeURIComponent(sessionId)}`,
    schema: z.unknown(),
  });
}

/** POST /api/v1/me/sessions/revoke-others — signs out everywhere but here. */
export function revokeOtherSessions(api: ApiClient): Promise<{ revoked: number }> {
  return api.request({
    method: 'POST',
    path: '/api/v1/me/sessions/revoke-others',
    schema: z.object({ revoked: z.number() }),
  });
}
