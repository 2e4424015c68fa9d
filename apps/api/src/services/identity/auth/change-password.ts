import { hashPassword, verifyPassword } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { inUser } from '../in-user.js';
import type { SignedInCaller } from '../signed-in-caller.js';
import { writeUserAudit } from '../write-user-audit.js';

/**
 * A new password for the signed-in user, given the current one (not needed when the
 * account has none yet, e.g. created through single sign-on). Every other session is
 * signed out; this one stays.
 */
export async function changePassword(
  ctx: ApiContext,
  request: FastifyRequest,
  caller: SignedInCaller,
  input: { currentPassword?: string | undefined; newPassword: string },
): Promise<void> {
  const { userId } = caller;
  const current = await inUser(ctx, userId, (tx) =>
    tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } }),
  );
  if (current.passwordHash) {
    const ok = input.currentPassword
      ? await verifyPassword(current.passwordHash, input.currentPassword)
      : false;
    if (!ok) {
      throw new AppError('forbidden', 'the current password is incorrect', {
        issues: [{ field: 'currentPassword', message: 'incorrect' }],
      });
    }
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inUser(ctx, userId, async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.userSession.updateMany({
      where: { userId, revokedAt: null, id: { not: caller.sessionId } },
      data: { revokedAt: new Date() },
    });
    await writeUserAudit(tx, userId, caller.memberships, request, {
      action: 'user.password_change',
      targetType: 'user',
      targetId: userId,
    });
  });
}
