import {
  type ApiToken,
  type CreatedApiToken,
  type NewApiToken,
  type Page,
  ZApiTokenPageSchema,
  ZCreatedApiTokenSchema,
  ZNoContentSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type PageRequest, pageQuery } from './pagination';

/** API tokens (for scripts and CI). Shapes are the contract's. */
export type { ApiToken, CreatedApiToken } from '@berth/api-contract';

/** GET /api/v1/api-tokens — all tokens for admins, one's own otherwise; never secrets. */
export function listApiTokens(api: ApiClient, page: PageRequest = {}): Promise<Page<ApiToken>> {
  return api.request({
    path: '/api/v1/api-tokens',
    query: pageQuery({ limit: 100, ...page }),
    schema: ZApiTokenPageSchema,
  });
}

/** POST /api/v1/api-tokens — role at most the creator's; the secret is in this answer only. */
export function createApiToken(api: ApiClient, input: NewApiToken): Promise<CreatedApiToken> {
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
    schema: ZNoContentSchema,
  });
}
