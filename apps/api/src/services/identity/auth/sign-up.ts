import { randomUUID } from 'node:crypto';
import { crossTenantFindUserForSignIn, hashPassword, withOrg } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { joinByInvite } from '../invites/join-by-invite.js';
import { usableInvite } from '../invites/usable-invite.js';
import { isUniqueViolation } from '../is-unique-violation.js';
import { createOrgWithOwner, newOrgId } from '../orgs/create-org-with-owner.js';
import { readSignedInUser, type SignedInUser } from '../read-signed-in-user.js';

export type SignUpInput = {
  email: string;
  password: string;
  name?: string | undefined;
  orgName?: string | undefined;
  inviteToken?: string | undefined;
};

const emailTaken = () =>
  new AppError('conflict', 'an account with this e-mail already exists; sign in or reset the password', {
    issues: [{ field: 'email', message: 'already registered' }],
  });

/**
 * A new account: with an invite link, the user joins the inviting organisation (the
 * invite must be addressed to this e-mail); otherwise a new organisation is created with
 * the user as its owner. Either way in one transaction with its audit rows.
 */
export async function signUp(
  ctx: ApiContext,
  request: FastifyRequest,
  input: SignUpInput,
): Promise<SignedInUser> {
  if (await crossTenantFindUserForSignIn(ctx.db, input.email)) throw emailTaken();
  const invite = input.inviteToken ? await usableInvite(ctx, input.inviteToken) : null;
  if (invite && invite.email !== input.email) {
    throw new AppError('bad_request', 'this invite is addressed to another e-mail address', {
      issues: [{ field: 'email', message: 'does not match the invite' }],
    });
  }
  const userId = randomUUID();
  const passwordHash = await hashPassword(input.password);
  const orgId = invite?.orgId ?? newOrgId();
  try {
    await withOrg(
      ctx.db,
      orgId,
      async (tx) => {
        await tx.user.create({
          data: { id: userId, email: input.email, name: input.name ?? null, passwordHash },
        });
        if (invite) return joinByInvite(tx, request, invite, userId);
        const name = input.orgName ?? `${input.name ?? input.email.split('@')[0]}'s organisation`;
        await createOrgWithOwner(tx, request, { orgId, userId, name });
        await writeAudit(tx, { kind: 'user', userId, orgId, role: 'owner' }, request, {
          action: 'user.sign_up',
          targetType: 'user',
          targetId: userId,
        });
      },
      { userId },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  return readSignedInUser(ctx, userId);
}
