import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';
import { toEnrolmentTokenView } from './enrolment-token-view.js';

/** Revokes a token (idempotent: revoking again keeps the first time); hosts already enrolled stay. */
export async function revokeEnrolmentToken(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  tokenId: string,
) {
  return inOrg(ctx, principal, async (tx) => {
    const revoked = await tx.enrollmentToken.updateManyAndReturn({
      where: { id: tokenId, orgId: principal.orgId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const token =
      revoked[0] ?? (await tx.enrollmentToken.findFirst({ where: { id: tokenId, orgId: principal.orgId } }));
    if (!token) throw new AppError('not_found', 'no such enrolment token');
    if (revoked[0]) {
      await writeAudit(tx, principal, request, {
        action: 'enrolment_token.revoke',
        targetType: 'enrolment_token',
        targetId: token.id,
        details: { name: token.name },
      });
    }
    return toEnrolmentTokenView(token);
  });
}
