import { z } from 'zod';
import type { ApiClient } from './api-client';
import { ZRoleSchema } from './identity';
import { type Page, type PageRequest, pageQuery, pageSchema, readAllPages } from './pagination';

/** Members and invites of the current organisation. Paths and shapes live here only. */

export const ZMemberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: ZRoleSchema,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof ZMemberSchema>;

/** GET /api/v1/members — every member (followed across pages; organisations are small). */
export function listMembers(api: ApiClient): Promise<Member[]> {
  return readAllPages((cursor) =>
    api.request({
      path: '/api/v1/members',
      query: pageQuery({ limit: 200, cursor }),
      schema: pageSchema(ZMemberSchema),
    }),
  );
}

/** PATCH /api/v1/members/:userId — owners grant owner; the last owner cannot be demoted (409). */
export async function changeMemberRole(api: ApiClient, userId: string, role: Member['role']): Promise<void> {
  await api.request({
    method: 'PATCH',
    path: `/api/v1/members/${encodeURIComponent(userId)}`,
    body: { role },
    schema: z.unknown(),
  });
}

/** DELETE /api/v1/members/:userId — their API tokens are revoked with them. */
export async function removeMember(api: ApiClient, userId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/members/${encodeURIComponent(userId)}`,
    schema: z.unknown(),
  });
}

export const ZOrgInviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: ZRoleSchema,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type OrgInvite = z.infer<typeof ZOrgInviteSchema>;

/** GET /api/v1/invites — newest first, every status (admins). */
export function listInvites(api: ApiClient, page: PageRequest = {}): Promise<Page<OrgInvite>> {
  return api.request({
    path: '/api/v1/invites',
    query: { ...pageQuery({ limit: 100, ...page }), status: 'all' },
    schema: pageSchema(ZOrgInviteSchema),
  });
}

export const ZCreatedInviteSchema = z.object({
  invite: ZOrgInviteSchema,
  url: z.string(),
  mailed: z.boolean(),
});
export type CreatedInvite = z.infer<typeof ZCreatedInviteSchema>;

/** POST /api/v1/invites — the link is e-mailed when SMTP is configured, and returned here once. */
export function createInvite(
  api: ApiClient,
  input: { email: string; role: Member['role']; expiresInHours: number },
): Promise<CreatedInvite> {
  return api.request({ method: 'POST', path: '/api/v1/invites', body: input, schema: ZCreatedInviteSchema });
}

/** DELETE /api/v1/invites/:inviteId — the link stops working. */
export async function revokeInvite(api: ApiClient, inviteId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/invites/${encodeURIComponent(inviteId)}`,
    schema: z.unknown(),
  });
}
