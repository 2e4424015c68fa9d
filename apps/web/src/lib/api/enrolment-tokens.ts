import { z } from 'zod';
import type { ApiClient } from './api-client';
import { type Page, type PageRequest, pageQuery, pageSchema } from './pagination';

/** Enrolment tokens: what a new host's agent presents once to join. Paths and shapes live here only. */

export const ZEnrolmentTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  /** Applied to every host that enrols with the token. */
  labels: z.record(z.string(), z.string()),
  maxUses: z.number().nullable(),
  uses: z.number(),
  status: z.enum(['active', 'expired', 'revoked', 'exhausted']),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type EnrolmentToken = z.infer<typeof ZEnrolmentTokenSchema>;

/** GET /api/v1/enrolment-tokens — newest first (admins). */
export function listEnrolmentTokens(api: ApiClient, page: PageRequest = {}): Promise<Page<EnrolmentToken>> {
  return api.request({
    path: '/api/v1/enrolment-tokens',
    query: pageQuery({ limit: 100, ...page }),
    schema: pageSchema(ZEnrolmentTokenSchema),
  });
}

export const ZCreatedEnrolmentTokenSchema = z.object({
  token: ZEnrolmentTokenSchema,
  secret: z.string(),
  /** The one line a person pastes on the host; it embeds the secret, so it is shown once. */
  installCommand: z.string(),
});
export type CreatedEnrolmentToken = z.infer<typeof ZCreatedEnrolmentTokenSchema>;

export type NewEnrolmentToken = {
  name: string;
  expiresAt: string;
  maxUses: number | null;
  labels: Record<string, string>;
};

/** POST /api/v1/enrolment-tokens */
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

/** POST /api/v1/enrolment-tokens/:tokenId/revoke — hosts already enrolled stay. */
export async function revokeEnrolmentToken(api: ApiClient, tokenId: string): Promise<void> {
  await api.request({
    method: 'POST',
    path: `/api/v1/enrolment-tokens/${encodeURIComponent(tokenId)}/revoke`,
    schema: z.unknown(),
  });
}
