import { randomUUID } from 'node:crypto';
import {
  crossTenantFindUserByIdentity,
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

export type OidcIdentity = {
  email: string;
  name?: string | undefined;
  provider: string;
  issuer: string;
  subject: string;
};
export type OidcLinkOutcome = SignedInUser & { outcome: 'linked' | 'created'; joinedOrgIds: string[] };

/**
 * The web console's OIDC callback. A known identity (issuer, subject) signs in as its user,
 * whatever its e-mail is now. A new identity with an e-mail the provider has verified links
 * to that e-mail's account; else a new account joins the organisations whose pending invites
 * name the e-mail, or gets an organisation of its own.
 */
export async function linkOidcUser(
  ctx: ApiContext,
  request: FastifyRequest,
  identity: OidcIdentity,
): Promise<OidcLinkOutcome> {
  const known = await crossTenantFindUserByIdentity(ctx.db, identity.issuer, identity.subject);
  if (known) {
    await inUser(ctx, known, (tx) =>
      tx.userIdentity.update({
        where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
        data: { email: identity.email, lastUsedAt: new Date() },
      }),
    );
    return { ...(await readSignedInUser(ctx, known)), outcome: 'linked', joinedOrgIds: [] };
  }
  const existing = await crossTenantFindUserForSignIn(ctx.db, identity.email);
  if (existing) {
    await linkExisting(ctx, request, existing.userId, identity);
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
async function linkExisting(
  ctx: ApiContext,
  request: FastifyRequest,
  userId: string,
  identity: OidcIdentity,
) {
  const memberships = await crossTenantUserMemberships(ctx.db, userId);
  await inUser(ctx, userId, async (tx) => {
    // Another person of the same provider once held this e-mail (the provider re-issued
    // it): the account stays with the identity it knows.
    const sameIssuer = await tx.userIdentity.findFirst({
      where: { userId, issuer: identity.issuer },
      select: { id: true },
    });
    if (sameIssuer) {
      throw new AppError(
        'conflict',
        'this e-mail belongs to an account linked to another identity of the same provider',
      );
    }
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
    await tx.userIdentity.create({ data: identityRow(userId, identity) });
    await writeUserAudit(tx, userId, memberships, request, {
      action: 'user.oidc_link',
      targetType: 'user',
      targetId: userId,
      details: { provider: identity.provider, issuer: identity.issuer, passwordCleared },
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

async function createUser(tx: Tx, userId: string, identity: OidcIdentity) {
  await tx.user.create({
    data: { id: userId, email: identity.email, name: identity.name ?? null, emailVerified: new Date() },
  });
  await tx.userIdentity.create({ data: identityRow(userId, identity) });
}

function identityRow(userId: string, identity: OidcIdentity) {
  return { userId, issuer: identity.issuer, subject: identity.subject, email: identity.email };
}
