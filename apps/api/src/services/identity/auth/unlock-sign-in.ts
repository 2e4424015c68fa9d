import {
  crossTenantConsumeSignInUnlock,
  crossTenantUserMemberships,
  hashSecret,
  issueSecret,
} from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { inUser } from '../in-user.js';
import { writeUserAudit } from '../write-user-audit.js';
import { DEVICE_TTL_MS } from './sign-in.js';

/**
 * Spends the one-time link of a burst e-mail: the browser that opened it gets a device token
 * its account knows, so its password sign-in skips the ceiling for unfamiliar clients (its
 * own failures still slow it down). Unknown, used and expired links are all 410.
 */
export async function unlockSignIn(
  ctx: ApiContext,
  request: FastifyRequest,
  token: string,
): Promise<{ email: string; device: { token: string; expiresAt: string } }> {
  const device = issueSecret('device');
  const outcome = await crossTenantConsumeSignInUnlock(ctx.db, hashSecret(token), device.hash);
  if (outcome.status !== 'ok') {
    throw new AppError('gone', 'this sign-in link is not valid, was already used, or has expired', {
      reason: outcome.status,
    });
  }
  const memberships = await crossTenantUserMemberships(ctx.db, outcome.userId);
  await inUser(ctx, outcome.userId, (tx) =>
    writeUserAudit(tx, outcome.userId, memberships, request, {
      action: 'user.device_trusted',
      targetType: 'user',
      targetId: outcome.userId,
      details: { address: request.clientAddress, by: 'sign-in link' },
    }),
  );
  return {
    email: outcome.email,
    device: { token: device.secret, expiresAt: new Date(Date.now() + DEVICE_TTL_MS).toISOString() },
  };
}
