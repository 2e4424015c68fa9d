import type { Role } from '@berth/db';

/** Who is calling, in which organisation, with which role. */
export type Principal =
  | { kind: 'user'; userId: string; orgId: string; role: Role }
  | { kind: 'token'; tokenId: string; orgId: string; role: Role; createdBy: string | null };

/** Roles in increasing power; a route's minimum role admits every role at or above it. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/** The user behind a principal (a token acts for the user who created it, if any). */
export function actingUserId(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.userId : principal.createdBy;
}
