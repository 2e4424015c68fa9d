import type { Role, Tx } from '@berth/db';
import { AppError } from '@berth/http';
import { actingUserId, type Principal, ROLE_RANK } from '../../../auth/principal.js';

/**
 * Who may give or take which role: only owners grant, change or remove `owner`; an admin
 * manages admins, operators and viewers; nobody raises their own role.
 */
export function assertMayManage(
  principal: Principal,
  target: { userId: string; role: Role },
  newRole?: Role,
) {
  const rank = ROLE_RANK[principal.role];
  if (ROLE_RANK[target.role] > rank) {
    throw new AppError('forbidden', `only an ${target.role} or above may change an ${target.role}`);
  }
  if (newRole && ROLE_RANK[newRole] > rank) {
    throw new AppError('forbidden', `only an ${newRole} or above may grant ${newRole}`, {
      issues: [{ field: 'role', message: `above your role (${principal.role})` }],
    });
  }
  if (newRole === 'owner' && principal.role !== 'owner')
    throw new AppError('forbidden', 'only owners grant owner');
  if (newRole && target.userId === actingUserId(principal) && ROLE_RANK[newRole] > ROLE_RANK[target.role]) {
    throw new AppError('forbidden', 'nobody can raise their own role');
  }
}

/**
 * Locks the org's owner memberships for the rest of the transaction, so two concurrent
 * demotions or removals cannot both see "another owner remains" (row locks need SQL).
 */
export async function countOwnersLocked(tx: Tx): Promise<number> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM memberships WHERE role = 'owner' FOR UPDATE`;
  return rows.length;
}

export function lastOwnerError(): AppError {
  return new AppError('conflict', 'an organisation needs at least one owner: make someone else owner first');
}

/** Roles strictly above `role`, e.g. for capping the API tokens of a demoted member. */
export function rolesAbove(role: Role): Role[] {
  return (Object.keys(ROLE_RANK) as Role[]).filter((r) => ROLE_RANK[r] > ROLE_RANK[role]);
}
