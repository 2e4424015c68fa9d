import { randomUUID } from 'node:crypto';
import {
  crossTenantFindUserForSignIn,
  crossTenantPendingInvitesForEmail,
  crossTenantUserMemberships,
  type PendingInvite,
  type Tx,
  withOrg,
} from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inUser } from '../in-user.js';
import { joinByInvite } from '../invites/join-by-invite.js';
import { isUniqueViolation } from '../is-unique-violation.js';
import { createOrgWithOwner, newOrgId } from '../orgs/create-org-with-owner.js';
import { readSignedInUser, type SignedInUser } from '../read-signed-in-user.js';
import { writeUserAudit } from '../write-user-audit.js';

export type OidcIdentity = { email: string; name?: string | undefined; provider: string };
export type OidcLinkOutcome = SignedInUser & { outcome: 'linked' | 'created'; joinedOrgIds: string[] };

/**
 * The web console's OIDC callback, for an e-mail the provider has verified: the existing
 * account of that e-mail is linked; a new account joins the organisations whose pending
 * invites name the e-mail, or else gets an organisation of its own.
 */
export async function linkOidcUser(
  ctx: ApiContext,
  request: FastifyRequest,
  identity: OidcIdentity,
): Promise<OidcLinkOutcome> {
  const existing = await crossTenantFindUserForSignIn(ctx.db, identity.email);
  if (existing) {
    await linkExisting(ctx, request, existing.userId, identity.provider);
    return { ...(await readSignedInUser(ctx, existing.userId)), outcome: 'linked', joinedOrgIds: [] };
  }
  const userId = randomUUID();
  const invites = await crossTenantPendingInvitesForEmail(ctx.db, identity.email);
  try {
    const joinedOrgIds = invites.length
      ? await createByInvites(ctx, request, userId, identity, invites)
      : await createWithOwnOrg(ctx, request, userId, identity);
    return { ...(await readSignedInUser(ctx, userId)), outcome: 'created', joinedOrgIds };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('conflict', 'this account was created concurrently; retry');
    throw error;
  }
}

/**
 * Pre-hijack defence: an account whose e-mail was never verified may have been registered
 * by someone else with that address. When the address's verified owner arrives, that
 * password is cleared and its sessions are signed out (the owner can set one by reset).
 */
async function linkExisting(ctx: ApiContext, request: FastifyRequest, userId: string, provider: string) {
  const memberships = await crossTenantUserMemberships(ctx.db, userId);
  await inUser(ctx, userId, async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { emailVerified: true, passwordHash: true },
    });
    const passwordCleared = !user.emailVerified && user.passwordHash !== null;
    if (!user.emailVerified) {
      await tx.user.update({
        where: { id: userId },
        data: { emailVerified: new Date(), passwordHash: null },
      });
    }
    if (passwordCleared) {
      await tx.userSession.updateMany({
        where: { userId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    }
    await writeUserAudit(tx, userId, memberships, request, {
      action: 'user.oidc_link',
      targetType: 'user',
      targetId: userId,
      details: { provider, passwordCleared },
    });
  });
}

async function createByInvites(
  ctx: ApiContext,
  request: FastifyRequest,
  userId: string,
  identity: OidcIdentity,
  invites: PendingInvite[],
): Promise<string[]> {
  const joined: string[] = [];
  for (const [index, invite] of invites.entries()) {
    const ok = await withOrg(
      ctx.db,
      invite.orgId,
      async (tx) => {
        if (index === 0) await createUser(tx, userId, identity);
        return joinByInvite(tx, request, invite, userId).then(
          () => true,
          // Revoked or taken between the look-up and now: join the others.
          (error: unknown) => {
            if (index === 0 || !(error instanceof AppError)) throw error;
            return false;
          },
        );
      },
      { userId },
    );
    if (ok) joined.push(invite.orgId);
  }
  return joined;
}

async function createWithOwnOrg(
  ctx: ApiContext,
  request: FastifyRequest,
  userId: string,
  identity: OidcIdentity,
): Promise<string[]> {
  const orgId = newOrgId();
  const name = `${identity.name ?? identity.email.split('@')[0]}'s organisation`;
  await withOrg(
    ctx.db,
    orgId,
    async (tx) => {
      await createUser(tx, userId, identity);
      await createOrgWithOwner(tx, request, { orgId, userId, name });
      await writeAudit(tx, { kind: 'user', userId, orgId, role: 'owner' }, request, {
        action: 'user.sign_up',
        targetType: 'user',
        targetId: userId,
        details: { provider: identity.provider },
      });
    },
    { userId },
  );
  return [orgId];
}

function createUser(tx: Tx, userId: string, identity: OidcIdentity) {
  return tx.user.create({
    data: { id: userId, email: identity.email, name: identity.name ?? null, emailVerified: new Date() },
  });
}
