import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';
import { disconnectHost } from './disconnect-host.js';
import { assertInScope, findHostOrThrow } from './find-host.js';
import { hostScopeOf } from './host-scope.js';
import { latestAgentVersion, toHostView } from './host-view.js';

/**
 * Revokes a host's credential: the gateway refuses it from its next batch or reconnect, and the
 * gateway holding its socket is told to close it at once. Idempotent (the first time is kept).
 */
export async function revokeHost(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  hostId: string,
) {
  const host = await inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    assertInScope(scope, hostId);
    const revoked = await tx.host.updateMany({
      where: { id: hostId, orgId: principal.orgId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const found = await findHostOrThrow(tx, principal.orgId, scope, hostId);
    if (revoked.count > 0) {
      await writeAudit(tx, principal, request, {
        action: 'host.revoke',
        targetType: 'host',
        targetId: hostId,
        details: { name: found.name },
      });
    }
    return found;
  });
  await disconnectHost(ctx, hostId);
  return toHostView(host, latestAgentVersion(ctx));
}
