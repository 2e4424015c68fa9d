import { randomBytes } from 'node:crypto';
import { crossTenantUserMemberships } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { inUser } from '../in-user.js';
import { isForeignKeyViolation } from '../is-unique-violation.js';
import { writeUserAudit } from '../write-user-audit.js';

export type NewSession = {
  userId: string;
  userAgent?: string | undefined;
  ip?: string | undefined;
  expiresAt?: Date | undefined;
};

/** Auth.js's default session lifetime. */
const DEFAULT_TTL_MS = 30 * 86_400_000;

/**
 * Registers a console sign-in; the returned id goes into the JWT as `sid`. The user agent
 * and address are the browser's, for "profile → sessions": the address the console names in
 * the (signed) body, else the one it vouched for in x-berth-client (request.clientAddress).
 */
export async function createUserSession(
  ctx: ApiContext,
  request: FastifyRequest,
  input: NewSession,
): Promise<{ sessionId: string; expiresAt: Date }> {
  const sessionId = randomBytes(32).toString('base64url');
  const ip = input.ip ?? request.clientAddress;
  const expiresAt = input.expiresAt ?? new Date(Date.now() + DEFAULT_TTL_MS);
  const memberships = await crossTenantUserMemberships(ctx.db, input.userId);
  try {
    await inUser(ctx, input.userId, async (tx) => {
      await tx.userSession.create({
        data: {
          id: sessionId,
          userId: input.userId,
          expiresAt,
          userAgent: input.userAgent?.slice(0, 512) ?? null,
          ip,
        },
      });
      await writeUserAudit(tx, input.userId, memberships, request, {
        action: 'session.create',
        targetType: 'session',
        targetId: sessionId.slice(0, 8),
        details: { ip },
      });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError('not_found', 'no such user');
    throw error;
  }
  return { sessionId, expiresAt };
}
