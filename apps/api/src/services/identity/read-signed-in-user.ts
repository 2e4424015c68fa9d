import { crossTenantUserMemberships, type UserMembership } from '@berth/db';
import { AppError } from '@berth/http';
import type { ApiContext } from '../../context.js';
import { inUser } from './in-user.js';

export type SignedInUser = {
  user: { id: string; email: string; name: string | null };
  memberships: UserMembership[];
};

/** A user and the organisations they may switch between (sign-in, sign-up, OIDC link answers). */
export async function readSignedInUser(ctx: ApiContext, userId: string): Promise<SignedInUser> {
  const user = await inUser(ctx, userId, (tx) =>
    tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } }),
  );
  if (!user) throw new AppError('not_found', 'no such user');
  return { user, memberships: await crossTenantUserMemberships(ctx.db, userId) };
}
