import type { Role } from '@/lib/api/identity';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

/** Whether `role` is at least `needed` (the API's own order: viewer < operator < admin < owner). */
export function hasRole(role: Role | null | undefined, needed: Role): boolean {
  return role ? RANK[role] >= RANK[needed] : false;
}

/** Roles a member may hand out (tokens, invites): their own and below; only owners grant owner. */
export function grantableRoles(role: Role | null | undefined): Role[] {
  return (['viewer', 'operator', 'admin', 'owner'] as const).filter((candidate) =>
    role ? RANK[candidate] <= RANK[role] : false,
  );
}

/** The sentence shown instead of admin controls to lesser roles. */
export function adminOnlyReason(what: string, role: Role | null | undefined): string {
  return `Only admins and owners can ${what}. You are ${role === 'operator' ? 'an operator' : `a ${role ?? 'guest'}`} in this organisation; ask an admin if you need this.`;
}
