import type { OrgInvite } from '@berth/api-contract';
import type { InviteModel as Invite } from '@berth/db';

export type InviteView = OrgInvite;

/** An invite as the API shows it (never its token hash). */
export function inviteView(invite: Invite, now = new Date()): InviteView {
  const status = invite.acceptedAt
    ? 'accepted'
    : invite.revokedAt
      ? 'revoked'
      : invite.expiresAt <= now
        ? 'expired'
        : 'pending';
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    status,
    invitedBy: invite.invitedBy,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    acceptedAt: invite.acceptedAt?.toISOString() ?? null,
    revokedAt: invite.revokedAt?.toISOString() ?? null,
  };
}
