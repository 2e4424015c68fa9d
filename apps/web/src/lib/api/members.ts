import {
  type CreatedInvite,
  type Member,
  type NewInvite,
  type OrgInvite,
  type Page,
  type Role,
  ZChangedRoleSchema,
  ZCreatedInviteSchema,
  ZInvitePageSchema,
  ZMemberPageSchema,
  ZNoContentSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type PageRequest, pageQuery, readAllPages } from './pagination';

/** Members and invites of the current organisation. Shapes are the contract's. */
export type { CreatedInvite, Member, OrgInvite } from '@berth/api-contract';

/** GET /api/v1/members — every member (followed across pages; organisations are small). */
export function listMembers(api: ApiClient): Promise<Member[]> {
  return readAllPages((cursor) =>
    api.request({
      path: '/api/v1/members',
      query: pageQuery({ limit: 200, cursor }),
      schema: ZMemberPageSchema,
    }),
  );
}

/** PATCH /api/v1/members/:userId — owners grant owner; the last owner cannot be demoted (409). */
export async function changeMemberRole(api: ApiClient, userId: string, role: Role): Promise<void> {
  await api.request({
    method: 'PATCH',
    path: `/api/v1/members/${encodeURIComponent(userId)}`,
    body: { role },
    schema: ZChangedRoleSchema,
  });
}

/** DELETE /api/v1/members/:userId — their API tokens are revoked with them. */
export async function removeMember(api: ApiClient, userId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/members/${encodeURIComponent(userId)}`,
    schema: ZNoContentSchema,
  });
}

/** GET /api/v1/invites — newest first, every status (admins). */
export function listInvites(api: ApiClient, page: PageRequest = {}): Promise<Page<OrgInvite>> {
  return api.request({
    path: '/api/v1/invites',
    query: { ...pageQuery({ limit: 100, ...page }), status: 'all' },
    schema: ZInvitePageSchema,
  });
}

/** POST /api/v1/invites — the link is e-mailed when SMTP is configured, and returned here once. */
export function createInvite(api: ApiClient, input: NewInvite): Promise<CreatedInvite> {
  return api.request({ method: 'POST', path: '/api/v1/invites', body: input, schema: ZCreatedInviteSchema });
}

/** DELETE /api/v1/invites/:inviteId — the link stops working. */
export async function revokeInvite(api: ApiClient, inviteId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/invites/${encodeURIComponent(inviteId)}`,
    schema: ZNoContentSchema,
  });
}
