import { crossTenantFindInvite, hashSecret, type InviteSummary } from '@berth/db';
import { AppError } from '@berth/http';
import type { ApiContext } from '../../../context.js';

const WHY = {
  accepted: 'this invite has already been used',
  revoked: 'this invite was revoked',
  expired: 'this invite has expired',
} as const;

/** The live invite behind a link, or 410 saying why it cannot be used. */
export async function usableInvite(ctx: ApiContext, token: string): Promise<InviteSummary> {
  const invite = await crossTenantFindInvite(ctx.db, hashSecret(token));
  if (!invite) throw new AppError('gone', 'this invite link is not valid', { reason: 'unknown' });
  if (invite.status !== 'pending') throw new AppError('gone', WHY[invite.status], { reason: invite.status });
  return invite;
}
