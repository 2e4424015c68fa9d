import { crossTenantFindInvite, hashSecret, type InviteStatus, type Role } from '@berth/db';
import { AppError } from '@berth/http';
import type { ApiContext } from '../../../context.js';

export type InviteInspection = {
  orgName: string;
  email: string;
  role: Role;
  status: InviteStatus;
  expiresAt: string;
};

/** What the console's invite page shows before sign-up or sign-in; needs the link's secret. */
export async function inspectInvite(ctx: ApiContext, token: string): Promise<InviteInspection> {
  const invite = await crossTenantFindInvite(ctx.db, hashSecret(token));
  if (!invite) throw new AppError('gone', 'this invite link is not valid', { reason: 'unknown' });
  return {
    orgName: invite.orgName,
    email: invite.email,
    role: invite.role,
    status: invite.status,
    expiresAt: invite.expiresAt.toISOString(),
  };
}
