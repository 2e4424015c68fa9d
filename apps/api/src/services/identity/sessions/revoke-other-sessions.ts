import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { inUser } from '../in-user.js';
import type { SignedInCaller } from '../signed-in-caller.js';
import { writeUserAudit } from '../write-user-audit.js';

/** Signs out every session of the caller except the one making this call. */
export async function revokeOtherSessions(
  ctx: ApiContext,
  request: FastifyRequest,
  caller: SignedInCaller,
): Promise<{ revoked: number }> {
  return inUser(ctx, caller.userId, async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { userId: caller.userId, revokedAt: null, id: { not: caller.sessionId } },
      data: { revokedAt: new Date() },
    });
    await writeUserAudit(tx, caller.userId, caller.memberships, request, {
      action: 'session.revoke_others',
      targetType: 'user',
      targetId: caller.userId,
      details: { revoked: count },
    });
    return { revoked: count };
  });
}
