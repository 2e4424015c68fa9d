import type { Prisma } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { inOrg } from '../in-org.js';
import { assertInScope, findHostOrThrow } from './find-host.js';
import { hostScopeOf } from './host-scope.js';
import { latestAgentVersion, toHostView } from './host-view.js';

/** Applies `data` to a visible host, audits `action` with `details`, and returns the host as it is now. */
export async function updateHost(
  ctx: ApiContext,
  principal: Principal,
  request: FastifyRequest,
  change: {
    hostId: string;
    data: Prisma.HostUpdateManyMutationInput;
    action: string;
    details: Prisma.InputJsonValue;
  },
) {
  const host = await inOrg(ctx, principal, async (tx) => {
    const scope = await hostScopeOf(tx, principal);
    assertInScope(scope, change.hostId);
    const updated = await tx.host.updateMany({
      where: { id: change.hostId, orgId: principal.orgId },
      data: change.data,
    });
    if (updated.count === 0) throw new AppError('not_found', 'no such host');
    await writeAudit(tx, principal, request, {
      action: change.action,
      targetType: 'host',
      targetId: change.hostId,
      details: change.details,
    });
    return findHostOrThrow(tx, principal.orgId, scope, change.hostId);
  });
  return toHostView(host, latestAgentVersion(ctx));
}
