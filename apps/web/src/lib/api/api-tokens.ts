import { z } from 'zod';
import type { ApiClient } from './api-client';
import { ZRoleSchema } from './identity';
import { type Page, type PageRequest, pageQuery, pageSchema } from './pagination';

/** API tokens (for scripts and CI). Paths and shapes live here only. */

export const ZApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The secret's first characters, to recognise it; the secret itself is shown only once. */
  prefix: z.string(),
  role: ZRoleSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ZApiTokenSchema>;

/** GET /api/v1/api-tokens — all tokens for admins, one's own otherwise; never secrets. */
export function listApiTokens(api: ApiClient, page: PageRequest = {}): Promise<Page<ApiToken>> {
  return api.request({
    path: '/api/v1/api-tokens',
    query: pageQuery({ limit: 100, ...page }),
    schema: pageSchema(ZApiTokenSchema),
  });
}

export const ZCreatedApiTokenSchema = z.object({ token: ZApiTokenSchema, secret: z.string() });
export type CreatedApiToken = z.infer<typeof ZCreatedApiTokenSchema>;

/** POST /api/v1/api-tokens — role at most the creator's; the secret is in this answer only. */
export function createApiToken(
  api: ApiClient,
  input: { name: string; role: ApiToken['role']; expiresAt?: string },
): Promise<CreatedApiToken> {
  return api.request({
    method: 'POST',
    path: '/api/v1/api-tokens',
    body: input,
    schema: ZCreatedApiTokenSchema,
  });
}

/** DELETE /api/v1/api-tokens/:tokenId — one's own, or any as admin. */
export async function revokeApiToken(api: ApiClient, tokenId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/api-tokens/${encodeURIComponent(tokenId)}`,
    schema: z.unknown(),
  });
}
