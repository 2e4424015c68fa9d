import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';

/** Revokes a not-yet-accepted invite; its link stops working at once. */
export async function revokeInvite(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  inviteId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const invite = await tx.invite.findUnique({ where: { id: inviteId } });
    if (!invite) throw new AppError('not_found', 'no such invite');
    if (invite.acceptedAt)
      throw new AppError('conflict', 'this invite was already accepted; remove the member instead');
    if (!invite.revokedAt)
      await tx.invite.update({ where: { id: inviteId }, data: { revokedAt: new Date() } });
    await writeAudit(tx, principal, request, {
      action: 'invite.revoke',
      targetType: 'invite',
      targetId: inviteId,
      details: { email: invite.email },
    });
  });
}
