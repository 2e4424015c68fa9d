import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal, roleAtLeast } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';

/** Revokes a token (its creator's own, or any for admins); it stops working at once. */
export async function revokeApiToken(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  tokenId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!token) throw new AppError('not_found', 'no such API token');
    const own = token.createdBy !== null && token.createdBy === actingUserId(principal);
    if (!own && !roleAtLeast(principal.role, 'admin')) {
      throw new AppError('forbidden', 'only admins revoke tokens created by others');
    }
    if (!token.revokedAt)
      await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await writeAudit(tx, principal, request, {
      action: 'api_token.revoke',
      targetType: 'api_token',
      targetId: tokenId,
      details: { name: token.name },
    });
  });
}
