import { crossTenantResetPassword, crossTenantUserMemberships, hashPassword, hashSecret } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { writeUserAudit } from '../write-user-audit.js';

/**
 * Spends a reset link and sets the new password in one transaction; also marks the e-mail
 * verified (the link reached that mailbox) and signs out every
 * session. Unknown, used and expired links are all 410.
 */
export async function resetPassword(
  ctx: ApiContext,
  request: FastifyRequest,
  input: { token: string; password: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const outcome = await crossTenantResetPassword(ctx.db, hashSecret(input.token), async (tx, userId) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerified: true } });
    const now = new Date();
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, emailVerified: user.emailVerified ?? now },
    });
    await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    const memberships = await crossTenantUserMemberships(ctx.db, userId);
    await writeUserAudit(tx, userId, memberships, request, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: userId,
    });
  });
  if (outcome.status !== 'ok') {
    throw new AppError('gone', 'this reset link is not valid, was already used, or has expired', {
      reason: outcome.status,
    });
  }
}
