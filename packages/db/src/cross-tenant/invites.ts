import type { Db } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';

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
