import { type Role, withOrg } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { inUser } from '../in-user.js';
import type { SignedInCaller } from '../signed-in-caller.js';
import { joinByInvite } from './join-by-invite.js';
import { usableInvite } from './usable-invite.js';

/**
 * The signed-in user accepts an invite addressed to their e-mail and joins its
 * organisation with its role. The link works once.
 */
export async function acceptInvite(
  ctx: ApiContext,
  request: FastifyRequest,
  caller: SignedInCaller,
  token: string,
): Promise<{ orgId: string; orgName: string; role: Role }> {
  const invite = await usableInvite(ctx, token);
  const me = await inUser(ctx, caller.userId, (tx) =>
    tx.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { email: true } }),
  );
  if (me.email !== invite.email) {
    throw new AppError(
      'forbidden',
      'this invite is addressed to another e-mail address; sign in as that address',
    );
  }
  await withOrg(ctx.db, invite.orgId, (tx) => joinByInvite(tx, request, invite, caller.userId), {
    userId: caller.userId,
  });
  return { orgId: invite.orgId, orgName: invite.orgName, role: invite.role };
}
