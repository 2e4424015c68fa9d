import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { inUser } from '../in-user.js';
import type { SignedInCaller } from '../signed-in-caller.js';
import { writeUserAudit } from '../write-user-audit.js';

/**
 * Signs one of the caller's own sessions out (their current one for sign-out). Another
 * user's session id is simply not found: the user_sessions policy hides it.
 */
export async function revokeUserSession(
  ctx: ApiContext,
  request: FastifyRequest,
  caller: SignedInCaller,
  sessionId: string,
): Promise<void> {
  await inUser(ctx, caller.userId, async (tx) => {
    const revoked = await tx.userSession.updateMany({
      where: { id: sessionId, userId: caller.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count === 0) throw new AppError('not_found', 'no such session');
    await writeUserAudit(tx, caller.userId, caller.memberships, request, {
      action: sessionId === caller.sessionId ? 'user.sign_out' : 'session.revoke',
      targetType: 'session',
      targetId: sessionId.slice(0, 8),
    });
  });
}
