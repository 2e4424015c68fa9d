import {
  type CreatedEnrolmentToken,
  type EnrolmentToken,
  type NewEnrolmentToken,
  type Page,
  ZCreatedEnrolmentTokenSchema,
  ZEnrolmentTokenPageSchema,
  ZEnrolmentTokenSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type PageRequest, pageQuery } from './pagination';

/** Enrolment tokens: what a new host's agent presents once to join. Shapes are the contract's. */
export type { CreatedEnrolmentToken, EnrolmentToken, NewEnrolmentToken } from '@berth/api-contract';

/** GET /api/v1/enrolment-tokens — newest first (admins). */
export function listEnrolmentTokens(api: ApiClient, page: PageRequest = {}): Promise<Page<EnrolmentToken>> {
  return api.request({
    path: '/api/v1/enrolment-tokens',
    query: pageQuery({ limit: 100, ...page }),
    schema: ZEnrolmentTokenPageSchema,
  });
}

/** POST /api/v1/enrolment-tokens — the answer's install command embeds the secret (shown once). */
export function createEnrolmentToken(
  api: ApiClient,
  input: NewEnrolmentToken,
): Promise<CreatedEnrolmentToken> {
  return api.request({
    method: 'POST',
    path: '/api/v1/enrolment-tokens',
    body: input,
    schema: ZCreatedEnrolmentTokenSchema,
  });
}

/** A 24-hour token for the empty fleet's install command. */
export function createEnrolment(api: ApiClient): Promise<CreatedEnrolmentToken> {
  return createEnrolmentToken(api, {
    name: 'Console install command',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
}

/** POST /api/v1/enrolment-tokens/:tokenId/revoke — hosts already enrolled stay. */
export async function revokeEnrolmentToken(api: ApiClient, tokenId: string): Promise<void> {
  await api.request({
    method: 'POST',
    path: `/api/v1/enrolment-tokens/${encodeURIComponent(tokenId)}/revoke`,
    schema: ZEnrolmentTokenSchema,
  });
}
