import type { Db } from './client.js';
import type { Role } from './generated/prisma/enums.js';

// The cross-tenant path: look-ups that happen before an organisation is known. Each is a
// SECURITY DEFINER function in the `cross_tenant` schema (see the migration of that name);
// this module (with cross-tenant-sign-in.ts for password sign-in) is their only caller, so a
// review of both covers every tenant crossing.

export type HostIdentity = { hostId: string; orgId: string; revoked: boolean; lastSeq: bigint };

export async function crossTenantAuthenticateHost(
  db: Db,
  credentialHash: string,
): Promise<HostIdentity | null> {
  const rows = await db.$queryRaw<{ host_id: string; org_id: string; revoked: boolean; last_seq: bigint }[]>`
    SELECT * FROM cross_tenant.authenticate_host(${credentialHash})`;
  const row = rows[0];
  return row ? { hostId: row.host_id, orgId: row.org_id, revoked: row.revoked, lastSeq: row.last_seq } : null;
}

export type EnrollmentOutcome =
  | { status: 'ok'; tokenId: string; orgId: string; labels: Record<string, string> }
  | { status: 'unknown' | 'expired' | 'revoked' | 'exhausted' };

/** Takes one use of an enrolment token inside the caller's transaction (`db` may be a tx). */
export async function crossTenantConsumeEnrollmentToken(
  db: Pick<Db, '$queryRaw'>,
  tokenHash: string,
): Promise<EnrollmentOutcome> {
  const rows = await db.$queryRaw<
    {
      status: string;
      token_id: string | null;
      org_id: string | null;
      labels: Record<string, string> | null;
    }[]
  >`SELECT * FROM cross_tenant.consume_enrollment_token(${tokenHash})`;
  const row = rows[0];
  if (row?.status === 'ok' && row.token_id && row.org_id) {
    return { status: 'ok', tokenId: row.token_id, orgId: row.org_id, labels: row.labels ?? {} };
  }
  const status = row?.status;
  return {
    status: status === 'expired' || status === 'revoked' || status === 'exhausted' ? status : 'unknown',
  };
}

export type UserMembership = { orgId: string; orgName: string; orgSlug: string; role: Role };

export async function crossTenantUserMemberships(db: Db, userId: string): Promise<UserMembership[]> {
  const rows = await db.$queryRaw<{ org_id: string; org_name: string; org_slug: string; role: Role }[]>`
    SELECT * FROM cross_tenant.user_memberships(${userId}::uuid)`;
  return rows.map((row) => ({
    orgId: row.org_id,
    orgName: row.org_name,
    orgSlug: row.org_slug,
    role: row.role,
  }));
}

export type ApiTokenIdentity = { tokenId: string; orgId: string; role: Role; createdBy: string | null };

export async function crossTenantAuthenticateApiToken(
  db: Db,
  tokenHash: string,
): Promise<ApiTokenIdentity | null> {
  const rows = await db.$queryRaw<
    { token_id: string; org_id: string; role: Role; created_by: string | null }[]
  >`
    SELECT * FROM cross_tenant.authenticate_api_token(${tokenHash})`;
  const row = rows[0];
  return row ? { tokenId: row.token_id, orgId: row.org_id, role: row.role, createdBy: row.created_by } : null;
}

export type EnrolHostData = {
  name: string;
  hostname: string;
  agentVersion?: string | undefined;
  os?: string | undefined;
  kernel?: string | undefined;
  arch?: string | undefined;
  cpus?: number | undefined;
  memTotal?: bigint | undefined;
  dockerVersion?: string | null | undefined;
  credentialHash: string;
};

export type EnrolHostOutcome =
  | { status: 'ok'; hostId: string; orgId: string }
  | { status: 'unknown' | 'expired' | 'revoked' | 'exhausted' };

/**
 * Exchanges an enrolment token for a host, in one transaction: the token's use is taken
 * only if the host row is created, and the host lands in the token's organisation with
 * the token's labels.
 */
export async function crossTenantEnrolHost(
  db: Db,
  tokenHash: string,
  host: EnrolHostData,
): Promise<EnrolHostOutcome> {
  return db.$transaction(async (tx) => {
    const outcome = await crossTenantConsumeEnrollmentToken(tx, tokenHash);
    if (outcome.status !== 'ok') return { status: outcome.status };
    await tx.$executeRaw`SELECT set_config('app.org_id', ${outcome.orgId}, true)`;
    const created = await tx.host.create({
      data: { ...host, orgId: outcome.orgId, labels: outcome.labels, enrollmentTokenId: outcome.tokenId },
      select: { id: true },
    });
    return { status: 'ok', hostId: created.id, orgId: outcome.orgId };
  });
}

/** Whether a console session (the JWT's `sid`) of this user is live; records its use. */
export async function crossTenantTouchUserSession(
  db: Db,
  sessionId: string,
  userId: string,
): Promise<boolean> {
  const rows = await db.$queryRaw<{ live: boolean }[]>`
    SELECT cross_tenant.touch_user_session(${sessionId}, ${userId}::uuid) AS live`;
  return rows[0]?.live === true;
}

export type InviteStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export type InviteSummary = {
  inviteId: string;
  orgId: string;
  orgName: string;
  email: string;
  role: Role;
  status: InviteStatus;
  expiresAt: Date;
};

/** An invite link's hash → the invite, its organisation and whether it can still be used. */
export async function crossTenantFindInvite(
  db: Pick<Db, '$queryRaw'>,
  tokenHash: string,
): Promise<InviteSummary | null> {
  const rows = await db.$queryRaw<
    {
      invite_id: string;
      org_id: string;
      org_name: string;
      email: string;
      role: Role;
      status: InviteStatus;
      expires_at: Date;
    }[]
  >`SELECT * FROM cross_tenant.find_invite(${tokenHash})`;
  const row = rows[0];
  return row
    ? {
        inviteId: row.invite_id,
        orgId: row.org_id,
        orgName: row.org_name,
        email: row.email,
        role: row.role,
        status: row.status,
        expiresAt: row.expires_at,
      }
    : null;
}

export type PendingInvite = { inviteId: string; orgId: string; role: Role };

/** Live invites addressed to an e-mail that an identity provider has verified. */
export async function crossTenantPendingInvitesForEmail(db: Db, email: string): Promise<PendingInvite[]> {
  const rows = await db.$queryRaw<{ invite_id: string; org_id: string; role: Role }[]>`
    SELECT * FROM cross_tenant.pending_invites_for_email(${email})`;
  return rows.map((row) => ({ inviteId: row.invite_id, orgId: row.org_id, role: row.role }));
}

/** The user an OIDC identity (issuer, subject) signed in as before; null for a new identity. */
export async function crossTenantFindUserByIdentity(
  db: Db,
  issuer: string,
  subject: string,
): Promise<string | null> {
  const rows = await db.$queryRaw<{ user_id: string | null }[]>`
    SELECT cross_tenant.find_user_by_identity(${issuer}, ${subject}) AS user_id`;
  return rows[0]?.user_id ?? null;
}

export type PasswordResetRecipient = { userId: string; email: string; name: string | null };

/** Stores a reset link (hash, valid 1 hour) for the account of `email`; null when there is none. */
export async function crossTenantIssuePasswordReset(
  db: Db,
  email: string,
  tokenHash: string,
  ip: string | null,
): Promise<PasswordResetRecipient | null> {
  const rows = await db.$queryRaw<{ user_id: string; email: string; name: string | null }[]>`
    SELECT * FROM cross_tenant.issue_password_reset(${email}, ${tokenHash}, ${ip})`;
  const row = rows[0];
  return row ? { userId: row.user_id, email: row.email, name: row.name } : null;
}

export type PasswordResetOutcome =
  | { status: 'ok'; userId: string }
  | { status: 'unknown' | 'used' | 'expired' };

/** Spends a reset link (and the user's other outstanding ones) inside the caller's transaction. */
export async function crossTenantConsumePasswordReset(
  db: Pick<Db, '$queryRaw'>,
  tokenHash: string,
): Promise<PasswordResetOutcome> {
  const rows = await db.$queryRaw<{ status: string; user_id: string | null }[]>`
    SELECT * FROM cross_tenant.consume_password_reset(${tokenHash})`;
  const row = rows[0];
  if (row?.status === 'ok' && row.user_id) return { status: 'ok', userId: row.user_id };
  const status = row?.status;
  return { status: status === 'used' || status === 'expired' ? status : 'unknown' };
}
